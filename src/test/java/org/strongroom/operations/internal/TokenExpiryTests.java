package org.strongroom.operations.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The forms {@code token create --expires} accepts. */
class TokenExpiryTests {

    static final Instant NOW = Instant.parse("2026-11-29T09:30:00Z");

    @Test
    void shortLifetimes() {
        assertThat(TokenExpiry.parse("30d", NOW)).isEqualTo(NOW.plus(Duration.ofDays(30)));
        assertThat(TokenExpiry.parse("12h", NOW)).isEqualTo(NOW.plus(Duration.ofHours(12)));
        assertThat(TokenExpiry.parse(" 7D ", NOW)).isEqualTo(NOW.plus(Duration.ofDays(7)));
    }

    @Test
    void isoDurationsAndPeriods() {
        assertThat(TokenExpiry.parse("P30D", NOW)).isEqualTo(NOW.plus(Duration.ofDays(30)));
        assertThat(TokenExpiry.parse("PT12H", NOW)).isEqualTo(NOW.plus(Duration.ofHours(12)));
        assertThat(TokenExpiry.parse("P1M", NOW)).isEqualTo(Instant.parse("2026-12-29T09:30:00Z"));
        assertThat(TokenExpiry.parse("P1Y", NOW)).isEqualTo(Instant.parse("2027-11-29T09:30:00Z"));
    }

    @Test
    void isoMomentsAndDates() {
        assertThat(TokenExpiry.parse("2027-01-31T12:00:00Z", NOW)).isEqualTo(Instant.parse("2027-01-31T12:00:00Z"));
        assertThat(TokenExpiry.parse("2027-01-31T14:00:00+02:00", NOW)).isEqualTo(Instant.parse("2027-01-31T12:00:00Z"));
        assertThat(TokenExpiry.parse("2027-01-31", NOW)).as("end of that day, UTC").isEqualTo(Instant.parse("2027-02-01T00:00:00Z"));
    }

    @Test
    void nonsenseAndThePastAreRefusedInOneLine() {
        for (String bad : new String[] {"", "30", "thirty days", "30x", "-5d", "P", "2027-13-01", "tomorrow", "PT-1H"}) {
            assertThatThrownBy(() -> TokenExpiry.parse(bad, NOW)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("--expires must").hasMessageNotContaining("\n");
        }
        assertThatThrownBy(() -> TokenExpiry.parse("0h", NOW)).hasMessage("--expires must lie in the future");
    }
}
