package org.strongroom.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhonesTests {

    @ParameterizedTest
    @ValueSource(strings = {"044 123 4567", "(044) 123-45-67", "+38 (044) 123-45-67", "+380441234567", "00380441234567",
            " 0441234567 "})
    void writesUkrainianNumbersInE164(String text) {
        assertThat(Phones.toE164(text)).contains("+380441234567");
    }

    @Test
    void writesMobileNumbersInE164() {
        assertThat(Phones.toE164("067 123 45 67")).contains("+380671234567");
    }

    @Test
    void readsNationalNumbersInTheGivenRegion() {
        assertThat(Phones.toE164("030 1234567", "DE")).contains("+49301234567");
        assertThat(Phones.toE164("+380671234567", "DE")).contains("+380671234567");
    }

    @Test
    void dropsExtensions() {
        assertThat(Phones.toE164("+380 44 123 4567 ext. 12")).contains("+380441234567");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "abc", "123", "+380 44 123", "+380 44 123 4567 8901", "+999 123 456 789",
            "044\u0000123\u00004567", "олена"})
    void rejectsWhatIsNotAValidNumber(String text) {
        assertThat(Phones.toE164(text)).isEmpty();
    }

    @Test
    void rejectsNullAndOverlongInputWithoutParsingIt() {
        assertThat(Phones.toE164(null)).isEmpty();
        assertThat(Phones.toE164("+380441234567" + " ".repeat(100))).isEmpty();
        assertThat(Phones.toE164("9".repeat(1_000_000))).isEmpty();
    }

    @Test
    void refusesAnUnknownDefaultRegion() {
        assertThatIllegalArgumentException().isThrownBy(() -> Phones.toE164("044 123 4567", "XX"))
                .withMessageContaining("defaultRegion");
        assertThatIllegalArgumentException().isThrownBy(() -> Phones.toE164("044 123 4567", null));
    }
}
