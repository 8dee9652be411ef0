package org.strongroom.clients.internal.export;

import org.jspecify.annotations.Nullable;

/**
 * The text of exported cells: CSV cells safe to open in a spreadsheet and JSON strings safe to
 * embed anywhere. The same rules as the audit trail's exports (docs/security/audit-format.md,
 * "Exports"), kept here because those are internal to the audit module.
 */
public final class ExportCells {

    private ExportCells() {
    }

    /**
     * One CSV cell. Formula injection (OWASP "CSV Injection"): a value beginning with {@code =},
     * {@code +}, {@code -}, {@code @}, tab, CR or LF gets a leading {@code '}, so spreadsheets read
     * it as text. Then a value holding a comma, semicolon (the separator of some locales), double
     * quote, tab, CR or LF is quoted, its double quotes doubled (RFC 4180). Null is the empty cell.
     */
    public static String csv(@Nullable String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        String text = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                || first == '\n' ? "'" + value : value;
        boolean quote = false;
        for (int i = 0; i < text.length() && !quote; i++) {
            char c = text.charAt(i);
            quote = c == ',' || c == ';' || c == '"' || c == '\t' || c == '\r' || c == '\n';
        }
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    /**
     * A JSON string (or {@code null}): quote and backslash escaped, every control character
     * (C0, DEL, C1), the line and paragraph separators U+2028/U+2029 (which end a line in
     * JavaScript) and lone or paired surrogates written as {@code \\uXXXX}; other letters stay
     * as they are (UTF-8), so Cyrillic names remain readable. {@code <}, {@code >} and {@code &} are escaped
     * too, so the text stays inert if someone pastes it into a page.
     */
    public static String json(@Nullable String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029' || Character.isSurrogate(c)
                            || c == '<' || c == '>' || c == '&') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
