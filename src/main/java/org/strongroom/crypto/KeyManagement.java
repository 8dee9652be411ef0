package org.strongroom.crypto;

/** Operator-level key operations: status, sealing. (Rotation of the root key arrives here too.) */
public interface KeyManagement {

    KeyStatus status();

    /** Forgets the root key and every unwrapped client key until the vault is unsealed. */
    void seal();

    boolean isSealed();

    /**
     * Adds a new root key version; from now on client keys are wrapped by it. Existing client
     * keys are re-wrapped by {@link #rewrapBatch(int)} (the server does this in the background).
     *
     * @return the new root key version's id
     */
    String rotateRoot();

    /** Client keys still wrapped by an older root key version. */
    long pendingRewrap();

    /** Re-wraps up to {@code limit} client keys; returns how many (0 when none are left). Resumable. */
    int rewrapBatch(int limit);

    /** Removes old root key versions; refused while any client key still depends on them. */
    void retireOldRootVersions();
}
