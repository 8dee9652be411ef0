package org.strongroom.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordRulesTests {

    static final String NAME = "Olena Kovalenko";
    static final String EMAIL = "olena.k@example.org";

    /** 256 code points without patterns nbvcxz would find (a fixed, random-looking sequence). */
    static final String LONG_RANDOM = random(256);

    @Test
    void acceptsTwelveCharactersOfAnything() {
        assertThat(PasswordRules.check("ключ-до-сейфу", NAME, EMAIL)).isEmpty();
        assertThat(PasswordRules.check("  spaces ok  ", NAME, EMAIL)).isEmpty();
        assertThat(PasswordRules.check("🔐🗝️📦🧭🌋🪵🦉🎻🧊🚲🪁🫖", NAME, EMAIL)).isEmpty();
        assertThat(PasswordRules.check("quiet-harbour-lantern-47", NAME, EMAIL)).isEmpty();
    }

    @Test
    void countsCharactersNotUtf16Units() {
        assertThat(PasswordRules.check("🔐🗝📦🧭🌋🪵", NAME, EMAIL)).contains("password.tooShort");
    }

    @Test
    void rejectsTooShortAndTooLong() {
        assertThat(PasswordRules.check("short-pass1", NAME, EMAIL)).contains("password.tooShort");
        assertThat(LONG_RANDOM.codePointCount(0, LONG_RANDOM.length())).isEqualTo(256);
        assertThat(PasswordRules.check(LONG_RANDOM, NAME, EMAIL)).isEmpty();
        assertThat(PasswordRules.check(LONG_RANDOM + "x", NAME, EMAIL)).contains("password.tooLong");
    }

    @Test
    void rejectsPasswordsBuiltFromTheNameOrEmail() {
        assertThat(PasswordRules.check("kovalenko-2026-spring", NAME, EMAIL)).contains("password.containsName");
        assertThat(PasswordRules.check("my OLENA.K password", NAME, EMAIL)).contains("password.containsEmail");
    }

    /** Attack: the name hidden behind look-alike substitutions. */
    @Test
    void rejectsTheNameWithSubstitutions() {
        assertThat(PasswordRules.check("K0v4l3nk0-harbour-lantern", NAME, EMAIL)).contains("password.containsName");
        assertThat(PasswordRules.check("harbour-0l3n4.k-lantern", NAME, EMAIL)).contains("password.containsEmail");
    }

    /** Attack: guessing with a list of common and leaked passwords. */
    @Test
    void rejectsPasswordsFromTheCommonList() {
        assertThat(PasswordRules.check("qwerty123456", NAME, EMAIL)).contains("password.common");
        assertThat(PasswordRules.check("1qaz2wsx3edc", NAME, EMAIL)).contains("password.common");
        assertThat(PasswordRules.check("QWERTY123456", NAME, EMAIL)).contains("password.common");
        assertThat(PasswordRules.check("correcthorsebatterystaple", NAME, EMAIL)).contains("password.common");
    }

    @Test
    void rejectsLowStrengthPasswordsWithAHint() {
        PasswordAssessment repeated = PasswordRules.assess("x".repeat(100), NAME, EMAIL);
        assertThat(repeated.problem()).isEqualTo("password.weak");
        assertThat(repeated.hint()).isEqualTo("password.feedback.repeat.warning.likeAAA");
        assertThat(repeated.score()).isLessThan(PasswordAssessment.MAX_SCORE);

        assertThat(PasswordRules.check("abcdefghijklmnop", NAME, EMAIL)).contains("password.weak");
        assertThat(PasswordRules.check("password-password", NAME, EMAIL)).contains("password.weak");
        assertThat(PasswordRules.check("summer2024!!", NAME, EMAIL)).contains("password.weak");
    }

    @Test
    void strongPasswordGetsTheTopScore() {
        PasswordAssessment strong = PasswordRules.assess("river-stone-window-83", NAME, EMAIL);
        assertThat(strong.acceptable()).isTrue();
        assertThat(strong.score()).isEqualTo(PasswordAssessment.MAX_SCORE);
    }

    @Test
    void worksWithoutNameOrEmail() {
        assertThat(PasswordRules.check("river-stone-window-83", "", "")).isEmpty();
    }

    private static String random(int codePoints) {
        java.util.Random random = new java.util.Random(4242);
        StringBuilder text = new StringBuilder();
        String alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789%&*+=?";
        for (int i = 0; i < codePoints; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
