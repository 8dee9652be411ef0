package org.strongroom.audit;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One finished run of the scheduled verification.
 *
 * @param startedAt      when it started
 * @param finishedAt     when it finished
 * @param outcome        intact, broken, or could not run
 * @param entriesChecked entries verified (for a broken trail: up to the first bad one)
 * @param firstBadSeq    the first bad sequence number when broken, else null
 * @param kind           what is wrong when broken, else null
 */
public record VerificationRun(Instant startedAt, Instant finishedAt, Result outcome, long entriesChecked,
                              @Nullable Long firstBadSeq, @Nullable BreakKind kind) {

    /** How a run ended. */
    public enum Result {
        /** Every entry and checkpoint verified. */
        INTACT,
        /** The trail is broken at {@code firstBadSeq}: an alert was raised. */
        BROKEN,
        /** The run could not be completed (database unreachable, keys sealed, …); it is tried again at the next run. */
        NOT_COMPLETED
    }

    /** Whether pages should show an alert banner for this run. */
    public boolean broken() {
        return outcome == Result.BROKEN;
    }
}
