package org.strongroom.crypto;

/**
 * The keys of the audit trail. The chain key is a system key wrapped by the root key (so it is not
 * derivable from configuration or from the database alone); the checkpoint signing key is an
 * Ed25519 key pair whose private half is a system key wrapped by the root key and whose public
 * half can be handed to anyone who verifies an exported trail offline.
 */
public interface AuditKeys {

    /**
     * HMAC-SHA256 of the data under the audit chain key: 32 bytes.
     *
     * @throws VaultSealed while the vault is sealed
     */
    byte[] chainMac(byte[] data);

    /**
     * A {@link ChainMac} for one thread, computing exactly what {@link #chainMac} computes, with
     * its state reused from one MAC to the next: for verifying a long trail.
     *
     * @throws VaultSealed while the vault is sealed
     */
    ChainMac newChainMac();

    /**
     * An Ed25519 signature of a checkpoint's canonical bytes, with the current signing key.
     *
     * @throws IllegalArgumentException if the data begins with the export signature's domain
     *                                  prefix (so a checkpoint signature can never stand for an
     *                                  export's; see {@link #signExport})
     * @throws VaultSealed while the vault is sealed
     */
    byte[] signCheckpoint(byte[] data);

    /**
     * An Ed25519 signature, with the current checkpoint signing key, of an exported bundle's SHA-256
     * digest. Domain-separated from checkpoints: the key signs the fixed ASCII prefix
     * {@code "strongroom-audit-export\0"} followed by the digest, which {@link #signCheckpoint}
     * refuses to sign and which no checkpoint verification accepts; so a bundle signature can never
     * be replayed as a checkpoint signature, nor the reverse. Verify offline with
     * {@link CheckpointSignatures#verifyExport}.
     *
     * @param sha256 the 32-byte SHA-256 digest of the bundle's contents
     * @throws IllegalArgumentException if {@code sha256} is not 32 bytes
     * @throws VaultSealed while the vault is sealed
     */
    byte[] signExport(byte[] sha256);

    /**
     * Whether the signature is a valid signature of the data by one of this installation's
     * checkpoint keys (current or earlier versions), identified by {@code keyId}. An unknown key id
     * is simply not valid. Offline, without a vault, use {@link CheckpointSignatures#verify}.
     *
     * @throws VaultSealed while the vault is sealed
     */
    boolean verifyCheckpoint(String keyId, byte[] data, byte[] signature);

    /**
     * The id of the current checkpoint signing key (stored beside each checkpoint): lower-case hex
     * SHA-256 of its raw public key, so anyone holding the public key can recompute it
     * ({@link CheckpointSignatures#keyId}).
     *
     * @throws VaultSealed while the vault is sealed
     */
    String checkpointKeyId();

    /**
     * The current checkpoint public key, raw 32-byte Ed25519, for offline verification.
     *
     * @throws VaultSealed while the vault is sealed
     */
    byte[] checkpointPublicKey();
}
