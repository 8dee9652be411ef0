package org.strongroom.documents.web;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.strongroom.documents.ByteRange;

/**
 * The {@code Range} request header of a download (RFC 9110 §14), resolved against the size of
 * the version asked for. One range is served as 206: {@code bytes=a-b} (an end past the last byte
 * is cut to it), {@code bytes=a-} and the suffix {@code bytes=-n} (the last n bytes, or all of
 * them when n is larger). A range that starts at or past the end, and {@code bytes=-0}, cannot be
 * satisfied (416). Everything else is ignored and the whole version is sent with 200, as RFC 9110
 * allows: several ranges (this server does not build {@code multipart/byteranges}; a client asking
 * for them gets every byte it asked for, in one piece), another unit, or a header that does not
 * parse.
 */
final class DocumentsApiRanges {

    /** Longest header considered; longer ones are ignored. */
    static final int MAX_HEADER = 200;

    private DocumentsApiRanges() {
    }

    /** What to send. */
    sealed interface Answer permits Whole, Part, Unsatisfiable {
    }

    /** The whole version, 200. */
    record Whole() implements Answer {
    }

    /** One range, 206. */
    record Part(ByteRange range) implements Answer {
    }

    /** 416 with {@code Content-Range: bytes *}{@code /size}. */
    record Unsatisfiable() implements Answer {
    }

    static Answer resolve(@Nullable String header, long size) {
        if (header == null || header.length() > MAX_HEADER) {
            return new Whole();
        }
        String text = header.strip();
        int eq = text.indexOf('=');
        if (eq < 0 || !text.substring(0, eq).strip().toLowerCase(Locale.ROOT).equals("bytes")) {
            return new Whole();
        }
        String set = text.substring(eq + 1);
        int specs = 0;
        String only = null;
        for (String part : set.split(",", -1)) {
            String spec = part.strip();
            if (spec.isEmpty()) {
                continue; // RFC 9110's list rule allows empty elements
            }
            specs++;
            only = spec;
        }
        if (specs != 1) {
            return new Whole();
        }
        int dash = only.indexOf('-');
        if (dash < 0 || only.indexOf('-', dash + 1) >= 0) {
            return new Whole();
        }
        String first = only.substring(0, dash);
        String last = only.substring(dash + 1);
        if (first.isEmpty()) {
            // suffix: the last n bytes
            if (!digits(last)) {
                return new Whole();
            }
            long n = number(last);
            if (n == 0 || size == 0) {
                return new Unsatisfiable();
            }
            return new Part(new ByteRange(Math.max(0, size - n), size - 1));
        }
        if (!digits(first) || !(last.isEmpty() || digits(last))) {
            return new Whole();
        }
        long from = number(first);
        long to = last.isEmpty() ? Long.MAX_VALUE : number(last);
        if (to < from) {
            return new Whole(); // invalid syntax per RFC 9110 §14.1.1: ignored
        }
        if (from >= size) {
            return new Unsatisfiable();
        }
        return new Part(new ByteRange(from, Math.min(to, size - 1)));
    }

    private static boolean digits(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The number, or {@link Long#MAX_VALUE} for one too long for a long (no file is that large). */
    private static long number(String digits) {
        String trimmed = digits.replaceFirst("^0+(?=.)", "");
        if (trimmed.length() > 18) {
            return Long.MAX_VALUE;
        }
        return Long.parseLong(trimmed);
    }
}
