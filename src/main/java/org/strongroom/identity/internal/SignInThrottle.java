package org.strongroom.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Growing delays between failed sign-ins, per account and per source address, kept in memory.
 *
 * <p>After {@link Policy#freeFailures()} consecutive failures a key must wait
 * {@code firstDelay × 2^(failures − free)} since its last failure, capped at {@link Policy#maxDelay()}.
 * A refused attempt does not count as a failure, so hammering does not lengthen the wait: there is
 * no permanent lockout an attacker could use against the real person, who waits at most the cap.
 * A success clears the account's counter (not the address's, or one valid account would reset
 * an address that sprays others). Counters are forgotten after a quiet period and the cache is
 * bounded, so memory stays small whatever is submitted.
 *
 * <p>Account keys are derived from the submitted email whether or not an account exists, so
 * unknown and known emails are throttled alike and the throttle says nothing about which exist.
 */
public final class SignInThrottle {

    /** How much failure a key gets for free and how the wait grows after that. */
    public record Policy(int freeFailures, Duration firstDelay, Duration maxDelay) {
        public Policy {
            if (freeFailures < 1) {
                throw new IllegalArgumentException("freeFailures must be at least 1");
            }
            Objects.requireNonNull(firstDelay, "firstDelay");
            Objects.requireNonNull(maxDelay, "maxDelay");
            if (firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0) {
                throw new IllegalArgumentException("firstDelay must be positive and maxDelay at least firstDelay");
            }
        }

        /** The wait after {@code failures} consecutive failures. */
        public Duration delayAfter(int failures) {
            if (failures < freeFailures) {
                return Duration.ZERO;
            }
            int doublings = failures - freeFailures;
            if (doublings >= 40) {
                return maxDelay;
            }
            Duration delay = firstDelay.multipliedBy(1L << doublings);
            return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
        }
    }

    private record Counter(int failures, long lastFailureAt) {
    }

    static final int MAX_KEYS = 100_000;

    private final Policy accounts;
    private final Policy addresses;
    private final Clock clock;
    private final Cache<String, Counter> accountCounters;
    private final Cache<String, Counter> addressCounters;

    public SignInThrottle(Policy accounts, Policy addresses, Clock clock) {
        this.accounts = accounts;
        this.addresses = addresses;
        this.clock = clock;
        this.accountCounters = cache(accounts, clock);
        this.addressCounters = cache(addresses, clock);
    }

    private static Cache<String, Counter> cache(Policy policy, Clock clock) {
        // Forget a key once it has been quiet well past the longest wait.
        Duration forgetAfter = policy.maxDelay().multipliedBy(4).compareTo(Duration.ofHours(1)) > 0
                ? policy.maxDelay().multipliedBy(4) : Duration.ofHours(1);
        return Caffeine.newBuilder()
                .maximumSize(MAX_KEYS)
                .expireAfterWrite(forgetAfter)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
    }

    /**
     * How long the attempt must wait before it may be tried; empty when it may go ahead now.
     * The longer of the account's and the address's waits.
     */
    public Optional<Duration> waitBefore(String accountKey, String address) {
        long now = clock.millis();
        long account = remaining(accountCounters.getIfPresent(accountKey), accounts, now);
        long source = remaining(addressCounters.getIfPresent(address), addresses, now);
        long wait = Math.max(account, source);
        return wait > 0 ? Optional.of(Duration.ofMillis(wait)) : Optional.empty();
    }

    private static long remaining(Counter counter, Policy policy, long now) {
        if (counter == null) {
            return 0;
        }
        long until = counter.lastFailureAt() + policy.delayAfter(counter.failures()).toMillis();
        return Math.max(0, until - now);
    }

    /** Counts a failed attempt (wrong password, unknown email, disabled account …). */
    public void failed(String accountKey, String address) {
        long now = clock.millis();
        accountCounters.asMap().merge(accountKey, new Counter(1, now), (old, one) -> new Counter(old.failures() + 1, now));
        addressCounters.asMap().merge(address, new Counter(1, now), (old, one) -> new Counter(old.failures() + 1, now));
    }

    /** A correct password: the account starts afresh. */
    public void succeeded(String accountKey) {
        accountCounters.invalidate(accountKey);
    }

    /** Forgets every counter: an operator unblocking everyone after an incident is over, and tests. */
    public void clear() {
        accountCounters.invalidateAll();
        addressCounters.invalidateAll();
    }

    /** Consecutive failures counted for the account key (for tests and diagnostics). */
    int accountFailures(String accountKey) {
        Counter counter = accountCounters.getIfPresent(accountKey);
        return counter == null ? 0 : counter.failures();
    }
}
