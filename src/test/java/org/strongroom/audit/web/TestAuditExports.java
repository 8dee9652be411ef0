package org.strongroom.audit.web;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.strongroom.audit.AuditExports;
import org.strongroom.audit.AuditQuery;
import org.strongroom.audit.AuditSearch;
import org.strongroom.audit.ExportFormat;

/**
 * A stand-in for the export writer (being built beside these pages): one line per entry, so the
 * pages' tests can check the download's headers, filters and that nothing is written when the
 * export cannot be recorded. Test sources only.
 */
final class TestAuditExports implements AuditExports {

    final AtomicInteger writes = new AtomicInteger();
    volatile @Nullable AuditQuery lastQuery;
    private final AuditSearch search;

    TestAuditExports(AuditSearch search) {
        this.search = search;
    }

    @Override
    public long write(AuditQuery query, ExportFormat format, OutputStream out) throws IOException {
        writes.incrementAndGet();
        lastQuery = query;
        out.write("seq,action,client\r\n".getBytes(StandardCharsets.UTF_8));
        return search.forEach(query, r -> {
            try {
                out.write((r.seq() + "," + r.action() + "," + (r.clientId() == null ? "" : r.clientId()) + "\r\n")
                        .getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public String extension(ExportFormat format) {
        return switch (format) {
            case CSV -> "csv";
            case JSON_LINES -> "jsonl";
            case SIGNED_BUNDLE -> "bundle.jsonl";
        };
    }

    @Override
    public String mediaType(ExportFormat format) {
        return format == ExportFormat.CSV ? "text/csv; charset=UTF-8" : "application/jsonl; charset=UTF-8";
    }
}
