package org.strongroom.audit;

import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Reads the trail for people: pages newest first for screens, and every matching entry oldest
 * first for exports. Reading is not itself recorded here: the caller records who searched or
 * exported (actions {@code audit.search}, {@code audit.export}) in its own transaction.
 */
public interface AuditSearch {

    /** Most entries one page returns. */
    int MAX_PAGE = 500;

    /**
     * Entries matching {@code query}, newest first.
     *
     * @param before only entries with a smaller sequence number (the last one of the previous
     *               page), or null for the newest
     * @param limit  1 to {@link #MAX_PAGE}
     */
    List<AuditRecord> page(AuditQuery query, @Nullable Long before, int limit);

    /**
     * Every entry matching {@code query}, oldest first, in constant memory (read in batches, each
     * in a short read of its own, so a long export never holds the database).
     *
     * @return how many entries were handed to {@code each}
     */
    long forEach(AuditQuery query, Consumer<AuditRecord> each);
}
