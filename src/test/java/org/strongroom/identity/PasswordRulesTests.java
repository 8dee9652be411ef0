package org.strongroom.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordRulesTests {

    static final String NAME = "Olena Kovalenko";
    static final String EMAIL = "olena.k@example.org";

    @Test
    void acceptsTwelveCharactersOfAnything() {
        assertThat(PasswordRules.check("ключ-до-сейфу", NAME, EMAIL)).isEmpty();
        assertThat(PasswordRules.check("  spaces ok  ", NAME, EMAIL)).isEmpty();
        assertThat(PasswordRules.check("🔐🔐🔐🔐🔐🔐🔐🔐🔐🔐🔐🔐", NAME, EMAIL)).isEmpty();
    }

    @Test
    void countsCharactersNotUtf16Units() {
        assertThat(PasswordRules.check("🔐🔐🔐🔐🔐🔐", NAME, EMAIL)).contains("password.tooShort");
    }

    @Test
    void rejectsTooShortAndTooLong() {
        assertThat(PasswordRules.check("short-pass1", NAME, EMAIL)).contains("password.tooShort");
        assertThat(PasswordRules.check("x".repeat(256), NAME, EMAIL)).isEmpty();
        assertThat(PasswordRules.check("x".repeat(257), NAME, EMAIL)).contains("password.tooLong");
    }

    @Test
    void rejectsPasswordsBuiltFromTheNameOrEmail() {
        assertThat(PasswordRules.check("kovalenko-2026-spring", NAME, EMAIL)).contains("password.containsName");
        assertThat(PasswordRules.check("my OLENA.K password", NAME, EMAIL)).contains("password.containsEmail");
    }
}
