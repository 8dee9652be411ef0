package org.strongroom.crypto;

import org.strongroom.crypto.internal.Ed25519Checkpoints;

/**
 * Offline verification of audit checkpoint signatures: needs only the raw 32-byte Ed25519 public
 * key (from {@link AuditKeys#checkpointPublicKey()}, exported beside the trail), no vault, no
 * database and no running server. This is what {@code strongroom audit verify --bundle} uses.
 */
public final class CheckpointSignatures {

    private CheckpointSignatures() {
    }

    /**
     * Whether {@code signature} is a valid Ed25519 signature of {@code data} by the key. A malformed
     * signature (wrong length, not canonical) is simply not valid, and so is any data that begins
     * with the export signature's domain prefix (see {@link AuditKeys#signExport}).
     *
     * @throws IllegalArgumentException if the key is not 32 bytes, or data or signature is null
     */
    public static boolean verify(byte[] rawPublicKey, byte[] data, byte[] signature) {
        return Ed25519Checkpoints.verify(rawPublicKey, data, signature);
    }

    /**
     * Whether {@code signature} is a valid export signature ({@link AuditKeys#signExport}) of the
     * bundle digest by the key: an Ed25519 signature of {@code "strongroom-audit-export\0"} followed
     * by the digest. A checkpoint signature is never a valid export signature.
     *
     * @throws IllegalArgumentException if the key is not 32 bytes, the digest not 32 bytes, or the
     *                                  signature null
     */
    public static boolean verifyExport(byte[] rawPublicKey, byte[] sha256, byte[] signature) {
        return Ed25519Checkpoints.verifyExport(rawPublicKey, sha256, signature);
    }

    /**
     * The key id {@link AuditKeys#checkpointKeyId()} gives this public key: lower-case hex SHA-256
     * of its 32 raw bytes. An offline verifier checks that a checkpoint's stored key id matches the
     * public key it was handed before trusting the signature.
     *
     * @throws IllegalArgumentException if the key is not 32 bytes
     */
    public static String keyId(byte[] rawPublicKey) {
        return Ed25519Checkpoints.keyId(rawPublicKey);
    }
}
