package org.strongroom.access;

/**
 * The masked form of a value a role may see only masked: four bullets and, for values long
 * enough that the tail does not give the value away, its last four characters — enough to match
 * a card or an id against what a client reads out, not enough to use it.
 */
public final class Masking {

    private static final String BULLETS = "\u2022\u2022\u2022\u2022";

    private Masking() {
    }

    /** e.g. {@code •••• 1234} for a value of 8+ characters, {@code ••••} otherwise. */
    public static String mask(String value) {
        String compact = value.strip();
        int length = compact.codePointCount(0, compact.length());
        if (length < 8) {
            return BULLETS;
        }
        int start = compact.offsetByCodePoints(0, length - 4);
        return BULLETS + " " + compact.substring(start);
    }

    /** The value as the visibility allows: itself, masked, or {@code null} when hidden. */
    public static String apply(Visibility visibility, String value) {
        return switch (visibility) {
            case FULL -> value;
            case MASKED -> mask(value);
            case HIDDEN -> null;
        };
    }
}
