package org.strongroom.clients.internal.imports;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads vCard 2.1, 3.0 and 4.0 files (RFC 2426, RFC 6350) into a {@link Table} with one row per
 * card and one column per property the import understands ({@link #HEADERS}). Handles folded
 * lines, quoted-printable values with their CHARSET (vCard 2.1 and old exporters), backslash
 * escapes, groups ({@code item1.EMAIL}) and quoted parameter values. Binary properties (PHOTO,
 * LOGO, SOUND, KEY) are skipped, whatever their encoding, up to
 * {@link ImportLimits#MAX_BINARY_PROPERTY} characters; any other property longer than
 * {@link ImportLimits#MAX_LINE} refuses the file, as do broken structure (a card never ended, a
 * card inside a card), an unknown version and an unknown character set.
 */
public final class VCardReader {

    public static final int GIVEN = 0;
    public static final int FAMILY = 1;
    public static final int FULL_NAME = 2;
    public static final int NICKNAME = 3;
    public static final int EMAIL = 4;
    public static final int PHONE = 5;
    public static final int BIRTHDAY = 6;
    public static final int ADDRESS = 7;
    public static final int CATEGORIES = 8;
    public static final int NOTE = 9;
    public static final int ORGANISATION = 10;
    public static final int TITLE = 11;

    /** The columns of the table, in order (property names as the file has them). */
    public static final List<String> HEADERS = List.of("N (given)", "N (family)", "FN", "NICKNAME", "EMAIL", "TEL", "BDAY", "ADR",
            "CATEGORIES", "NOTE", "ORG", "TITLE");

    private static final List<String> BINARY = List.of("PHOTO", "LOGO", "SOUND", "KEY");

    private VCardReader() {
    }

    /** Whether the text looks like a vCard file (its first non-blank line opens a card). */
    public static boolean looksLikeVCard(String text) {
        String start = text.stripLeading();
        return start.regionMatches(true, 0, "BEGIN:VCARD", 0, 11);
    }

    public static Table read(String text) {
        List<Table.Row> rows = new ArrayList<>();
        String[] card = null;
        int cardLine = 0;
        boolean emailPreferred = false;
        boolean phonePreferred = false;
        int pos = 0;
        int line = 0;
        while (pos < text.length()) {
            // one logical line: a physical line plus its folded continuations
            line++;
            int startLine = line;
            StringBuilder logical = new StringBuilder();
            int end = lineEnd(text, pos);
            append(logical, text, pos, end, startLine);
            pos = next(text, end);
            while (pos < text.length()) {
                char c = text.charAt(pos);
                boolean folded = c == ' ' || c == '\t';
                boolean softBreak = !folded && endsWithSoftBreak(logical);
                if (!folded && !softBreak) {
                    break;
                }
                line++;
                end = lineEnd(text, pos);
                if (softBreak) {
                    logical.setLength(logical.length() - 1);
                    append(logical, text, pos, end, startLine);
                } else {
                    append(logical, text, pos + 1, end, startLine);
                }
                pos = next(text, end);
            }
            String property = logical.toString();
            if (property.isBlank()) {
                continue;
            }
            int colon = valueStart(property);
            if (colon < 0) {
                throw new FileRefused("clientimport.error.vcardStructure", startLine);
            }
            String[] head = splitUnquoted(property.substring(0, colon), ';');
            String name = head[0];
            int dot = name.lastIndexOf('.');
            if (dot >= 0) {
                name = name.substring(dot + 1);
            }
            name = name.toUpperCase(Locale.ROOT);
            String rawValue = property.substring(colon + 1);
            if (BINARY.contains(name)) {
                continue;
            }
            if (property.length() > ImportLimits.MAX_LINE) {
                throw new FileRefused("clientimport.error.lineTooLong", startLine);
            }
            if (name.equals("BEGIN")) {
                if (!rawValue.strip().equalsIgnoreCase("VCARD") || card != null) {
                    throw new FileRefused("clientimport.error.vcardStructure", startLine);
                }
                if (rows.size() == ImportLimits.MAX_ROWS) {
                    throw new FileRefused("clientimport.error.tooManyRows", 0);
                }
                card = new String[HEADERS.size()];
                java.util.Arrays.fill(card, "");
                cardLine = startLine;
                emailPreferred = false;
                phonePreferred = false;
                continue;
            }
            if (card == null) {
                throw new FileRefused("clientimport.error.vcardStructure", startLine);
            }
            if (name.equals("END")) {
                if (card[GIVEN].isEmpty() && card[FAMILY].isEmpty() && !card[FULL_NAME].isEmpty()) {
                    String full = card[FULL_NAME].strip();
                    int space = full.lastIndexOf(' ');
                    card[GIVEN] = space < 0 ? full : full.substring(0, space).strip();
                    card[FAMILY] = space < 0 ? "" : full.substring(space + 1);
                }
                rows.add(new Table.Row(rows.size() + 1, card));
                card = null;
                continue;
            }
            boolean preferred = false;
            boolean quotedPrintable = false;
            Charset charset = StandardCharsets.UTF_8;
            boolean cell = false;
            for (int i = 1; i < head.length; i++) {
                String param = head[i].strip();
                String upper = param.toUpperCase(Locale.ROOT);
                if (upper.equals("QUOTED-PRINTABLE") || upper.equals("ENCODING=QUOTED-PRINTABLE")) {
                    quotedPrintable = true;
                } else if (upper.startsWith("CHARSET=")) {
                    charset = charset(param.substring(8), startLine);
                } else if (upper.startsWith("PREF") || upper.contains("=PREF") || upper.contains(",PREF") || upper.equals("PREF")) {
                    preferred = true;
                } else if (upper.startsWith("TYPE=") && (upper.contains("PREF"))) {
                    preferred = true;
                }
                if (upper.contains("CELL")) {
                    cell = true;
                }
            }
            String value = quotedPrintable ? quotedPrintable(rawValue, charset, startLine) : rawValue;
            switch (name) {
                case "VERSION" -> {
                    String version = value.strip();
                    if (!version.equals("2.1") && !version.equals("3.0") && !version.equals("4.0")) {
                        throw new FileRefused("clientimport.error.vcardVersion", startLine);
                    }
                }
                case "N" -> {
                    List<String> parts = components(value, ';');
                    card[FAMILY] = parts.size() > 0 ? parts.get(0) : "";
                    card[GIVEN] = parts.size() > 1 ? parts.get(1) : "";
                }
                case "FN" -> card[FULL_NAME] = unescape(value);
                case "NICKNAME" -> card[NICKNAME] = components(value, ',').get(0);
                case "EMAIL" -> {
                    if (card[EMAIL].isEmpty() || (preferred && !emailPreferred)) {
                        card[EMAIL] = unescape(value);
                        emailPreferred = preferred;
                    }
                }
                case "TEL" -> {
                    if (card[PHONE].isEmpty() || ((preferred || cell) && !phonePreferred)) {
                        String tel = unescape(value);
                        card[PHONE] = tel.regionMatches(true, 0, "tel:", 0, 4) ? tel.substring(4) : tel;
                        phonePreferred = preferred || cell;
                    }
                }
                case "BDAY" -> card[BIRTHDAY] = birthday(unescape(value).strip());
                case "ADR" -> {
                    if (card[ADDRESS].isEmpty()) {
                        card[ADDRESS] = address(components(value, ';'));
                    }
                }
                case "CATEGORIES" -> card[CATEGORIES] = String.join(",", components(value, ','));
                case "NOTE" -> card[NOTE] = unescape(value);
                case "ORG" -> card[ORGANISATION] = String.join(", ", components(value, ';').stream().filter(s -> !s.isBlank()).toList());
                case "TITLE" -> card[TITLE] = unescape(value);
                default -> {
                    // other properties are not part of a client's record here
                }
            }
        }
        if (card != null) {
            throw new FileRefused("clientimport.error.vcardStructure", cardLine);
        }
        if (rows.isEmpty()) {
            throw new FileRefused("clientimport.error.empty", 0);
        }
        return new Table(HEADERS, rows);
    }

    private static void append(StringBuilder logical, String text, int from, int to, int startLine) {
        if (logical.length() + (to - from) > ImportLimits.MAX_BINARY_PROPERTY) {
            throw new FileRefused("clientimport.error.lineTooLong", startLine);
        }
        logical.append(text, from, to);
    }

    /** A quoted-printable value ending in {@code =} continues on the next line (vCard 2.1). */
    private static boolean endsWithSoftBreak(StringBuilder logical) {
        if (logical.length() == 0 || logical.charAt(logical.length() - 1) != '=') {
            return false;
        }
        int colon = valueStart(logical.toString());
        return colon > 0 && logical.substring(0, colon).toUpperCase(Locale.ROOT).contains("QUOTED-PRINTABLE");
    }

    private static int lineEnd(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
            i++;
        }
        return i;
    }

    private static int next(String text, int end) {
        if (end < text.length() && text.charAt(end) == '\r' && end + 1 < text.length() && text.charAt(end + 1) == '\n') {
            return end + 2;
        }
        return end + 1;
    }

    /** The index of the colon that ends the name and parameters (colons inside quoted parameter values do not count). */
    private static int valueStart(String property) {
        boolean quoted = false;
        for (int i = 0; i < property.length(); i++) {
            char c = property.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ':' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    private static String[] splitUnquoted(String text, char separator) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == separator && !quoted) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts.toArray(String[]::new);
    }

    /** Splits a structured value at unescaped separators and unescapes each component. */
    static List<String> components(String value, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                part.append(c).append(value.charAt(++i));
            } else if (c == separator) {
                parts.add(unescape(part.toString()).strip());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(unescape(part.toString()).strip());
        return parts;
    }

    /** Undoes the backslash escapes of vCard 3 and 4 ({@code \n}, {@code \,}, {@code \;}, {@code \\}). */
    static String unescape(String value) {
        if (value.indexOf('\\') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                char n = value.charAt(++i);
                out.append(n == 'n' || n == 'N' ? '\n' : n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String quotedPrintable(String value, Charset charset, int line) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '=' && i + 2 < value.length()) {
                int hi = Character.digit(value.charAt(i + 1), 16);
                int lo = Character.digit(value.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new FileRefused("clientimport.error.encoding", line);
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c == '=') {
                throw new FileRefused("clientimport.error.encoding", line);
            } else if (c > 0x7F) {
                byte[] raw = String.valueOf(c).getBytes(charset);
                bytes.write(raw, 0, raw.length);
            } else {
                bytes.write(c);
            }
        }
        try {
            String decoded = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
            if (decoded.indexOf('\0') >= 0) {
                throw new FileRefused("clientimport.error.nul", line);
            }
            return decoded;
        } catch (CharacterCodingException e) {
            throw new FileRefused("clientimport.error.encoding", line);
        }
    }

    private static Charset charset(String name, int line) {
        try {
            return Charset.forName(name.strip().replace("\"", ""));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new FileRefused("clientimport.error.encoding", line);
        }
    }

    /** 19850512, 1985-05-12, 1985-05-12T00:00:00Z → 1985-05-12; anything else as it is (validation names it). */
    static String birthday(String value) {
        String date = value;
        int t = date.indexOf('T');
        if (t > 0) {
            date = date.substring(0, t);
        }
        if (date.matches("\\d{8}")) {
            return date.substring(0, 4) + "-" + date.substring(4, 6) + "-" + date.substring(6, 8);
        }
        if (date.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return date;
        }
        return value;
    }

    /** ADR components (PO box; extended; street; locality; region; postal code; country) as lines. */
    static String address(List<String> parts) {
        List<String> lines = new ArrayList<>();
        for (int i : new int[] {2, 1, 0}) {
            if (i < parts.size() && !parts.get(i).isBlank()) {
                lines.add(parts.get(i));
            }
        }
        List<String> town = new ArrayList<>();
        for (int i : new int[] {5, 3, 4}) {
            if (i < parts.size() && !parts.get(i).isBlank()) {
                town.add(parts.get(i));
            }
        }
        if (!town.isEmpty()) {
            lines.add(String.join(" ", town));
        }
        if (parts.size() > 6 && !parts.get(6).isBlank()) {
            lines.add(parts.get(6));
        }
        return String.join("\n", lines);
    }
}
