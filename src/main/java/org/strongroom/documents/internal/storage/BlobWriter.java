package org.strongroom.documents.internal.storage;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * One object being written. Write ciphertext to {@link #stream()} (do not close it: commit or
 * abort does), then {@link #commit()}. Closing without commit aborts; abort is idempotent.
 */
public interface BlobWriter extends Closeable {

    OutputStream stream();

    /** Flushes, makes the object durable and visible under its key; returns its size in bytes. */
    long commit() throws IOException;

    /** Discards everything written; never throws. */
    void abort();

    @Override
    default void close() {
        abort();
    }
}
