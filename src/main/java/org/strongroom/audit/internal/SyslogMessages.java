package org.strongroom.audit.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * Checkpoints as RFC 5424 syslog messages, framed for TLS transport by octet counting (RFC 5425,
 * section 4.3: {@code MSG-LEN SP SYSLOG-MSG}). One message per checkpoint:
 *
 * <pre>
 * &lt;86&gt;1 2026-11-30T02:41:00.123Z records.example.org strongroom 4242 checkpoint
 *   [checkpoint@32473 seq="1000" createdAt="1764470460123" headMac="…" keyId="…" signature="…"] audit checkpoint 1000
 * </pre>
 *
 * The structured data holds exactly what {@code checkpoints.jsonl} holds, in the same encodings
 * (base64url without padding, lower-case hex key id), so a line in the SIEM can be compared with
 * the file and checked offline with {@code crypto.CheckpointSignatures}. No personal data exists in
 * a checkpoint.
 */
final class SyslogMessages {

    /** Facility names (RFC 5424, table 1; the names syslog daemons use). */
    static final Map<String, Integer> FACILITIES = Map.ofEntries(
            Map.entry("user", 1), Map.entry("daemon", 3), Map.entry("auth", 4), Map.entry("syslog", 5),
            Map.entry("authpriv", 10), Map.entry("audit", 13),
            Map.entry("local0", 16), Map.entry("local1", 17), Map.entry("local2", 18), Map.entry("local3", 19),
            Map.entry("local4", 20), Map.entry("local5", 21), Map.entry("local6", 22), Map.entry("local7", 23));

    /** Severity 6, informational: a checkpoint is a routine, expected event. */
    static final int SEVERITY_INFORMATIONAL = 6;

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final int facility;
    private final String hostname;
    private final String appName;
    private final String procId;
    private final String sdId;

    /**
     * @param facility         facility code 0–23
     * @param hostname         HOSTNAME field; blank for the nil value
     * @param appName          APP-NAME field (1–48 printable US-ASCII)
     * @param procId           PROCID field (the process id)
     * @param enterpriseNumber the private enterprise number in the SD-ID {@code checkpoint@N}
     */
    SyslogMessages(int facility, String hostname, String appName, String procId, long enterpriseNumber) {
        if (facility < 0 || facility > 23) {
            throw new IllegalArgumentException("facility must be 0–23");
        }
        this.facility = facility;
        this.hostname = hostname.isBlank() ? "-" : header("hostname", hostname, 255);
        this.appName = header("app-name", appName, 48);
        this.procId = header("procid", procId, 128);
        this.sdId = "checkpoint@" + enterpriseNumber;
    }

    /** The SYSLOG-MSG for one checkpoint, without framing. */
    String message(Checkpoint c) {
        int pri = facility * 8 + SEVERITY_INFORMATIONAL;
        return "<" + pri + ">1 " + TIMESTAMP.format(Instant.ofEpochMilli(c.createdAt())) + " " + hostname + " " + appName
                + " " + procId + " checkpoint "
                + "[" + sdId
                + param("seq", Long.toString(c.seq()))
                + param("createdAt", Long.toString(c.createdAt()))
                + param("headMac", BASE64URL.encodeToString(c.headMac()))
                + param("keyId", c.keyId())
                + param("signature", BASE64URL.encodeToString(c.signature()))
                + "] audit checkpoint " + c.seq();
    }

    /** Octet-counting framing (RFC 5425 §4.3, RFC 6587 §3.4.1): the byte length, a space, the message. */
    static byte[] frame(String message) {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        byte[] prefix = (body.length + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] framed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, framed, 0, prefix.length);
        System.arraycopy(body, 0, framed, prefix.length, body.length);
        return framed;
    }

    /** One SD-PARAM: {@code SP name="value"}, with {@code "}, {@code \} and {@code ]} escaped (RFC 5424 §6.3.3). */
    static String param(String name, String value) {
        StringBuilder out = new StringBuilder(value.length() + name.length() + 4);
        out.append(' ').append(name).append("=\"");
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '"' || ch == '\\' || ch == ']') {
                out.append('\\');
            }
            out.append(ch);
        }
        return out.append('"').toString();
    }

    /** A header field: printable US-ASCII (33–126) only, at most {@code max} characters. */
    static String header(String name, String value, int max) {
        if (value.isEmpty() || value.length() > max) {
            throw new IllegalArgumentException(name + " must be 1–" + max + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch < 33 || ch > 126) {
                throw new IllegalArgumentException(name + " must be printable US-ASCII without spaces");
            }
        }
        return value;
    }

    /** The facility code for a name ({@code authpriv}, {@code local0}, …) or a number 0–23. */
    static int facility(String name) {
        String key = name.strip().toLowerCase(Locale.ROOT);
        Integer code = FACILITIES.get(key);
        if (code != null) {
            return code;
        }
        if (key.matches("\\d{1,2}") && Integer.parseInt(key) <= 23) {
            return Integer.parseInt(key);
        }
        throw new IllegalArgumentException("unknown syslog facility");
    }
}
