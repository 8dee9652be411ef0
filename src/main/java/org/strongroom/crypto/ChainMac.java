package org.strongroom.crypto;

/**
 * Audit chain MACs computed one after another by one thread, reusing one HMAC state: what
 * {@link AuditKeys#chainMac} computes, without allocating per MAC, for verifying a long trail. The
 * data of one MAC is given in pieces ({@link #update}), then {@link #finish} writes the 32-byte
 * HMAC-SHA256 and starts the next one.
 *
 * <p>Not thread-safe: each thread gets its own from {@link AuditKeys#newChainMac()}. It stops
 * working when the vault is sealed, like the keys it comes from.
 */
public interface ChainMac {

    /** The length of a chain MAC in bytes. */
    int LENGTH = 32;

    /** Adds {@code length} bytes of {@code data}, from {@code offset}, to the MAC being computed. */
    void update(byte[] data, int offset, int length);

    /**
     * Writes the MAC of everything added since the last finish into {@code out} at {@code offset}
     * ({@value #LENGTH} bytes) and starts again with nothing added.
     *
     * @throws VaultSealed if the vault was sealed since this object was made
     */
    void finish(byte[] out, int offset);
}
