package org.strongroom.clients;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An import as it stands: settings, counts, state and the line-by-line problems (row, field,
 * message key — never a value).
 *
 * @param state      RUNNING, FINISHED, REJECTED (all-or-nothing found bad rows: nothing created),
 *                   FAILED, INTERRUPTED, UNDONE, or DRY_RUN for a check that wrote nothing
 * @param problems   at most {@value #PROBLEMS_KEPT} problems, in row order
 */
public record ImportReport(@Nullable UUID id, String layout, ImportMode mode, String state, Instant startedAt,
                           @Nullable Instant finishedAt, @Nullable String startedBy, int rows, int created, int badRows,
                           int duplicateRows, int skippedDuplicates, int problemCount, List<ImportProblem> problems,
                           @Nullable Instant undoneAt, int removed, int kept) {

    public static final int PROBLEMS_KEPT = 10_000;

    public ImportReport {
        problems = List.copyOf(problems);
    }

    public boolean undoable() {
        return id != null && created > 0 && ("FINISHED".equals(state) || "FAILED".equals(state) || "INTERRUPTED".equals(state));
    }
}
