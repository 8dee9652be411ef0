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

    /**
     * Starts (or resumes) giving every client key a new primary version; returns how many client
     * keys are left. New values encrypt under the new versions at once; values under older
     * versions keep decrypting and are re-encrypted by the modules that own them.
     */
    long startRotatingClientKeys();

    /** Rotates up to {@code limit} more client keys of the running job; 0 when it is finished. */
    int rotateClientKeysBatch(int limit);

    /**
     * Adds a new blind-index key version: new indexes use it at once, and searches use old and new
     * side by side ({@link BlindIndexes#exactForSearch}) until the owners of indexed fields have
     * rebuilt their indexes and {@link #retireOldBlindIndexKeys()} is called.
     */
    void rotateBlindIndexKey();

    /** Drops old blind-index key versions; from then on only indexes under the current key match. */
    void retireOldBlindIndexKeys();

    /** Removes old root key versions; refused while any client key still depends on them. */
    void retireOldRootVersions();
}
