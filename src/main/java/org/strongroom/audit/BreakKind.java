package org.strongroom.audit;

/** What the verifier found wrong at the first bad sequence number. */
public enum BreakKind {
    /** The entry's contents changed after it was written (its stored MAC still chains to the next entry). */
    ALTERED,
    /** The entry's MAC does not match: altered together with its MAC, or forged without the key. */
    FORGED,
    /** A forged entry was inserted and the following entries renumbered. */
    INSERTED,
    /** Two entries were swapped. */
    REORDERED,
    /** A sequence number is missing: an entry was deleted. */
    MISSING,
    /** Entries after the last one present were removed (a checkpoint or the chain head covers more). */
    TRUNCATED,
    /** The checkpoints file outside the database has a checkpoint the database does not reach or match. */
    ROLLED_BACK,
    /** A checkpoint's signature is not valid (forged or altered checkpoint). */
    CHECKPOINT_FORGED,
    /** A validly signed checkpoint's chain head differs from the recomputed chain at its sequence number. */
    CHECKPOINT_MISMATCH,
    /** A row or a line could not be read at all. */
    UNREADABLE
}
