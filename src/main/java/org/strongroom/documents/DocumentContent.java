package org.strongroom.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.jspecify.annotations.Nullable;

/**
 * One version's bytes, ready to stream. Decryption happens while the caller copies: nothing is
 * held whole and nothing is written to disk. A damaged stored object throws
 * {@link DocumentDamaged} (recorded in the audit trail) — before the first byte when the first
 * segment is damaged, so a response can still say so; later segments can only break off the copy.
 *
 * @param fileName  display-safe file name, for {@code Content-Disposition}
 * @param mediaType detected media type
 * @param size      the whole version's plaintext size
 * @param range     the part to send, or {@code null} for all
 */
public record DocumentContent(String fileName, String mediaType, long size, int version, @Nullable ByteRange range,
                              Opener opener) {

    /** How many bytes {@link #writeTo} sends. */
    public long length() {
        return range == null ? size : range.length();
    }

    /** Opens the plaintext (of the range, if any). The caller closes it. */
    public InputStream open() throws IOException {
        return opener.open();
    }

    /** Copies the plaintext (of the range, if any) to {@code out}. */
    public void writeTo(OutputStream out) throws IOException {
        try (InputStream in = open()) {
            in.transferTo(out);
        }
    }

    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }
}
