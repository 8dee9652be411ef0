package org.strongroom.identity;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.strongroom.identity.internal.Accounts;
import org.strongroom.identity.internal.Attempts;
import org.strongroom.identity.internal.Devices;
import org.strongroom.identity.internal.SignInKeys;

/**
 * The record of every sign-in attempt — success or failure, with its reason, time, source address
 * and a coarse device summary — for the person's "recent sign-ins" and for the audit trail.
 * Attempts are recorded from events — Spring Security's authentication events for the password,
 * {@link SecondFactorUsed} and {@link StaffSignedIn} for the second step — and by the sign-in
 * throttle. A path that publishes none of these reports through
 * {@link #recordSecondFactor(StaffId, boolean, HttpServletRequest)} or {@link #record(StaffId,
 * SignInAttempt.Reason, HttpServletRequest)}.
 *
 * <p>No email is stored. An attempt that names an existing account records the account id; one
 * that names no account records only a blind index of the submitted email. The same lookups run
 * either way, so recording costs the same for both.
 */
@Service
public class SignInAttempts {

    /** How many attempts "recent sign-ins" shows. */
    public static final int RECENT = 20;

    private final Attempts attempts;
    private final Accounts accounts;
    private final SignInKeys keys;
    private final Clock clock;

    SignInAttempts(Attempts attempts, Accounts accounts, SignInKeys keys, Clock clock) {
        this.attempts = attempts;
        this.accounts = accounts;
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * Records the outcome of a second factor for a person whose password was accepted:
     * {@link SignInAttempt.Reason#SIGNED_IN} or {@link SignInAttempt.Reason#SECOND_FACTOR_FAILED}.
     * Not needed where {@link SecondFactorUsed} and {@link StaffSignedIn} are published (they are
     * recorded already); calling it as well would record the attempt twice.
     */
    public void recordSecondFactor(StaffId staff, boolean accepted, HttpServletRequest request) {
        record(staff, accepted ? SignInAttempt.Reason.SIGNED_IN : SignInAttempt.Reason.SECOND_FACTOR_FAILED, request);
    }

    /** Records an attempt by a known account (second factor, passkey, lock-outs). */
    public void record(StaffId staff, SignInAttempt.Reason reason, HttpServletRequest request) {
        Objects.requireNonNull(staff, "staff");
        Objects.requireNonNull(reason, "reason");
        record(staff, null, reason, request.getRemoteAddr(), request.getHeader("User-Agent"));
    }

    /**
     * Records a password attempt by submitted email: the account id when the email names one,
     * otherwise a blind index of the email.
     */
    public void recordByEmail(@Nullable String submittedEmail, SignInAttempt.Reason reason, @Nullable String sourceAddress,
                              @Nullable String userAgent) {
        Objects.requireNonNull(reason, "reason");
        Optional<StaffId> staff = accounts.findCredentialsByEmail(SignInKeys.normaliseEmail(submittedEmail)).map(Accounts.Credentials::id);
        // The index is computed either way, so known and unknown emails cost the same.
        String index = keys.emailIndex(submittedEmail);
        record(staff.orElse(null), staff.isPresent() ? null : index, reason, sourceAddress, userAgent);
    }

    /** Records an attempt whose account is known. */
    public void record(StaffId staff, SignInAttempt.Reason reason, @Nullable String sourceAddress, @Nullable String userAgent) {
        Objects.requireNonNull(staff, "staff");
        record(staff, null, reason, sourceAddress, userAgent);
    }

    private void record(@Nullable StaffId staff, @Nullable String emailIndex, SignInAttempt.Reason reason,
                        @Nullable String sourceAddress, @Nullable String userAgent) {
        Devices.Summary device = Devices.summarise(userAgent);
        attempts.insert(new Attempts.NewAttempt(clock.instant(), reason, staff, emailIndex,
                sourceAddress == null ? "" : sourceAddress, device.browser(), device.platform()));
    }

    /** The person's latest {@value #RECENT} attempts, newest first. */
    public List<SignInAttempt> recent(StaffId staff) {
        return attempts.latest(staff, RECENT);
    }
}
