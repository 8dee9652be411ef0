package org.strongroom.identity;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One of a staff member's credentials was added, replaced or removed, by themselves (or by the
 * installation, for tokens revoked from the command line). Identifiers only, never a secret or a
 * label. Published inside the change's transaction where there is one.
 *
 * @param credential the token id or passkey credential id; empty for recovery codes
 * @param actor      who made the change: the staff member themselves, or null for the
 *                   installation (the command line)
 */
public record CredentialChanged(StaffId staff, Kind kind, String credential, @Nullable StaffId actor) {

    /** A change someone made to their own credentials. */
    public CredentialChanged(StaffId staff, Kind kind, String credential) {
        this(staff, kind, credential, staff);
    }

    public enum Kind {
        RECOVERY_CODES_REGENERATED,
        PASSKEY_ADDED,
        PASSKEY_REMOVED,
        API_TOKEN_CREATED,
        API_TOKEN_REVOKED
    }

    public CredentialChanged {
        Objects.requireNonNull(staff, "staff");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(credential, "credential");
    }
}
