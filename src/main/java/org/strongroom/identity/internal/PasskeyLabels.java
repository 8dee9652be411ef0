package org.strongroom.identity.internal;

import java.text.Normalizer;
import java.util.Optional;

/**
 * The name a person gives a passkey ("Work laptop", "Blue key"). It is their own text, shown
 * back to them on the passkeys page: short, one line, and free of control and formatting
 * characters (no bidirectional overrides that could make one label look like another).
 */
final class PasskeyLabels {

    /** Longest label, in characters (code points). */
    static final int MAX_LENGTH = 60;

    private PasskeyLabels() {
    }

    /** The label as it will be stored (trimmed, NFC), or empty if it is not acceptable. */
    static Optional<String> normalise(String label) {
        if (label == null) {
            return Optional.empty();
        }
        String text = Normalizer.normalize(label, Normalizer.Form.NFC).strip();
        if (text.isEmpty() || text.codePointCount(0, text.length()) > MAX_LENGTH) {
            return Optional.empty();
        }
        boolean clean = text.codePoints().allMatch(c -> switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.PRIVATE_USE, Character.SURROGATE, Character.UNASSIGNED -> false;
            default -> true;
        });
        return clean ? Optional.of(text) : Optional.empty();
    }
}
