package org.strongroom.documents.internal.checks;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/** An upload whose type was accepted; its content is checked further as it is read. */
public interface CheckedUpload extends Closeable {

    /** The media type detected from the content, e.g. {@code application/pdf}. */
    String mediaType();

    /** The offered name made safe for display and headers (see {@code FileNames}). */
    String fileName();

    /**
     * The bytes to store (with image metadata removed when asked). Reading past the size limit
     * throws {@link UploadRefused} ({@code documents.upload.tooLarge}); a failing body throws its
     * IOException.
     */
    InputStream content();

    /**
     * After {@link #content()} reached its end: the verdict of the checks that need the whole file
     * (the malware scan).
     *
     * @throws UploadRefused e.g. {@code documents.upload.malware}, {@code documents.upload.scannerUnavailable}
     */
    Passed finish() throws IOException;

    /** Releases the scanner connection, if any. Never throws. */
    @Override
    void close();

    /** @param size bytes stored (after stripping) */
    record Passed(long size, boolean metadataStripped, boolean scanned) {
    }
}
