package org.strongroom.clients.internal.imports;

import java.util.ArrayList;
import java.util.List;

/**
 * A strict RFC 4180 reader with limits, over text already decoded by {@link TextDecoder}. The
 * separator is a comma, a semicolon (spreadsheets in many European locales) or a tab, whichever
 * the header line uses most outside quotes. Fields may be quoted ({@code ""} inside quotes is one
 * quote) and may then hold separators and line breaks; a quote inside an unquoted field is data.
 *
 * <p>Refused as a whole ({@link FileRefused}, naming the line): a quote that is never closed,
 * text after a closing quote, a record longer than {@link ImportLimits#MAX_LINE} characters, more
 * than {@link ImportLimits#MAX_COLUMNS} columns, more than {@link ImportLimits#MAX_ROWS} rows, a
 * file without a header or without data. Nothing is evaluated: a value starting with {@code =} is
 * just text.
 */
public final class CsvReader {

    private final String text;
    private final char separator;
    private int pos;
    private int line = 1;

    private CsvReader(String text) {
        this.text = text;
        this.separator = separatorOf(text);
    }

    public static Table read(String text) {
        return new CsvReader(text).table();
    }

    private Table table() {
        List<String> headers = null;
        List<Table.Row> rows = new ArrayList<>();
        int record = 0;
        while (pos < text.length()) {
            List<String> cells = record();
            record++;
            if (cells.size() == 1 && cells.get(0).isBlank()) {
                continue;
            }
            if (headers == null) {
                headers = new ArrayList<>();
                for (String cell : cells) {
                    headers.add(cell.strip());
                }
                continue;
            }
            if (rows.size() == ImportLimits.MAX_ROWS) {
                throw new FileRefused("clientimport.error.tooManyRows", 0);
            }
            rows.add(new Table.Row(record, cells.toArray(String[]::new)));
        }
        if (headers == null || rows.isEmpty()) {
            throw new FileRefused("clientimport.error.empty", 0);
        }
        return new Table(headers, rows);
    }

    /** Reads one record and the line break after it. */
    private List<String> record() {
        List<String> cells = new ArrayList<>();
        int start = pos;
        int startLine = line;
        StringBuilder cell = new StringBuilder();
        while (true) {
            if (pos - start > ImportLimits.MAX_LINE) {
                throw new FileRefused("clientimport.error.lineTooLong", startLine);
            }
            if (pos >= text.length()) {
                cells.add(cell.toString());
                break;
            }
            char c = text.charAt(pos);
            if (c == '"' && cell.isEmpty()) {
                quoted(cell, start);
                // after the closing quote: a separator, a line break or the end
                if (pos < text.length()) {
                    char next = text.charAt(pos);
                    if (next != separator && next != '\n' && next != '\r') {
                        throw new FileRefused("clientimport.error.quoteStray", line);
                    }
                }
                continue;
            }
            if (c == separator) {
                cells.add(cell.toString());
                cell.setLength(0);
                pos++;
                if (cells.size() > ImportLimits.MAX_COLUMNS) {
                    throw new FileRefused("clientimport.error.tooManyColumns", startLine);
                }
                continue;
            }
            if (c == '\r' || c == '\n') {
                cells.add(cell.toString());
                pos++;
                if (c == '\r' && pos < text.length() && text.charAt(pos) == '\n') {
                    pos++;
                }
                line++;
                break;
            }
            cell.append(c);
            pos++;
        }
        if (cells.size() > ImportLimits.MAX_COLUMNS) {
            throw new FileRefused("clientimport.error.tooManyColumns", startLine);
        }
        return cells;
    }

    /** Reads a quoted field's content; {@code pos} is on the opening quote and ends after the closing one. */
    private void quoted(StringBuilder cell, int recordStart) {
        int openedAt = line;
        pos++;
        while (true) {
            if (pos - recordStart > ImportLimits.MAX_LINE) {
                // a quoted value this long is almost always a quote never closed: name the line it opened on
                throw new FileRefused("clientimport.error.quoteUnclosed", openedAt);
            }
            if (pos >= text.length()) {
                throw new FileRefused("clientimport.error.quoteUnclosed", openedAt);
            }
            char c = text.charAt(pos);
            if (c == '"') {
                if (pos + 1 < text.length() && text.charAt(pos + 1) == '"') {
                    cell.append('"');
                    pos += 2;
                    continue;
                }
                pos++;
                return;
            }
            if (c == '\n') {
                line++;
            } else if (c == '\r') {
                if (pos + 1 >= text.length() || text.charAt(pos + 1) != '\n') {
                    line++;
                }
            }
            cell.append(c);
            pos++;
        }
    }

    /** The separator the first line uses most outside quotes (comma when none). */
    static char separatorOf(String text) {
        int commas = 0;
        int semicolons = 0;
        int tabs = 0;
        boolean quoted = false;
        int limit = Math.min(text.length(), ImportLimits.MAX_LINE);
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted && c == ',') {
                commas++;
            } else if (!quoted && c == ';') {
                semicolons++;
            } else if (!quoted && c == '\t') {
                tabs++;
            }
        }
        if (semicolons > commas && semicolons >= tabs) {
            return ';';
        }
        return tabs > commas ? '\t' : ',';
    }
}
