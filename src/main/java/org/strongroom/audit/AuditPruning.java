package org.strongroom.audit;

import java.time.Instant;
import java.util.Optional;

/**
 * Removes entries past the retention ({@link AuditRetention}) — only from the start of the trail
 * and only up to a signed checkpoint older than the retention, so the rest stays verifiable from
 * that checkpoint (docs/security/audit-format.md, "Retention"). Nothing calls this on a schedule:
 * an operator runs {@code strongroom audit prune}.
 */
public interface AuditPruning {

    /** What pruning at {@code now} would remove; empty when no checkpoint is older than the retention. */
    Optional<Plan> plan(Instant now);

    /**
     * Verifies the whole trail, and only if it is intact removes the planned entries and records
     * an {@code audit.prune} entry in the same transaction.
     */
    Result prune(Instant now);

    /**
     * @param firstSeq           the oldest entry now in the trail
     * @param throughSeq         the last entry to remove: the sequence number of the checkpoint kept as the new start
     * @param checkpointTime     when that checkpoint was signed
     * @param keepSince          entries before this instant are past the retention
     */
    record Plan(long firstSeq, long throughSeq, Instant checkpointTime, Instant keepSince) {

        public long entries() {
            return throughSeq - firstSeq + 1;
        }
    }

    /** How a prune ended. */
    sealed interface Result {
    }

    /** The entries were removed. */
    record Pruned(Plan plan) implements Result {
    }

    /** No checkpoint is older than the retention: nothing was removed. */
    record NothingToPrune(Instant keepSince) implements Result {
    }

    /** The trail is broken: nothing was removed, so the evidence stays. */
    record TrailBroken(long seq, BreakKind kind) implements Result {
    }
}
