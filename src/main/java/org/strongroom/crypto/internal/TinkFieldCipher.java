package org.strongroom.crypto.internal;

import java.security.GeneralSecurityException;
import java.util.UUID;

import org.strongroom.crypto.CryptoFailure;
import org.strongroom.crypto.DecryptionFailed;
import org.strongroom.crypto.EncryptionContext;
import org.strongroom.crypto.FieldCipher;

/**
 * Field encryption with the client's AES-256-GCM keyset. Output: Tink's 5-byte key prefix (the key
 * version), a random 12-byte nonce, the ciphertext and a 16-byte tag. Associated data: the
 * canonical encoding of the context and the client id.
 */
final class TinkFieldCipher implements FieldCipher {

    private final TinkClientKeys keys;
    private final CryptoFailures failures;

    TinkFieldCipher(TinkClientKeys keys, CryptoFailures failures) {
        this.keys = keys;
        this.failures = failures;
    }

    @Override
    public byte[] encrypt(UUID clientId, byte[] plaintext, EncryptionContext context) {
        check(clientId, plaintext, context, "plaintext");
        try {
            return keys.materialToEncrypt(clientId).fields().encrypt(plaintext, context.associatedData(clientId));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("field encryption failed", e);
        }
    }

    @Override
    public byte[] decrypt(UUID clientId, byte[] ciphertext, EncryptionContext context) {
        check(clientId, ciphertext, context, "ciphertext");
        ClientKeyMaterial material = keys.material(clientId);
        try {
            return material.fields().decrypt(ciphertext, context.associatedData(clientId));
        } catch (GeneralSecurityException | RuntimeException e) {
            failures.report(new CryptoFailure("field.decrypt", clientId,
                    ciphertext.length < 5 + 12 + 16 ? "malformed" : "authentication_failed"));
            throw new DecryptionFailed();
        }
    }

    private static void check(UUID clientId, byte[] bytes, EncryptionContext context, String name) {
        if (clientId == null || bytes == null || context == null) {
            throw new IllegalArgumentException("clientId, " + name + " and context must not be null");
        }
    }
}
