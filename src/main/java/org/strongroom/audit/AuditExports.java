package org.strongroom.audit;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes the entries matching a query to a stream, oldest first, in constant memory. The caller
 * records the export itself in the trail (action {@code audit.export}) before the first byte is
 * written, so an export that cannot be recorded does not happen.
 */
public interface AuditExports {

    /**
     * @return how many entries were written
     * @throws IOException when the stream fails (the export is then incomplete; a signed bundle is
     *                     only valid once its last line is written)
     */
    long write(AuditQuery query, ExportFormat format, OutputStream out) throws IOException;

    /** The file extension for a format ({@code csv}, {@code jsonl}, {@code bundle.jsonl}). */
    String extension(ExportFormat format);

    /** The media type for a format ({@code text/csv; charset=UTF-8}, …). */
    String mediaType(ExportFormat format);
}
