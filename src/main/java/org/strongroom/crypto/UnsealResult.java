package org.strongroom.crypto;

import java.time.Duration;

/**
 * What became of one unseal attempt. Expected refusals are values, not exceptions; none of them
 * carries a secret.
 */
public sealed interface UnsealResult {

    /** The vault is open: the root key is in memory and data decrypts. */
    record Unsealed() implements UnsealResult {
    }

    /**
     * A share was accepted; {@code accepted} of the {@code threshold} shares needed are in.
     */
    record SharesAccepted(int accepted, int threshold) implements UnsealResult {
    }

    /**
     * Nothing was unsealed.
     *
     * @param reason     why
     * @param retryAfter how long to wait before the next attempt will be considered (zero: now)
     */
    record Refused(Reason reason, Duration retryAfter) implements UnsealResult {
    }

    /** Why an attempt was refused. */
    enum Reason {
        /** The passphrase, or the combination of shares, does not open the sealed root key. Counted. */
        WRONG_SECRET,
        /** Too many wrong attempts: wait {@link Refused#retryAfter()}. Not counted. */
        THROTTLED,
        /** Not a share: its checksum or shape is wrong, most likely a typo. Not counted. */
        MISTYPED_SHARE,
        /** A share of another split (other set or threshold) than the shares already given. Not counted. */
        OTHER_SHARE_SET,
        /** This share was already given; it is not counted twice. */
        DUPLICATE_SHARE,
        /** The passphrase is empty or longer than any passphrase can be. Not counted. */
        MALFORMED_PASSPHRASE,
        /** The vault is not sealed; nothing was checked. */
        NOT_SEALED,
        /** The configured key provider does not unseal with a passphrase or shares. */
        NOT_SUPPORTED
    }
}
