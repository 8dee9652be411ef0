package org.strongroom.audit;

import java.time.Instant;

/** The outcome of {@link AuditBundles#verify}: intact, or broken at a first bad line. */
public sealed interface BundleVerdict {

    /**
     * Every line is where it belongs, every checkpoint is signed by the bundle's key and matches its
     * entry, and the trailer's signature covers everything before it.
     *
     * @param firstSeq       the first entry's sequence number
     * @param lastSeq        the last entry's ({@code firstSeq - 1} when the bundle holds none)
     * @param keyId          the id of the key that signed the bundle (hex SHA-256 of its public key)
     * @param keyIdConfirmed whether the caller named that key id in advance; if not, the bundle only
     *                       proves that whoever holds {@code keyId}'s private key made it
     */
    record Intact(long firstSeq, long lastSeq, long entries, long checkpoints, Instant exportedAt, String keyId,
                  boolean keyIdConfirmed) implements BundleVerdict {
    }

    /**
     * The first problem found, in file order.
     *
     * @param line    the 1-based line number of the bad line
     * @param seq     the sequence number concerned, or 0 when no entry is
     * @param problem what is wrong
     * @param detail  one line for people, without entry contents
     */
    record Broken(long line, long seq, BundleProblem problem, String detail) implements BundleVerdict {
    }
}
