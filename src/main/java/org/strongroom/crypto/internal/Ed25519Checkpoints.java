package org.strongroom.crypto.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.charset.StandardCharsets;
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
    /**
     * What an export signature signs before the bundle's digest. Checkpoint data never begins with
     * it: {@code signCheckpoint} refuses such data and every checkpoint verification rejects it.
     */
    static final byte[] EXPORT_DOMAIN = "strongroom-audit-export\0".getBytes(StandardCharsets.US_ASCII);
    static final int DIGEST_LENGTH = 32;

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

    /** Whether the signature is a valid export signature of the 32-byte digest under the raw public key. */
    public static boolean verifyExport(byte[] rawPublicKey, byte[] sha256, byte[] signature) {
        requireKey(rawPublicKey);
        if (signature == null) {
            throw new IllegalArgumentException("signature must not be null");
        }
        return verifier(rawPublicKey).verifyExport(sha256, signature);
    }

    /** The bytes an export signature covers: the export domain prefix, then the digest. */
    static byte[] exportInput(byte[] sha256) {
        if (sha256 == null || sha256.length != DIGEST_LENGTH) {
            throw new IllegalArgumentException("sha256 must be a " + DIGEST_LENGTH + "-byte SHA-256 digest");
        }
        byte[] input = new byte[EXPORT_DOMAIN.length + DIGEST_LENGTH];
        System.arraycopy(EXPORT_DOMAIN, 0, input, 0, EXPORT_DOMAIN.length);
        System.arraycopy(sha256, 0, input, EXPORT_DOMAIN.length, DIGEST_LENGTH);
        return input;
    }

    /** Whether the data begins with the export domain prefix (and so is never checkpoint data). */
    static boolean isExportInput(byte[] data) {
        if (data.length < EXPORT_DOMAIN.length) {
            return false;
        }
        for (int i = 0; i < EXPORT_DOMAIN.length; i++) {
            if (data[i] != EXPORT_DOMAIN[i]) {
                return false;
            }
        }
        return true;
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

        /** A checkpoint signature: never valid for data in the export domain. */
        boolean verify(byte[] data, byte[] signature) {
            if (isExportInput(data)) {
                return false;
            }
            return verifyRaw(data, signature);
        }

        boolean verifyExport(byte[] sha256, byte[] signature) {
            return verifyRaw(exportInput(sha256), signature);
        }

        private boolean verifyRaw(byte[] data, byte[] signature) {
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
