package org.strongroom.identity;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * What a new password must satisfy (NIST 800-63B): 12 to 256 characters of anything, compared
 * exactly as typed (no truncation, no case folding), and not built from the person's own name or
 * email. The breached-password list and the strength estimate arrive with the identity issue.
 * Returns message codes so every caller can say the same thing in the user's language.
 */
public final class PasswordRules {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 256;

    private PasswordRules() {
    }

    public static Optional<String> check(String password, String name, String email) {
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            return Optional.of("password.tooShort");
        }
        if (length > MAX_LENGTH) {
            return Optional.of("password.tooLong");
        }
        String folded = fold(password);
        String localPart = email.contains("@") ? email.substring(0, email.indexOf('@')) : email;
        if (localPart.length() >= 4 && folded.contains(fold(localPart))) {
            return Optional.of("password.containsEmail");
        }
        for (String part : name.split("[\\s,.'-]+")) {
            if (part.length() >= 4 && folded.contains(fold(part))) {
                return Optional.of("password.containsName");
            }
        }
        return Optional.empty();
    }

    private static String fold(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }
}
