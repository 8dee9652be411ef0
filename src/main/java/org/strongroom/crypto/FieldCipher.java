package org.strongroom.crypto;

import java.util.UUID;

/**
 * Encrypts one field value under a client's key (AES-256-GCM), bound to its
 * {@link EncryptionContext}. Copied to another record, field or client, a ciphertext fails to
 * decrypt.
 *
 * <p>Every failure to decrypt — tampering, truncation, wrong context, wrong client, a ciphertext
 * from elsewhere — is the same {@link DecryptionFailed}; the cause goes to the
 * {@link CryptoFailureListener}s, never to the caller. A client whose key was destroyed gets
 * {@link ClientKeyDestroyed} instead, and a sealed server {@link VaultSealed}.
 */
public interface FieldCipher {

    byte[] encrypt(UUID clientId, byte[] plaintext, EncryptionContext context);

    byte[] decrypt(UUID clientId, byte[] ciphertext, EncryptionContext context);
}
