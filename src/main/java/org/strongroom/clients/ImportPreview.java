package org.strongroom.clients;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A staged file as the mapping step shows it: its columns, the mapping (suggested or chosen), the
 * first rows with each cell's problem, and counts over the whole file. Holds values from the file
 * in memory for the person importing; never stored.
 *
 * @param token      the staging id (unguessable, bound to the person who uploaded, short-lived)
 * @param layout     csv, vcard, google or outlook
 * @param rows       the first {@value #ROWS} rows
 * @param totalRows  rows in the file
 * @param badRows    rows with at least one problem under this mapping (whole file)
 * @param duplicateRows rows that repeat an earlier row of the file (whole file; existing clients are
 *                   checked only for the rows shown, and in full when the import runs)
 */
public record ImportPreview(String token, String layout, List<String> headers, Map<Integer, String> mapping, List<Row> rows,
                            int totalRows, int badRows, int duplicateRows, List<FieldDefinition> fields) {

    public static final int ROWS = 20;

    public ImportPreview {
        headers = List.copyOf(headers);
        mapping = Map.copyOf(mapping);
        rows = List.copyOf(rows);
        fields = List.copyOf(fields);
    }

    /** One row shown: its cells, its problems, and the records it may duplicate. */
    public record Row(int number, List<Cell> cells, List<ImportProblem> problems, List<String> duplicateOf) {
        public Row {
            cells = List.copyOf(cells);
            problems = List.copyOf(problems);
            duplicateOf = List.copyOf(duplicateOf);
        }

        @Override
        public String toString() {
            return "Row[" + number + "]";
        }
    }

    /**
     * One cell.
     *
     * @param formula the value starts with {@code = + - @} (or a tab or carriage return) and a
     *                spreadsheet would run it as a formula: it is imported as typed text, never
     *                evaluated, and flagged so the person importing notices
     * @param problem the message key of the cell's problem under the mapping, if any
     */
    public record Cell(String value, boolean formula, @Nullable String problem) {
        @Override
        public String toString() {
            return "Cell";
        }
    }

    @Override
    public String toString() {
        return "ImportPreview[" + layout + ", " + totalRows + " rows]";
    }
}
