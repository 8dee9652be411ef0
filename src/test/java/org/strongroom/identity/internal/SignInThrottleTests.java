package org.strongroom.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.strongroom.testing.MutableClock;

/** Growing, bounded delays per account and per address, proven with a clock the test moves. */
class SignInThrottleTests {

    static final SignInThrottle.Policy ACCOUNTS = new SignInThrottle.Policy(5, Duration.ofSeconds(1), Duration.ofMinutes(15));
    static final SignInThrottle.Policy ADDRESSES = new SignInThrottle.Policy(20, Duration.ofSeconds(1), Duration.ofMinutes(15));

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T09:00:00Z"));
    final SignInThrottle throttle = new SignInThrottle(ACCOUNTS, ADDRESSES, clock);

    @Test
    void theFirstFailuresCostNothing() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("account-a", "192.0.2.10");
            assertThat(throttle.waitBefore("account-a", "192.0.2.10")).as("after %d failures", i + 1).isEmpty();
        }
    }

    @Test
    void delaysDoubleWithEachFurtherConsecutiveFailure() {
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            throttle.failed("account-a", "192.0.2." + i);
            waits.add(throttle.waitBefore("account-a", "192.0.2." + i).orElse(Duration.ZERO));
            // Wait out the delay before the next attempt, as a patient attacker would.
            clock.advance(waits.get(i));
        }
        assertThat(waits).containsExactly(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO,
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(16));
    }

    @Test
    void theWaitRunsOutWithTime() {
        failTimes("account-a", "192.0.2.10", 6);
        assertThat(throttle.waitBefore("account-a", "192.0.2.10")).contains(Duration.ofSeconds(2));
        clock.advance(Duration.ofMillis(1500));
        assertThat(throttle.waitBefore("account-a", "192.0.2.10")).contains(Duration.ofMillis(500));
        clock.advance(Duration.ofMillis(500));
        assertThat(throttle.waitBefore("account-a", "192.0.2.10")).isEmpty();
    }

    @Test
    void successClearsTheAccount() {
        failTimes("account-a", "192.0.2.10", 7);
        assertThat(throttle.waitBefore("account-a", "192.0.2.11")).isPresent();
        throttle.succeeded("account-a");
        assertThat(throttle.waitBefore("account-a", "192.0.2.11")).isEmpty();
        throttle.failed("account-a", "192.0.2.11");
        assertThat(throttle.waitBefore("account-a", "192.0.2.11")).as("counting starts afresh").isEmpty();
    }

    @Test
    void anotherAccountIsUnaffected() {
        failTimes("account-a", "192.0.2.10", 10);
        assertThat(throttle.waitBefore("account-a", "198.51.100.7")).isPresent();
        assertThat(throttle.waitBefore("account-b", "198.51.100.7")).isEmpty();
    }

    /**
     * Attack: locking the real person out by hammering their account. The wait never exceeds the
     * cap however many failures pile up, refused attempts do not lengthen it, and once it has
     * passed the real person's attempt goes through.
     */
    @Test
    void hammeringCannotLockThePersonOutForLongerThanTheCap() {
        for (int i = 0; i < 200; i++) {
            if (throttle.waitBefore("account-a", "203.0.113." + (i % 250)).isEmpty()) {
                throttle.failed("account-a", "203.0.113." + (i % 250));
            }
            clock.advance(Duration.ofMinutes(1));
        }
        Duration wait = throttle.waitBefore("account-a", "192.0.2.10").orElse(Duration.ZERO);
        assertThat(wait).isLessThanOrEqualTo(Duration.ofMinutes(15));
        // Hammering while refused does not push the end of the wait out.
        for (int i = 0; i < 100; i++) {
            throttle.waitBefore("account-a", "203.0.113.9");
        }
        clock.advance(wait);
        assertThat(throttle.waitBefore("account-a", "192.0.2.10")).isEmpty();
    }

    @Test
    void anAddressGetsALooserBudgetAcrossAccounts() {
        for (int i = 0; i < 19; i++) {
            throttle.failed("sprayed-" + i, "203.0.113.5");
        }
        assertThat(throttle.waitBefore("sprayed-new", "203.0.113.5")).isEmpty();
        throttle.failed("sprayed-19", "203.0.113.5");
        assertThat(throttle.waitBefore("sprayed-new", "203.0.113.5")).contains(Duration.ofSeconds(1));
        assertThat(throttle.waitBefore("sprayed-new", "192.0.2.10")).as("other addresses").isEmpty();
    }

    @Test
    void aSuccessDoesNotResetTheAddress() {
        for (int i = 0; i < 25; i++) {
            throttle.failed("sprayed-" + i, "203.0.113.5");
        }
        throttle.succeeded("attackers-own-account");
        assertThat(throttle.waitBefore("attackers-own-account", "203.0.113.5")).isPresent();
    }

    @Test
    void countersAreForgottenAfterAQuietHour() {
        failTimes("account-a", "192.0.2.10", 30);
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        throttle.failed("account-a", "192.0.2.10");
        assertThat(throttle.accountFailures("account-a")).isEqualTo(1);
    }

    @Test
    void delayIsCappedEvenForHugeCounts() {
        assertThat(ACCOUNTS.delayAfter(4)).isZero();
        assertThat(ACCOUNTS.delayAfter(5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(ACCOUNTS.delayAfter(14)).isEqualTo(Duration.ofSeconds(512));
        assertThat(ACCOUNTS.delayAfter(15)).isEqualTo(Duration.ofMinutes(15));
        assertThat(ACCOUNTS.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void policyRefusesNonsense() {
        assertThatThrownBy(() -> new SignInThrottle.Policy(0, Duration.ofSeconds(1), Duration.ofMinutes(1)))
                .hasMessageContaining("freeFailures");
        assertThatThrownBy(() -> new SignInThrottle.Policy(5, Duration.ZERO, Duration.ofMinutes(1)))
                .hasMessageContaining("firstDelay");
        assertThatThrownBy(() -> new SignInThrottle.Policy(5, Duration.ofMinutes(2), Duration.ofMinutes(1)))
                .hasMessageContaining("maxDelay");
    }

    private void failTimes(String account, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(account, address);
        }
    }
}
