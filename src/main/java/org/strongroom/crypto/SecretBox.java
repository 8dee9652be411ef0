package org.strongroom.crypto;

/**
 * Encrypts installation secrets that belong to no client — MFA seeds, share secrets, staff
 * contact details — under a system key (AES-256-GCM) wrapped by the root key. Each value is
 * bound to a context (what it is and whose it is): moved to another row or purpose, it does not
 * open. Failures are the same opaque {@link DecryptionFailed} as for client data.
 */
public interface SecretBox {

    /**
     * @param context what the value is and whose, e.g. {@code "mfa-seed/" + staffId}; not secret
     */
    byte[] seal(byte[] plaintext, String context);

    byte[] open(byte[] ciphertext, String context);
}
