package org.strongroom.crypto;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * National identifiers (tax numbers, passport numbers) in the one form that is stored, compared
 * and blind-indexed: compatibility-normalised (NFKC, so full-width digits become ASCII), spaces and
 * dashes removed, upper-case, and Cyrillic letters that look like Latin ones written as the Latin
 * letter (old Ukrainian passport series such as "КА" are typed with either keyboard). Only letters
 * and digits remain; anything else makes the value invalid rather than silently dropped.
 */
public final class NationalIds {

    /** The longest identifier accepted, after normalisation. */
    public static final int MAX_LENGTH = 32;

    // Cyrillic capitals that are drawn like a Latin capital, and that Latin capital.
    private static final String CYRILLIC_LOOKALIKES = "АВЕЁІЇКМНОРСТУХ";
    private static final String LATIN_LOOKALIKES = "ABEEIIKMHOPCTYX";

    private NationalIds() {
    }

    /** The normalised identifier without any check-digit rule, or empty when it is not one. */
    public static Optional<String> normalise(String text) {
        return normalise(text, CheckDigits.NONE);
    }

    /** The normalised identifier, or empty when it is not one or its check digits are wrong. */
    public static Optional<String> normalise(String text, CheckDigits checkDigits) {
        if (checkDigits == null) {
            throw new IllegalArgumentException("checkDigits must not be null");
        }
        if (text == null || text.length() > 4 * MAX_LENGTH) {
            return Optional.empty();
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(folded.length());
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.getType(c) == Character.DASH_PUNCTUATION) {
                continue;
            }
            int lookalike = CYRILLIC_LOOKALIKES.indexOf(c);
            if (lookalike >= 0) {
                out.append(LATIN_LOOKALIKES.charAt(lookalike));
            } else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (c >= 'А' && c <= 'Я') || "ЄІЇҐ".indexOf(c) >= 0) {
                out.append(c);
            } else {
                return Optional.empty();
            }
        }
        if (out.isEmpty() || out.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String normalised = out.toString();
        return checkDigits.isValid(normalised) ? Optional.of(normalised) : Optional.empty();
    }
}
