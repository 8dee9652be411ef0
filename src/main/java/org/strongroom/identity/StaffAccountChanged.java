package org.strongroom.identity;

/**
 * An account's access changed: sessions, tokens and caches that depend on it must follow.
 * Identifiers only.
 *
 * @param actor who made the change; {@code null} for the server itself or the command line
 */
public record StaffAccountChanged(StaffId staff, Change change, @org.jspecify.annotations.Nullable StaffId actor) {

    public enum Change {
        /** The first owner was created (setup link or {@code strongroom init}). */
        OWNER_CREATED,
        INVITED,
        ACTIVATED,
        DISABLED,
        DISABLED_FOR_INACTIVITY,
        ENABLED,
        OFFBOARDED,
        ROLE_CHANGED,
        FACTORS_RESET,
        PASSWORD_CHANGED
    }

    /** Whether every session and token of the account must end now. */
    public boolean endsAccess() {
        return change == Change.DISABLED || change == Change.DISABLED_FOR_INACTIVITY || change == Change.OFFBOARDED
                || change == Change.FACTORS_RESET;
    }
}
