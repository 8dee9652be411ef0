package org.strongroom.audit;

import java.util.function.LongConsumer;

/**
 * Checks the whole trail: recomputes the chain from the entries (never trusting a stored MAC of an
 * earlier entry), checks every checkpoint's signature and chain head, and compares with the
 * checkpoints file outside the database. Streams the entries in sequence order in constant memory;
 * safe to run while the server appends.
 */
public interface AuditVerification {

    /**
     * @param progress told the number of entries checked so far, now and then
     * @return intact, or the first problem with its sequence number and kind
     */
    VerificationResult verify(LongConsumer progress);

    /** How many entries the trail holds (for a progress bar's total); a hint only. */
    long approximateSize();
}
