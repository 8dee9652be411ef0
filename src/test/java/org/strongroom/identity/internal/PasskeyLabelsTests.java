package org.strongroom.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Passkey labels: short, one line, no characters that hide or reorder text. */
class PasskeyLabelsTests {

    @Test
    void keepsOrdinaryTextTrimmedAndNormalised() {
        assertThat(PasskeyLabels.normalise("  Work laptop ")).contains("Work laptop");
        assertThat(PasskeyLabels.normalise("Синій ключ")).contains("Синій ключ");
        assertThat(PasskeyLabels.normalise("Cafe\u0301")).contains("Caf\u00e9");
        assertThat(PasskeyLabels.normalise("🔑".repeat(60))).isPresent();
    }

    @Test
    void refusesEmptyAndOverlongLabels() {
        assertThat(PasskeyLabels.normalise("")).isEmpty();
        assertThat(PasskeyLabels.normalise(" \t ")).isEmpty();
        assertThat(PasskeyLabels.normalise(null)).isEmpty();
        assertThat(PasskeyLabels.normalise("x".repeat(61))).isEmpty();
    }

    /** Attack: a label that renders differently from what it says (bidi override, hidden characters, new lines). */
    @Test
    void refusesControlFormattingAndSeparatorCharacters() {
        assertThat(PasskeyLabels.normalise("Key\u202Egnp.exe")).isEmpty();
        assertThat(PasskeyLabels.normalise("Work\nlaptop")).isEmpty();
        assertThat(PasskeyLabels.normalise("Work\u200Blaptop")).isEmpty();
        assertThat(PasskeyLabels.normalise("Work\u2028laptop")).isEmpty();
        assertThat(PasskeyLabels.normalise("Work\u0000laptop")).isEmpty();
    }
}
