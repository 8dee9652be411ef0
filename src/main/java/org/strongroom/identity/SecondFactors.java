package org.strongroom.identity;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.strongroom.crypto.OneTimeCodes;
import org.strongroom.crypto.SecretTokens;
import org.strongroom.identity.internal.Accounts;
import org.strongroom.identity.internal.EnrolledFactors;
import org.strongroom.identity.internal.QrCodes;
import org.strongroom.identity.internal.RecoveryCodes;
import org.strongroom.identity.internal.TotpSeeds;

/**
 * Second factors of staff accounts: an authenticator app (TOTP) and ten single-use recovery
 * codes. Every staff account needs a factor before it reaches anything; a code is accepted once
 * (replay refused); five wrong codes in a row lock the app factor for {@link #LOCK_DURATION}
 * (recovery codes, 80 random bits each, stay usable, so a guesser cannot lock a person out).
 */
@Service
public class SecondFactors {

    public static final int FAILURE_LIMIT = 5;
    public static final Duration LOCK_DURATION = Duration.ofMinutes(15);
    public static final int RECOVERY_CODE_COUNT = 10;

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Crockford-style alphabet without 0/O, 1/I/L and U: nothing to misread on paper. */
    private static final char[] CODE_ALPHABET = "abcdefghjkmnpqrstvwxyz23456789".toCharArray();

    /** What a person sees to set up an authenticator app. Holds the seed: never log it. */
    public record TotpEnrolment(String secret, String otpauthUri, String qrSvg) {
        @Override
        public String toString() {
            return "TotpEnrolment[…]";
        }
    }

    /** The outcome of a typed code. */
    public enum Outcome {
        ACCEPTED,
        /** Wrong code, or one already used. */
        REFUSED,
        /** Too many wrong codes; the app factor is locked for a while (recovery codes still work). */
        LOCKED,
        /** The account has no authenticator app. */
        NOT_ENROLLED
    }

    private final TotpSeeds seeds;
    private final RecoveryCodes recoveryCodes;
    private final EnrolledFactors factors;
    private final Accounts accounts;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    SecondFactors(TotpSeeds seeds, RecoveryCodes recoveryCodes, EnrolledFactors factors, Accounts accounts, Clock clock,
                  ApplicationEventPublisher events) {
        this.events = events;
        this.seeds = seeds;
        this.recoveryCodes = recoveryCodes;
        this.factors = factors;
        this.accounts = accounts;
        this.clock = clock;
    }

    public boolean hasAnyFactor(StaffId staff) {
        return factors.hasAny(staff);
    }

    public boolean hasAuthenticatorApp(StaffId staff) {
        return seeds.isEnrolled(staff);
    }

    public int recoveryCodesLeft(StaffId staff) {
        return recoveryCodes.remaining(staff);
    }

    /** A new seed to enrol (the app in use, if any, keeps working until a code from the new one confirms it). */
    @Transactional
    public TotpEnrolment startAuthenticatorEnrolment(StaffId staff) {
        byte[] seed = OneTimeCodes.newSeed();
        seeds.startEnrolment(staff, seed, clock.instant());
        return enrolmentFor(staff, seed);
    }

    /** The enrolment already started (so reloading the page shows the same QR code), or a new one. */
    @Transactional
    public TotpEnrolment currentOrNewEnrolment(StaffId staff) {
        return seeds.find(staff)
                .filter(t -> t.pendingSeed() != null)
                .map(t -> enrolmentFor(staff, t.pendingSeed()))
                .orElseGet(() -> startAuthenticatorEnrolment(staff));
    }

    /** Confirms the pending seed with a code from it; the app becomes the account's factor. */
    @Transactional
    public boolean confirmAuthenticatorEnrolment(StaffId staff, String code) {
        Instant now = clock.instant();
        return seeds.find(staff)
                .filter(t -> t.pendingSeed() != null)
                .map(t -> {
                    OptionalLong step = OneTimeCodes.matchingStep(t.pendingSeed(), code, now);
                    return step.isPresent() && seeds.confirmEnrolment(staff, t.pendingSeed(), step.getAsLong(), now);
                })
                .orElse(false);
    }

    /** Checks a code from the authenticator app; see {@link Outcome}. */
    @Transactional(noRollbackFor = RuntimeException.class)
    public Outcome verifyAuthenticatorCode(StaffId staff, String code) {
        Instant now = clock.instant();
        seeds.unlockExpired(staff, now);
        var stored = seeds.find(staff).filter(t -> t.seed() != null);
        if (stored.isEmpty()) {
            return Outcome.NOT_ENROLLED;
        }
        var totp = stored.get();
        if (totp.lockedUntil() != null && totp.lockedUntil().isAfter(now)) {
            return Outcome.LOCKED;
        }
        OptionalLong step = OneTimeCodes.matchingStep(totp.seed(), code, now);
        if (step.isPresent() && seeds.acceptStep(staff, step.getAsLong())) {
            return Outcome.ACCEPTED;
        }
        seeds.recordFailure(staff, FAILURE_LIMIT, now.plus(LOCK_DURATION));
        return totp.failedAttempts() + 1 >= FAILURE_LIMIT ? Outcome.LOCKED : Outcome.REFUSED;
    }

    /** Uses a recovery code (spaces, dashes and case ignored); true once per code. */
    @Transactional
    public boolean useRecoveryCode(StaffId staff, String typed) {
        String normalised = normaliseRecoveryCode(typed);
        if (normalised.length() != 16) {
            return false;
        }
        return recoveryCodes.consume(staff, SecretTokens.digest(normalised), clock.instant());
    }

    /** Ten new recovery codes, replacing all earlier ones; shown once, stored as digests. */
    @Transactional
    public List<String> regenerateRecoveryCodes(StaffId staff) {
        List<String> codes = new ArrayList<>();
        List<String> digests = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODE_COUNT; i++) {
            StringBuilder code = new StringBuilder(19);
            for (int c = 0; c < 16; c++) {
                if (c > 0 && c % 4 == 0) {
                    code.append('-');
                }
                code.append(CODE_ALPHABET[RANDOM.nextInt(CODE_ALPHABET.length)]);
            }
            codes.add(code.toString());
            digests.add(SecretTokens.digest(normaliseRecoveryCode(code.toString())));
        }
        recoveryCodes.replace(staff, digests, clock.instant());
        events.publishEvent(new CredentialChanged(staff, CredentialChanged.Kind.RECOVERY_CODES_REGENERATED, ""));
        return codes;
    }

    /** Removes the authenticator app and the recovery codes (an administrator's reset, or offboarding). */
    @Transactional
    public void removeAll(StaffId staff) {
        seeds.delete(staff);
        recoveryCodes.delete(staff);
    }

    static String normaliseRecoveryCode(String typed) {
        return typed.replace("-", "").replace(" ", "").strip().toLowerCase(Locale.ROOT);
    }

    private TotpEnrolment enrolmentFor(StaffId staff, byte[] seed) {
        String secret = OneTimeCodes.base32(seed);
        String account = accounts.findProfile(staff).map(StaffProfile::email).orElse(staff.toString());
        String label = URLEncoder.encode("Strongroom:" + account, StandardCharsets.UTF_8).replace("+", "%20");
        String uri = "otpauth://totp/" + label + "?secret=" + secret + "&issuer=Strongroom&algorithm=SHA1&digits=6&period=30";
        return new TotpEnrolment(secret, uri, QrCodes.svg(uri));
    }
}
