package org.strongroom.crypto;

import java.util.Objects;

/**
 * An operator-level key operation that happened, published as an application event after it took
 * effect, for the audit trail. Carries key version ids only, never key material.
 *
 * @param kind    what happened
 * @param version the key version concerned (the new root version, …), or empty
 */
public record KeyEvent(Kind kind, String version) {

    public enum Kind {
        /** A new root key version; client keys are being re-wrapped under it. */
        ROOT_ROTATED,
        /** Old root key versions were removed. */
        OLD_ROOT_RETIRED,
        /** Every client key is getting a new primary version. */
        CLIENT_ROTATION_STARTED,
        /** A new blind-index key version. */
        INDEX_KEY_ROTATED,
        /** Old blind-index key versions were removed. */
        OLD_INDEX_KEYS_RETIRED,
        /** The vault was unsealed with the passphrase. */
        UNSEALED_WITH_PASSPHRASE,
        /** The vault was unsealed with k of n shares. */
        UNSEALED_WITH_SHARES
    }

    public KeyEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(version, "version");
    }
}
