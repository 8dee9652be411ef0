package org.strongroom.crypto.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.strongroom.crypto.Unsealing;

/**
 * Counts wrong unseal attempts. The first {@link Unsealing#FREE_FAILURES} cost nothing; after
 * that each failure makes the next attempt wait 5 s × 2^(failures − 5), at most one hour. Time
 * comes from the injected {@link Clock}. Not thread-safe: {@link VaultUnsealing} serialises calls.
 */
final class UnsealThrottle {

    static final Duration BASE_DELAY = Duration.ofSeconds(5);
    static final Duration MAX_DELAY = Duration.ofHours(1);

    private final Clock clock;
    private int failures;
    private Instant lastFailure = Instant.MIN;

    UnsealThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long the next attempt must still wait; zero when it may run now. */
    Duration remaining() {
        Duration delay = delayAfter(failures);
        if (delay.isZero()) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), lastFailure.plus(delay));
        return left.isNegative() ? Duration.ZERO : left;
    }

    void failed() {
        failures++;
        lastFailure = clock.instant();
    }

    void succeeded() {
        failures = 0;
        lastFailure = Instant.MIN;
    }

    int failures() {
        return failures;
    }

    static Duration delayAfter(int failures) {
        if (failures < Unsealing.FREE_FAILURES) {
            return Duration.ZERO;
        }
        int doublings = failures - Unsealing.FREE_FAILURES;
        if (doublings >= 10) {
            return MAX_DELAY;
        }
        Duration delay = BASE_DELAY.multipliedBy(1L << doublings);
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }
}
