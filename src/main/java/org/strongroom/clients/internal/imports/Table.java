package org.strongroom.clients.internal.imports;

import java.util.List;

/**
 * A parsed file as columns and rows of text, whatever its format: a CSV file's header and records,
 * or a vCard file with one row per card and one column per property the import understands.
 */
public record Table(List<String> headers, List<Row> rows) {

    public Table {
        headers = List.copyOf(headers);
        rows = List.copyOf(rows);
    }

    /**
     * One record.
     *
     * @param number the row as a person counts it: for CSV the spreadsheet row (the header is
     *               row 1), for vCard the card's position (the first card is 1)
     * @param cells  one value per column ({@code ""} where the record had none)
     */
    public record Row(int number, String[] cells) {
        public String cell(int column) {
            return column < cells.length ? cells[column] : "";
        }

        @Override
        public String toString() {
            return "Row[" + number + "]";
        }
    }
}
