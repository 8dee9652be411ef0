package org.strongroom.crypto;

/**
 * A ciphertext did not decrypt. Deliberately says nothing more: the reason (tampered, truncated,
 * wrong context, wrong key) is given to the {@link CryptoFailureListener}s for the audit trail.
 */
public final class DecryptionFailed extends RuntimeException {

    public DecryptionFailed() {
        super("decryption failed", null, false, false);
    }
}
