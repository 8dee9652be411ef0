package org.strongroom.crypto.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.google.crypto.tink.subtle.Ed25519Verify;

/**
 * Ed25519 checkpoint verification from a raw public key alone, with no vault and no database: what
 * an offline verifier of an exported trail has. Public only so that
 * {@link org.strongroom.crypto.CheckpointSignatures} can delegate to it; use that class instead.
 */
public final class Ed25519Checkpoints {

    static final int PUBLIC_KEY_LENGTH = Ed25519Verify.PUBLIC_KEY_LEN;
    static final int SIGNATURE_LENGTH = Ed25519Verify.SIGNATURE_LEN;

    private Ed25519Checkpoints() {
    }

    /** Whether the signature is a valid Ed25519 signature of the data under the raw public key. */
    public static boolean verify(byte[] rawPublicKey, byte[] data, byte[] signature) {
        requireKey(rawPublicKey);
        if (data == null) {
            throw new IllegalArgumentException("data must not be null");
        }
        if (signature == null) {
            throw new IllegalArgumentException("signature must not be null");
        }
        return verifier(rawPublicKey).verify(data, signature);
    }

    /** Lower-case hex SHA-256 of the raw public key: the key's id, computable by anyone who has the key. */
    public static String keyId(byte[] rawPublicKey) {
        requireKey(rawPublicKey);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(rawPublicKey));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** A reusable verifier for one public key; thread-safe. */
    static Verifier verifier(byte[] rawPublicKey) {
        requireKey(rawPublicKey);
        return new Verifier(new Ed25519Verify(rawPublicKey.clone()));
    }

    private static void requireKey(byte[] rawPublicKey) {
        if (rawPublicKey == null || rawPublicKey.length != PUBLIC_KEY_LENGTH) {
            throw new IllegalArgumentException("rawPublicKey must be a " + PUBLIC_KEY_LENGTH + "-byte Ed25519 public key");
        }
    }

    /** One public key's verifier. */
    static final class Verifier {
        private final Ed25519Verify verify;

        private Verifier(Ed25519Verify verify) {
            this.verify = verify;
        }

        boolean verify(byte[] data, byte[] signature) {
            if (signature.length != SIGNATURE_LENGTH) {
                return false;
            }
            try {
                verify.verify(signature, data);
                return true;
            } catch (GeneralSecurityException | RuntimeException e) {
                return false;
            }
        }
    }
}
