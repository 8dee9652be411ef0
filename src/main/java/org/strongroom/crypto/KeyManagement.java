package org.strongroom.crypto;

/** Operator-level key operations: status, sealing. (Rotation of the root key arrives here too.) */
public interface KeyManagement {

    KeyStatus status();

    /** Forgets the root key and every unwrapped client key until the vault is unsealed. */
    void seal();

    boolean isSealed();
}
