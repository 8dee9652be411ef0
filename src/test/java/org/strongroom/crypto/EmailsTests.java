package org.strongroom.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailsTests {

    @Test
    void trimsAndLowerCases() {
        assertThat(Emails.normalise("  Olena.Kovalenko@Example.ORG \t")).contains("olena.kovalenko@example.org");
    }

    @Test
    void keepsPlusTagsAndDotsAsWritten() {
        assertThat(Emails.normalise("o.k+clinic@mail.example.com")).contains("o.k+clinic@mail.example.com");
    }

    @Test
    void writesInternationalDomainsInPunycode() {
        assertThat(Emails.normalise("olena@приклад.укр")).contains("olena@xn--80aikifvh.xn--j1amh");
        assertThat(Emails.normalise("olena@ПРИКЛАД.УКР")).isEqualTo(Emails.normalise("olena@xn--80aikifvh.xn--j1amh"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "plain", "@example.org", "olena@", "olena@@example.org", "o@l@example.org",
            "olena@example", "olena@example.o", "olena@-example.org", "olena@example-.org", "olena@exa mple.org",
            ".olena@example.org", "olena.@example.org", "ol..ena@example.org", "\"olena\"@example.org",
            "olena@[192.0.2.1]", "олена@example.org", "olena@example..org", "olena@example.org.",
            "ol\u0000ena@example.org", "olena@exam\u0007ple.org", "olena\n@example.org", "olena@example.123"})
    void rejectsWhatIsNotAnAddress(String text) {
        assertThat(Emails.normalise(text)).isEmpty();
        assertThat(Emails.isValid(text)).isFalse();
    }

    @Test
    void rejectsNull() {
        assertThat(Emails.normalise(null)).isEmpty();
    }

    @Test
    void rejectsOverlongPartsAndAddresses() {
        assertThat(Emails.normalise("a".repeat(64) + "@example.org")).isPresent();
        assertThat(Emails.normalise("a".repeat(65) + "@example.org")).isEmpty();
        assertThat(Emails.normalise("olena@" + "a".repeat(64) + ".org")).isEmpty();
        String longDomain = ("a".repeat(60) + ".").repeat(5) + "org";
        assertThat(Emails.normalise("olena@" + longDomain)).isEmpty();
        assertThat(Emails.normalise("a".repeat(1_000_000) + "@example.org")).isEmpty();
    }
}
