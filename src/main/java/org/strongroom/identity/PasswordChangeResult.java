package org.strongroom.identity;

import java.util.Map;

/** The outcome of changing or resetting a password: a value, not an exception. */
public sealed interface PasswordChangeResult {

    /** The new password is in force; the person's other sessions have ended. */
    record Changed(StaffId staff) implements PasswordChangeResult {
    }

    /**
     * The input was refused; nothing changed. Maps each field ({@code currentPassword},
     * {@code password}, {@code passwordConfirm}) to the message code that says what is wrong.
     */
    record Rejected(Map<String, String> problems) implements PasswordChangeResult {
        public Rejected {
            problems = Map.copyOf(problems);
        }
    }

    /** The reset link is unknown, expired or used; nothing changed. */
    record InvalidLink() implements PasswordChangeResult {
    }
}
