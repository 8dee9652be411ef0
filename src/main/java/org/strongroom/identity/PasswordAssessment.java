package org.strongroom.identity;

import org.jspecify.annotations.Nullable;

/**
 * How a candidate password fares against {@link PasswordRules}: a strength score for the meter
 * (0 very weak … 4 strong enough) and, when it is refused, the message code saying why, plus an
 * optional hint (message code) on how to improve it. Holds nothing of the password itself.
 *
 * @param score   0 to {@link #MAX_SCORE}; only a password without problem reaches the maximum
 * @param problem message code of the first rule the password breaks; {@code null} when acceptable
 * @param hint    message code of a suggestion; may be present even for an acceptable password
 */
public record PasswordAssessment(int score, @Nullable String problem, @Nullable String hint) {

    public static final int MAX_SCORE = 4;

    public PasswordAssessment {
        if (score < 0 || score > MAX_SCORE) {
            throw new IllegalArgumentException("score must be 0.." + MAX_SCORE + ", was " + score);
        }
    }

    public boolean acceptable() {
        return problem == null;
    }
}
