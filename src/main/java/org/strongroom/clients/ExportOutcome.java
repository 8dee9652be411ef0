package org.strongroom.clients;

import java.util.List;
import java.util.Map;

/**
 * The outcome of an export. Only {@link Done} wrote anything; the others wrote nothing and
 * recorded no export.
 */
public sealed interface ExportOutcome {

    /** The file was written (or stopped by the receiver after it began: {@code complete} false). */
    record Done(int clients, boolean complete) implements ExportOutcome {
    }

    /** Bad input: field ({@code fields}, {@code selection}, {@code references}, …) → message key. */
    record Rejected(Map<String, String> problems) implements ExportOutcome {
        public Rejected {
            problems = Map.copyOf(problems);
        }
    }

    /**
     * Some named clients do not exist or are not the asker's to export — the same answer for both,
     * so an export never tells whether a record outside one's reach exists. The whole export is
     * refused.
     *
     * @param references the references (or ids) as the asker gave them
     */
    record NotFound(List<String> references) implements ExportOutcome {
        public NotFound {
            references = List.copyOf(references);
        }
    }
}
