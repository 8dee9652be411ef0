package org.strongroom.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class OneTimeCodesTests {

    /** The RFC 6238 Appendix B SHA-1 seed. */
    private static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void matchesTheRfc6238TestVectorsInSixDigits() {
        // Appendix B gives 8 digits; six-digit codes are their last six.
        assertThat(OneTimeCodes.code(RFC_SEED, OneTimeCodes.stepAt(Instant.ofEpochSecond(59)))).isEqualTo("287082");
        assertThat(OneTimeCodes.code(RFC_SEED, OneTimeCodes.stepAt(Instant.ofEpochSecond(1111111109)))).isEqualTo("081804");
        assertThat(OneTimeCodes.code(RFC_SEED, OneTimeCodes.stepAt(Instant.ofEpochSecond(1234567890)))).isEqualTo("005924");
        assertThat(OneTimeCodes.code(RFC_SEED, OneTimeCodes.stepAt(Instant.ofEpochSecond(2000000000)))).isEqualTo("279037");
    }

    @Test
    void acceptsOneStepOfDriftEitherSideAndNoMore() {
        Instant now = Instant.ofEpochSecond(1_800_000_000L);
        long step = OneTimeCodes.stepAt(now);
        assertThat(OneTimeCodes.matchingStep(RFC_SEED, OneTimeCodes.code(RFC_SEED, step - 1), now)).hasValue(step - 1);
        assertThat(OneTimeCodes.matchingStep(RFC_SEED, OneTimeCodes.code(RFC_SEED, step), now)).hasValue(step);
        assertThat(OneTimeCodes.matchingStep(RFC_SEED, OneTimeCodes.code(RFC_SEED, step + 1), now)).hasValue(step + 1);
        assertThat(OneTimeCodes.matchingStep(RFC_SEED, OneTimeCodes.code(RFC_SEED, step - 2), now)).isEmpty();
        assertThat(OneTimeCodes.matchingStep(RFC_SEED, OneTimeCodes.code(RFC_SEED, step + 2), now)).isEmpty();
    }

    @Test
    void refusesMalformedCodes() {
        Instant now = Instant.ofEpochSecond(59);
        assertThat(OneTimeCodes.matchingStep(RFC_SEED, "28708", now)).isEmpty();
        assertThat(OneTimeCodes.matchingStep(RFC_SEED, "2870822", now)).isEmpty();
        assertThat(OneTimeCodes.matchingStep(RFC_SEED, "28708a", now)).isEmpty();
        assertThat(OneTimeCodes.matchingStep(RFC_SEED, "", now)).isEmpty();
        assertThat(OneTimeCodes.matchingStep(RFC_SEED, "287 082", now)).isPresent();
    }

    @Test
    void encodesBase32AsRfc4648() {
        assertThat(OneTimeCodes.base32("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        assertThat(OneTimeCodes.base32(RFC_SEED)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThat(OneTimeCodes.newSeed()).hasSize(20);
    }
}
