package org.strongroom.audit.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.jspecify.annotations.Nullable;
import org.strongroom.audit.AuditRecord;

/**
 * The text of exported entries: CSV cells safe to open in a spreadsheet, ASCII-only JSON, and the
 * stable field names and order both use (docs/security/audit-format.md, "Exports").
 */
final class ExportText {

    /** Field names, in order: the CSV header row and the JSON Lines keys. */
    static final String[] FIELDS = {"seq", "occurredAt", "actorType", "actorId", "action", "resourceType", "resourceId",
            "clientId", "outcome", "reason", "sourceAddress", "userAgentHash", "requestId"};

    /** ISO-8601 in UTC with milliseconds always present, so every time has the same width and is lossless. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private ExportText() {
    }

    static String time(long epochMillis) {
        return TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    static String csvHeader() {
        return String.join(",", FIELDS) + "\r\n";
    }

    /** One CSV record, CRLF-terminated (RFC 4180). */
    static String csvRow(AuditRecord r) {
        StringBuilder line = new StringBuilder(256);
        line.append(r.seq()).append(',').append(time(r.occurredAt().toEpochMilli()));
        for (String text : texts(r)) {
            line.append(',').append(cell(text));
        }
        return line.append("\r\n").toString();
    }

    /**
     * One CSV cell. Formula injection (OWASP "CSV Injection"): a value beginning with {@code =},
     * {@code +}, {@code -}, {@code @}, tab, CR or LF gets a leading {@code '}, so spreadsheets read
     * it as text. Then a value holding a comma, semicolon (the separator of some locales), double
     * quote, tab, CR or LF is quoted, its double quotes doubled (RFC 4180). Null is the empty cell.
     */
    static String cell(@Nullable String value) {
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

    /** One JSON Lines object, newline-terminated. */
    static String jsonRow(AuditRecord r) {
        StringBuilder line = new StringBuilder(384).append('{');
        entryFields(line, r.seq(), r.occurredAt().toEpochMilli(), texts(r));
        return line.append("}\n").toString();
    }

    /**
     * Appends {@code "seq":…,"occurredAt":"…",…} without the braces, so a bundle line can add its
     * type before and its MAC after.
     */
    static void entryFields(StringBuilder line, long seq, long occurredAt, @Nullable String[] texts) {
        line.append("\"seq\":").append(seq).append(",\"occurredAt\":\"").append(time(occurredAt)).append('"');
        for (int i = 0; i < texts.length; i++) {
            line.append(",\"").append(FIELDS[i + 2]).append("\":").append(json(texts[i]));
        }
    }

    /** A JSON string (or {@code null}) in ASCII: quotes, backslashes, controls and non-ASCII escaped. */
    static String json(@Nullable String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c >= 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** The text fields in {@link #FIELDS} order from {@code actorType} on. */
    static @Nullable String[] texts(AuditRecord r) {
        return new String[] {r.actorType().code(), r.actorId(), r.action(), r.resourceType(), r.resourceId(),
                r.clientId(), r.outcome().code(), r.reason(), r.sourceAddress(), r.userAgentHash(), r.requestId()};
    }

    static @Nullable String[] texts(AuditRow r) {
        return new String[] {r.actorType(), r.actorId(), r.action(), r.resourceType(), r.resourceId(), r.clientId(),
                r.outcome(), r.reason(), r.sourceAddress(), r.userAgentHash(), r.requestId()};
    }
}
