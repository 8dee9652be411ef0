package org.strongroom.documents;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * File names offered by senders, made safe to keep, show and send back in a download header.
 *
 * <p>A sender's name is hostile input: it may carry a path ({@code ../../etc/passwd},
 * {@code C:\Windows\evil.exe}), control characters, right-to-left overrides that make
 * {@code invoice\u202Etxt.exe} look like {@code invoiceexe.txt}, invisible characters, characters
 * that no common file system accepts, or a quote and line break meant to end a header early.
 * {@link #display} removes all of these and never fails; {@link #contentDisposition} builds an
 * RFC 6266 header value from which no quote, backslash, CR or LF can escape.
 */
public final class FileNames {

    /** What a name becomes when nothing usable is left of it. */
    public static final String FALLBACK = "document";

    /** Longest name kept, in code points (most file systems allow 255 bytes; UTF-8 needs room). */
    public static final int MAX_CODE_POINTS = 200;

    /** Extensions longer than this are not kept whole when a name is shortened: they are not file types. */
    private static final int MAX_EXTENSION = 16;

    private static final String REPLACED = "<>:\"|?*/\\";

    /** Windows device names: a file called {@code CON.txt} cannot be saved there. */
    private static final Set<String> RESERVED = Set.of("CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5",
            "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

    private FileNames() {
    }

    /**
     * The sender's file name made safe for display and storage: only the last path segment (after
     * {@code /} or {@code \}), Unicode NFC, without control, format (bidi controls, zero-width
     * characters, BOM, tag characters), unassigned or lone surrogate characters; {@code <>:"|?*}
     * become {@code _}; runs of white space become one space; leading and trailing dots and spaces
     * go; Windows device names get a leading {@code _}; at most {@value #MAX_CODE_POINTS} code points,
     * keeping a short extension. {@value #FALLBACK} when nothing is left. Never throws; applying it
     * twice gives the same result as once.
     */
    public static String display(@Nullable String offered) {
        if (offered == null || offered.isEmpty()) {
            return FALLBACK;
        }
        String normalised = Normalizer.normalize(withoutLoneSurrogates(offered), Normalizer.Form.NFC);
        String segment = normalised.substring(Math.max(normalised.lastIndexOf('/'), normalised.lastIndexOf('\\')) + 1);
        StringBuilder out = new StringBuilder(Math.min(segment.length(), 4 * MAX_CODE_POINTS));
        boolean pendingSpace = false;
        for (int i = 0; i < segment.length(); ) {
            int c = segment.codePointAt(i);
            i += Character.charCount(c);
            if (isWhiteSpace(c)) {
                pendingSpace = true;
                continue;
            }
            if (dropped(c)) {
                continue;
            }
            if (pendingSpace && !out.isEmpty()) {
                out.append(' ');
            }
            pendingSpace = false;
            out.appendCodePoint(REPLACED.indexOf(c) >= 0 ? '_' : c);
            if (out.length() > 8 * MAX_CODE_POINTS && i < segment.length()) {
                // Far longer than will be kept: keep the extension and stop reading.
                int dot = segment.lastIndexOf('.');
                if (dot > i) {
                    i = dot;
                }
            }
        }
        String name = shortened(trimmed(out.toString()));
        if (name.isEmpty()) {
            return FALLBACK;
        }
        int dot = name.indexOf('.');
        String stem = (dot < 0 ? name : name.substring(0, dot)).strip();
        if (RESERVED.contains(stem.toUpperCase(Locale.ROOT))) {
            name = shortened("_" + name);
        }
        return name;
    }

    /**
     * An RFC 6266 {@code Content-Disposition} value for a download: {@code attachment} (or
     * {@code inline}), an ASCII {@code filename="…"} for old clients (other characters, quotes,
     * backslashes and percent signs become {@code _}) and {@code filename*=UTF-8''…} with the full
     * name, RFC 5987 percent-encoded. The name goes through {@link #display} first, so the value
     * never holds a control character, CR or LF, and only printable ASCII.
     */
    public static String contentDisposition(@Nullable String name, boolean inline) {
        String safe = display(name);
        return (inline ? "inline" : "attachment") + "; filename=\"" + asciiFallback(safe) + "\"; filename*=UTF-8''"
                + percentEncoded(safe);
    }

    private static String asciiFallback(String name) {
        int dot = name.lastIndexOf('.');
        String stem = dot < 0 ? name : name.substring(0, dot);
        String extension = dot < 0 ? "" : ascii(name.substring(dot));
        long readable = stem.codePoints().filter(c -> c < 0x80 && Character.isLetterOrDigit(c)).count();
        long replaced = stem.codePoints().filter(c -> !keptInAscii(c)).count();
        // Mostly non-Latin (e.g. a Cyrillic name): a plain word reads better than a row of underscores.
        String asciiStem = readable == 0 || readable < replaced ? FALLBACK : ascii(stem);
        return asciiStem + (extension.chars().anyMatch(Character::isLetterOrDigit) ? extension : "");
    }

    private static boolean keptInAscii(int c) {
        return c >= 0x20 && c <= 0x7E && c != '"' && c != '\\' && c != '%';
    }

    private static String ascii(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(c -> out.append(keptInAscii(c) ? (char) c : '_'));
        return out.toString();
    }

    private static String percentEncoded(String name) {
        StringBuilder out = new StringBuilder(name.length() * 3);
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    private static String withoutLoneSurrogates(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            int n = Character.charCount(c);
            if (Character.getType(c) == Character.SURROGATE) {
                if (out == null) {
                    out = new StringBuilder(s.length()).append(s, 0, i);
                }
            } else if (out != null) {
                out.appendCodePoint(c);
            }
            i += n;
        }
        return out == null ? s : out.toString();
    }

    private static boolean isWhiteSpace(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private static boolean dropped(int c) {
        int type = Character.getType(c);
        // Cc: C0, DEL, C1. Cf: bidi embeddings/overrides/isolates, LRM/RLM/ALM, zero-width
        // characters, BOM, soft hyphen, tag characters. Cn: unassigned and noncharacters.
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED
                || type == Character.SURROGATE;
    }

    private static String trimmed(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && (s.charAt(start) == '.' || s.charAt(start) == ' ')) {
            start++;
        }
        while (end > start && (s.charAt(end - 1) == '.' || s.charAt(end - 1) == ' ')) {
            end--;
        }
        return s.substring(start, end);
    }

    /** At most {@link #MAX_CODE_POINTS}, keeping a short extension; trimmed again after cutting. */
    private static String shortened(String name) {
        int length = name.codePointCount(0, name.length());
        if (length <= MAX_CODE_POINTS) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot <= 0 ? "" : name.substring(dot);
        int extensionLength = extension.codePointCount(0, extension.length());
        if (extensionLength > MAX_EXTENSION + 1 || extension.indexOf(' ') >= 0) {
            extension = "";
            extensionLength = 0;
        }
        String stem = extension.isEmpty() ? name : name.substring(0, dot);
        String cut = stem.substring(0, stem.offsetByCodePoints(0, MAX_CODE_POINTS - extensionLength));
        String result = trimmed(cut) + extension;
        return result.isEmpty() ? FALLBACK : trimmed(result);
    }
}
