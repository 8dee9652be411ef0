package org.strongroom.access;

import java.util.Map;

/** Checks on free text people type into access forms (reasons, notes, labels). */
final class Texts {

    static final int MAX_REASON = 1000;

    private Texts() {
    }

    /**
     * Records a problem for {@code field} when the text is shorter than {@code min} or longer than
     * {@code max} characters, or holds control characters other than line breaks and tabs.
     */
    static void check(String text, String field, int min, int max, Map<String, String> problems) {
        int length = text.codePointCount(0, text.length());
        if (length < min) {
            problems.put(field, "access." + field + ".tooShort");
        } else if (length > max) {
            problems.put(field, "access." + field + ".tooLong");
        } else if (text.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')
                || text.codePoints().anyMatch(c -> c == 0x202E || c == 0x202D || c == 0x2066 || c == 0x2067 || c == 0x2068)) {
            problems.put(field, "access." + field + ".invalid");
        }
    }
}
