package org.strongroom.audit.web;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.strongroom.audit.ActorType;
import org.strongroom.audit.AuditEvent;
import org.strongroom.audit.AuditQuery;
import org.strongroom.audit.AuditRecord;
import org.strongroom.audit.AuditSearch;
import org.strongroom.audit.AuditTrail;
import org.strongroom.audit.ExportFormat;
import org.strongroom.audit.Outcome;
import org.strongroom.identity.StaffPrincipal;

/**
 * Reading the trail as a person: every search and every export is itself an entry of the trail
 * ({@code audit.search}, {@code audit.export}), written before anything read reaches the reader,
 * so a reading that cannot be recorded shows nothing. Each call checks the reader
 * ({@link AuditReaders}).
 *
 * <p>The search's entry is written in a short transaction of its own after the query, not in one
 * transaction around both: appending holds the chain head — and on SQLite every transaction holds
 * the database's write lock from its start — so a slow search inside it would stop every other
 * audited action of the installation for its duration (measured: an action-only filter scans about
 * a million entries per second on SQLite). A search changes nothing, so nothing needs to commit
 * with its entry; what matters is that no result is shown without it.
 */
@Service
class TrailDesk {

    /** Entries per page of the screens. */
    static final int PAGE_SIZE = 50;

    /** A page of entries, newest first, and where the next (older) page starts, if there is one. */
    record Page(List<AuditRecord> entries, @Nullable Long older) {
    }

    private final AuditReaders readers;
    private final AuditTrail trail;
    private final AuditSearch search;

    TrailDesk(AuditReaders readers, AuditTrail trail, AuditSearch search) {
        this.readers = readers;
        this.trail = trail;
        this.search = search;
    }

    /**
     * Runs the search, then records it; call outside any transaction.
     *
     * @throws org.strongroom.audit.AuditUnavailable when the search cannot be recorded (its results are dropped)
     */
    public Page search(@Nullable Authentication who, SearchForm.Checked filters) {
        StaffPrincipal reader = readers.require(who);
        AuditQuery query = query(filters);
        List<AuditRecord> found = search.page(query, filters.before(), PAGE_SIZE + 1);
        trail.recordOnItsOwn(event("audit.search", reader, filters));
        if (found.size() > PAGE_SIZE) {
            return new Page(found.subList(0, PAGE_SIZE), found.get(PAGE_SIZE - 1).seq());
        }
        return new Page(found, null);
    }

    /**
     * Records an export in a transaction of its own, before its first byte; call outside any
     * transaction. Throws (and so stops the export) when the entry cannot be written.
     */
    public void recordExport(@Nullable Authentication who, SearchForm.Checked filters, ExportFormat format) {
        StaffPrincipal reader = readers.requireExport(who);
        trail.recordOnItsOwn(event("audit.export", reader, filters).withReason(formatCode(format)));
    }

    static String formatCode(ExportFormat format) {
        return switch (format) {
            case CSV -> "csv";
            case JSON_LINES -> "jsonl";
            case SIGNED_BUNDLE -> "bundle";
        };
    }

    static AuditQuery query(SearchForm.Checked filters) {
        if (!filters.valid() || filters.query() == null) {
            throw new IllegalArgumentException("filters must be checked and valid");
        }
        return filters.query();
    }

    private AuditEvent event(String action, StaffPrincipal reader, SearchForm.Checked filters) {
        AuditEvent event = AuditEvent.of(ActorType.STAFF, reader.id().toString(), action, Outcome.SUCCEEDED);
        if (!filters.actor().isEmpty()) {
            event = event.withResource("actor", filters.actor());
        }
        if (!filters.client().isEmpty()) {
            event = event.withClient(filters.client());
        }
        return event;
    }
}
