package org.strongroom.audit;

/** The outcome of {@link AuditVerification#verify}: intact, or broken at a first bad sequence number. */
public sealed interface VerificationResult {

    /** Every entry chains, every checkpoint is signed and matches, nothing is missing at the end. */
    record Intact(long entries, long checkpoints) implements VerificationResult {
    }

    /**
     * The first problem found.
     *
     * @param seq    the first bad sequence number
     * @param kind   what is wrong
     * @param detail one line for people, without entry contents
     */
    record Broken(long seq, BreakKind kind, String detail) implements VerificationResult {
    }
}
