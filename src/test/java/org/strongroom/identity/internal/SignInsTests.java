package org.strongroom.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.strongroom.testing.MutableClock;

class SignInsTests {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T09:00:00Z"));
    final SignIns signIns = new SignIns(clock, Duration.ofMinutes(5), event -> { });

    @Test
    void aSecondFactorIsFreshForTheStepUpWindowOnly() {
        MockHttpSession session = new MockHttpSession();
        session.setAttribute(SignIns.LAST_FACTOR_AT, clock.millis());
        assertThat(signIns.isFresh(session)).isTrue();
        clock.advance(Duration.ofMinutes(5));
        assertThat(signIns.isFresh(session)).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(signIns.isFresh(session)).isFalse();
    }

    @Test
    void noFactorTimeOrOneInTheFutureIsNeverFresh() {
        assertThat(signIns.isFresh(null)).isFalse();
        MockHttpSession session = new MockHttpSession();
        assertThat(signIns.isFresh(session)).isFalse();
        session.setAttribute(SignIns.LAST_FACTOR_AT, clock.millis() + 60_000);
        assertThat(signIns.isFresh(session)).isFalse();
        session.setAttribute(SignIns.LAST_FACTOR_AT, "yesterday");
        assertThat(signIns.isFresh(session)).isFalse();
    }
}
