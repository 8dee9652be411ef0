package org.strongroom.audit.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.springframework.stereotype.Service;
import org.strongroom.audit.AuditExports;
import org.strongroom.audit.AuditQuery;
import org.strongroom.audit.AuditSearch;
import org.strongroom.audit.ExportFormat;

/**
 * {@link AuditExports}: CSV and JSON Lines stream {@link AuditSearch#forEach} (any filter), the
 * signed bundle is written by {@link SignedBundles} (a period only). Nothing is collected: memory
 * stays constant however many entries are written. The caller's stream is flushed, never closed.
 */
@Service
class TrailExports implements AuditExports {

    private final AuditSearch search;
    private final SignedBundles bundles;

    TrailExports(AuditSearch search, SignedBundles bundles) {
        this.search = search;
        this.bundles = bundles;
    }

    @Override
    public long write(AuditQuery query, ExportFormat format, OutputStream out) throws IOException {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(out, "out");
        BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
        long written;
        if (format == ExportFormat.SIGNED_BUNDLE) {
            written = bundles.write(query, buffered);
        } else {
            Writer text = new OutputStreamWriter(buffered, StandardCharsets.UTF_8);
            try {
                if (format == ExportFormat.CSV) {
                    text.write(ExportText.csvHeader());
                    written = search.forEach(query, r -> write(text, ExportText.csvRow(r)));
                } else {
                    written = search.forEach(query, r -> write(text, ExportText.jsonRow(r)));
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            text.flush();
        }
        buffered.flush();
        return written;
    }

    @Override
    public String extension(ExportFormat format) {
        return switch (Objects.requireNonNull(format, "format")) {
            case CSV -> "csv";
            case JSON_LINES -> "jsonl";
            case SIGNED_BUNDLE -> "bundle.jsonl";
        };
    }

    @Override
    public String mediaType(ExportFormat format) {
        return switch (Objects.requireNonNull(format, "format")) {
            case CSV -> "text/csv; charset=UTF-8; header=present";
            case JSON_LINES, SIGNED_BUNDLE -> "application/jsonl";
        };
    }

    private static void write(Writer text, String line) {
        try {
            text.write(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
