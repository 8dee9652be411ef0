package org.strongroom.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.strongroom.crypto.OneTimeCodes;
import org.strongroom.testing.MutableClock;
import org.strongroom.testing.StaffSignIn;
import org.strongroom.testing.TestFolders;

/** Authenticator-app codes and recovery codes against a real database, with a clock the test moves. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "strongroom.data-dir=target/test-data/second-factors")
class SecondFactorsIntegrationTests {

    static {
        TestFolders.fresh("second-factors");
    }

    static final NewOwner OWNER = new NewOwner("Iryna Bondar", "iryna.bondar@example.org", "amber-orchard-compass-61");

    @Autowired
    SecondFactors factors;
    @Autowired
    OwnerSetup setup;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcClient jdbc;

    StaffId staff;

    @BeforeEach
    void owner() {
        jdbc.sql("DELETE FROM staff_totp").update();
        jdbc.sql("DELETE FROM staff_recovery_code").update();
        jdbc.sql("DELETE FROM staff_member").update();
        jdbc.sql("UPDATE owner_claim SET claimed = FALSE").update();
        staff = ((SetupResult.Created) setup.createOwner(OWNER)).id();
    }

    byte[] enrol() {
        SecondFactors.TotpEnrolment enrolment = factors.startAuthenticatorEnrolment(staff);
        byte[] seed = StaffSignIn.base32(enrolment.secret());
        assertThat(factors.hasAnyFactor(staff)).isFalse();
        assertThat(factors.confirmAuthenticatorEnrolment(staff, code(seed, 0))).isTrue();
        assertThat(factors.hasAnyFactor(staff)).isTrue();
        clock.advance(Duration.ofSeconds(30));
        return seed;
    }

    String code(byte[] seed, int stepsFromNow) {
        return OneTimeCodes.code(seed, OneTimeCodes.stepAt(clock.instant()) + stepsFromNow);
    }

    @Test
    void enrolmentNeedsACodeFromTheNewSeed() {
        SecondFactors.TotpEnrolment enrolment = factors.startAuthenticatorEnrolment(staff);
        assertThat(enrolment.otpauthUri()).startsWith("otpauth://totp/Strongroom%3Airyna.bondar%40example.org?secret=")
                .contains("issuer=Strongroom", "digits=6", "period=30");
        assertThat(enrolment.qrSvg()).startsWith("<svg").contains("<path");
        assertThat(factors.confirmAuthenticatorEnrolment(staff, "000000")).isFalse();
        assertThat(factors.hasAuthenticatorApp(staff)).isFalse();
        assertThat(factors.currentOrNewEnrolment(staff).secret()).as("reloading shows the same seed").isEqualTo(enrolment.secret());
    }

    /** Attack: replaying a code seen over someone's shoulder or captured by a phishing page. */
    @Test
    void aCodeIsAcceptedOnceOnly() {
        byte[] seed = enrol();
        String code = code(seed, 0);
        assertThat(factors.verifyAuthenticatorCode(staff, code)).isEqualTo(SecondFactors.Outcome.ACCEPTED);
        assertThat(factors.verifyAuthenticatorCode(staff, code)).isEqualTo(SecondFactors.Outcome.REFUSED);
        assertThat(factors.verifyAuthenticatorCode(staff, code(seed, -1))).as("an earlier step after a later one")
                .isEqualTo(SecondFactors.Outcome.REFUSED);
        assertThat(factors.verifyAuthenticatorCode(staff, code(seed, 1))).isEqualTo(SecondFactors.Outcome.ACCEPTED);
    }

    @Test
    void acceptsOneStepOfClockDriftButNotTwo() {
        byte[] seed = enrol();
        clock.advance(Duration.ofSeconds(30));
        assertThat(factors.verifyAuthenticatorCode(staff, code(seed, 2))).isEqualTo(SecondFactors.Outcome.REFUSED);
        assertThat(factors.verifyAuthenticatorCode(staff, code(seed, -1))).isEqualTo(SecondFactors.Outcome.ACCEPTED);
    }

    /** Attack: guessing six-digit codes after stealing the password. */
    @Test
    void fiveWrongCodesLockTheAppForAWhile() {
        byte[] seed = enrol();
        for (int i = 0; i < 4; i++) {
            assertThat(factors.verifyAuthenticatorCode(staff, "000000")).isEqualTo(SecondFactors.Outcome.REFUSED);
        }
        assertThat(factors.verifyAuthenticatorCode(staff, "000000")).isEqualTo(SecondFactors.Outcome.LOCKED);
        assertThat(factors.verifyAuthenticatorCode(staff, code(seed, 0))).as("even the right code while locked")
                .isEqualTo(SecondFactors.Outcome.LOCKED);
        clock.advance(SecondFactors.LOCK_DURATION.minusSeconds(31));
        assertThat(factors.verifyAuthenticatorCode(staff, code(seed, 0))).isEqualTo(SecondFactors.Outcome.LOCKED);
        clock.advance(Duration.ofSeconds(31));
        assertThat(factors.verifyAuthenticatorCode(staff, code(seed, 0))).isEqualTo(SecondFactors.Outcome.ACCEPTED);
        clock.advance(Duration.ofSeconds(30));
        assertThat(factors.verifyAuthenticatorCode(staff, "000000")).as("the count started again")
                .isEqualTo(SecondFactors.Outcome.REFUSED);
    }

    @Test
    void aRightCodeResetsTheFailureCount() {
        byte[] seed = enrol();
        for (int i = 0; i < 4; i++) {
            factors.verifyAuthenticatorCode(staff, "000000");
        }
        assertThat(factors.verifyAuthenticatorCode(staff, code(seed, 0))).isEqualTo(SecondFactors.Outcome.ACCEPTED);
        for (int i = 0; i < 4; i++) {
            assertThat(factors.verifyAuthenticatorCode(staff, "000000")).isEqualTo(SecondFactors.Outcome.REFUSED);
        }
    }

    @Test
    void recoveryCodesWorkOnceEachAndNewOnesCancelTheOld() {
        enrol();
        List<String> codes = factors.regenerateRecoveryCodes(staff);
        assertThat(codes).hasSize(10).doesNotHaveDuplicates().allMatch(c -> c.matches("[a-z2-9]{4}(-[a-z2-9]{4}){3}"));
        assertThat(factors.useRecoveryCode(staff, codes.get(0).toUpperCase().replace("-", " "))).isTrue();
        assertThat(factors.useRecoveryCode(staff, codes.get(0))).as("used already").isFalse();
        assertThat(factors.recoveryCodesLeft(staff)).isEqualTo(9);
        List<String> fresh = factors.regenerateRecoveryCodes(staff);
        assertThat(factors.useRecoveryCode(staff, codes.get(1))).as("an old code after regeneration").isFalse();
        assertThat(factors.useRecoveryCode(staff, fresh.get(1))).isTrue();
        assertThat(factors.useRecoveryCode(staff, "abcd-efgh-jkmn-pqrs")).isFalse();
        List<String> stored = jdbc.sql("SELECT code_digest FROM staff_recovery_code").query(String.class).list();
        assertThat(stored).hasSize(10).noneMatch(d -> fresh.stream().anyMatch(c -> d.contains(c.replace("-", ""))));
    }

    @Test
    void replacingTheAppKeepsTheOldOneWorkingUntilTheNewOneIsConfirmed() {
        byte[] old = enrol();
        SecondFactors.TotpEnrolment replacement = factors.startAuthenticatorEnrolment(staff);
        assertThat(factors.verifyAuthenticatorCode(staff, code(old, 0))).isEqualTo(SecondFactors.Outcome.ACCEPTED);
        clock.advance(Duration.ofSeconds(30));
        byte[] seed = StaffSignIn.base32(replacement.secret());
        assertThat(factors.confirmAuthenticatorEnrolment(staff, code(seed, 0))).isTrue();
        clock.advance(Duration.ofSeconds(30));
        assertThat(factors.verifyAuthenticatorCode(staff, code(old, 0))).isEqualTo(SecondFactors.Outcome.REFUSED);
        assertThat(factors.verifyAuthenticatorCode(staff, code(seed, 0))).isEqualTo(SecondFactors.Outcome.ACCEPTED);
    }

    /** Canary: seeds, email and name never reach the database files in clear. */
    @Test
    void seedsAndContactDetailsAreEncryptedAtRest() throws Exception {
        byte[] seed = enrol();
        String secret = OneTimeCodes.base32(seed);
        jdbc.sql("PRAGMA wal_checkpoint(PASSIVE)").query((rs, n) -> 0).list();
        Set<String> needles = new HashSet<>(List.of(secret, OWNER.email(), "iryna.bondar@example.org", OWNER.name(), "Bondar"));
        try (Stream<Path> files = Files.list(Path.of("target/test-data/second-factors"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(file);
                String latin = new String(bytes, StandardCharsets.ISO_8859_1);
                for (String needle : needles) {
                    assertThat(latin).as(file + " holds " + needle).doesNotContain(needle);
                }
                assertThat(indexOf(bytes, seed)).as(file + " holds the raw seed").isEqualTo(-1);
            }
        }
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock movableClock() {
            return new MutableClock(Instant.parse("2026-11-29T09:00:00Z"));
        }
    }
}
