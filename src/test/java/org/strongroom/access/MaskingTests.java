package org.strongroom.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTests {

    @Test
    void aLongValueKeepsOnlyItsLastFourCharacters() {
        assertThat(Masking.mask("UA21 3223 1300 0002 6007 2335 6600 1")).isEqualTo("•••• 00 1");
        assertThat(Masking.mask("123-45-6789")).isEqualTo("•••• 6789");
    }

    @Test
    void aShortValueIsMaskedCompletelySoTheTailDoesNotGiveItAway() {
        assertThat(Masking.mask("1234567")).isEqualTo("••••");
        assertThat(Masking.mask("")).isEqualTo("••••");
    }

    @Test
    void visibilityDecidesBetweenTheValueItsMaskAndNothing() {
        assertThat(Masking.apply(Visibility.FULL, "AB123456")).isEqualTo("AB123456");
        assertThat(Masking.apply(Visibility.MASKED, "AB123456")).isEqualTo("•••• 3456");
        assertThat(Masking.apply(Visibility.HIDDEN, "AB123456")).isNull();
    }
}
