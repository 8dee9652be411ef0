package org.strongroom.crypto.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import org.strongroom.crypto.CryptoFailure;
import org.strongroom.crypto.DecryptionFailed;
import org.strongroom.crypto.SecretBox;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

/** {@link SecretBox} on the {@code secret-box} system key (Tink AES-256-GCM keyset). */
final class TinkSecretBox implements SecretBox {

    static final String PURPOSE = "secret-box";

    private final SystemKeys keys;
    private final CryptoFailures failures;

    TinkSecretBox(SystemKeys keys, CryptoFailures failures) {
        this.keys = keys;
        this.failures = failures;
    }

    @Override
    public byte[] seal(byte[] plaintext, String context) {
        check(plaintext, context);
        try {
            return aead().encrypt(plaintext, associatedData(context));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("secret box encryption failed", e);
        }
    }

    @Override
    public byte[] open(byte[] ciphertext, String context) {
        check(ciphertext, context);
        Aead aead = aead();
        try {
            return aead.decrypt(ciphertext, associatedData(context));
        } catch (GeneralSecurityException | RuntimeException e) {
            failures.report(new CryptoFailure("secret-box.open", null, "authentication_failed"));
            throw new DecryptionFailed();
        }
    }

    private Aead aead() {
        try {
            return keys.keyset(PURPOSE, PredefinedAeadParameters.AES256_GCM).getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the secret box key is unusable", e);
        }
    }

    static byte[] associatedData(String context) {
        return ("strongroom/secret-box/v1\0" + context).getBytes(StandardCharsets.UTF_8);
    }

    private static void check(byte[] bytes, String context) {
        if (bytes == null || context == null || context.isBlank() || context.length() > 200) {
            throw new IllegalArgumentException("value and a context of 1 to 200 characters are required");
        }
    }
}
