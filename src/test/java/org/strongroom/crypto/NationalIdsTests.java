package org.strongroom.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NationalIdsTests {

    @Test
    void stripsSpacesAndDashesAndUpperCases() {
        assertThat(NationalIds.normalise(" ab-12 34\u00A056 ")).contains("AB123456");
        assertThat(NationalIds.normalise("ab\u2013123\u2014456")).contains("AB123456");
    }

    @Test
    void foldsFullWidthDigits() {
        assertThat(NationalIds.normalise("１２３４５")).contains("12345");
    }

    /** Attack on search: the same passport series typed on a Cyrillic keyboard must find the record. */
    @Test
    void writesCyrillicLookalikesAsLatin() {
        assertThat(NationalIds.normalise("КА 123456")).contains("KA123456");
        assertThat(NationalIds.normalise("ка123456")).isEqualTo(NationalIds.normalise("KA123456"));
        assertThat(NationalIds.normalise("ЖЮ123456")).contains("ЖЮ123456");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "--", "AB/123", "AB.123", "AB_123", "A\u0000B", "AB\u000112", "αβ123", "12\u200B34"})
    void rejectsOtherCharactersInsteadOfDroppingThem(String text) {
        assertThat(NationalIds.normalise(text)).isEmpty();
    }

    @Test
    void rejectsNullAndOverlongIds() {
        assertThat(NationalIds.normalise(null)).isEmpty();
        assertThat(NationalIds.normalise("1".repeat(NationalIds.MAX_LENGTH))).isPresent();
        assertThat(NationalIds.normalise("1".repeat(NationalIds.MAX_LENGTH + 1))).isEmpty();
        assertThat(NationalIds.normalise("1".repeat(1_000_000))).isEmpty();
    }

    // Check digits worked by hand: 1234567899: -1+10+21+36+20+36+70+40+63 = 295, 295 mod 11 = 9.
    // 3000000008: -3 mod 11 = 8 (the sum can be negative). 0000000000: 0.
    @ParameterizedTest
    @ValueSource(strings = {"1234567899", "3000000008", "0000000000", "12345 67899", "123-456-7899"})
    void acceptsRnokppWithTheRightCheckDigit(String text) {
        assertThat(NationalIds.normalise(text, CheckDigits.UA_RNOKPP)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234567890", "1234567898", "3000000003", "2134567899", "123456789", "12345678990", "123456789A"})
    void rejectsRnokppWithAWrongCheckDigitOrLength(String text) {
        assertThat(NationalIds.normalise(text, CheckDigits.UA_RNOKPP)).isEmpty();
        assertThat(NationalIds.normalise(text)).isPresent();
    }

    @Test
    void rnokppCatchesEverySingleDigitTypo() {
        String valid = "1234567899";
        int caught = 0;
        int typos = 0;
        for (int position = 0; position < 9; position++) {
            for (char digit = '0'; digit <= '9'; digit++) {
                if (digit == valid.charAt(position)) {
                    continue;
                }
                String typo = valid.substring(0, position) + digit + valid.substring(position + 1);
                typos++;
                if (!CheckDigits.UA_RNOKPP.isValid(typo)) {
                    caught++;
                }
            }
        }
        // mod 11 then mod 10 lets a few typos through (a sum change of 10 or of 1 landing on 10/0)
        assertThat(caught).isGreaterThan(typos * 8 / 10);
    }

    @Test
    void takesAPluggableCheckDigitRule() {
        CheckDigits evenLength = id -> id.length() % 2 == 0;
        assertThat(NationalIds.normalise("AB12", evenLength)).contains("AB12");
        assertThat(NationalIds.normalise("AB123", evenLength)).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> NationalIds.normalise("AB12", null))
                .withMessageContaining("checkDigits");
    }
}
