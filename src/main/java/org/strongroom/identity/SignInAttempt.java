package org.strongroom.identity;

import java.time.Instant;
import java.util.Locale;

/**
 * One recorded sign-in attempt as the person it concerns sees it: when, whether it succeeded and
 * why, from which address and what kind of device. Attempts on unknown emails name no account and
 * are shown to nobody here.
 */
public record SignInAttempt(Instant at, Reason reason, String sourceAddress, String browser, String platform) {

    /** Why an attempt succeeded or failed; {@link #code()} is what is stored and audited. */
    public enum Reason {
        /** The password was right; a second factor or enrolment comes next. */
        PASSWORD_ACCEPTED(true),
        /** Signed in completely (second factor, recovery code or passkey). */
        SIGNED_IN(true),
        /** Unknown email or wrong password — deliberately not told apart. */
        BAD_CREDENTIALS(false),
        /** Refused before checking the password: too many recent failures for the account or the address. */
        THROTTLED(false),
        /** The account is disabled. */
        DISABLED(false),
        /** The account is locked. */
        LOCKED(false),
        /** A wrong second-factor code or recovery code. */
        SECOND_FACTOR_FAILED(false),
        /** The second factor is locked after too many wrong codes. */
        SECOND_FACTOR_LOCKED(false),
        /** A second factor asked again for a sensitive operation (step-up) was accepted. */
        STEPPED_UP(true),
        /** A wrong code at a step-up. */
        STEP_UP_FAILED(false),
        /** A passkey assertion was refused. */
        PASSKEY_FAILED(false),
        /** The attempt failed for another reason (a server fault). */
        ERROR(false);

        private final boolean success;

        Reason(boolean success) {
            this.success = success;
        }

        public boolean isSuccess() {
            return success;
        }

        /** The stored form, e.g. {@code bad_credentials}. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Reason fromCode(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT));
        }
    }

    public boolean succeeded() {
        return reason.isSuccess();
    }
}
