package org.strongroom.documents.internal.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where encrypted document streams live: local files or an S3 bucket. It only ever sees
 * ciphertext. Keys are made from ids by {@link BlobKeys} (never from file names).
 *
 * <p>Atomic: an object is visible under its key only once {@link BlobWriter#commit()} has
 * returned, and then it is durable (fsync + rename locally, a completed upload on S3). An
 * unfinished write — aborted, or cut off by a crash — is never visible and is removed by
 * {@link #cleanUnfinished(Instant)}.
 */
public interface BlobStore {

    /** {@code local} or {@code s3}. */
    String kind();

    /** Where, for operators (a folder or {@code s3://bucket/prefix}); no secrets. */
    String describe();

    /** Starts a new object under {@code key}; nothing is visible until {@link BlobWriter#commit()}. */
    BlobWriter create(String key) throws IOException;

    /** Reads a committed object from its start. @throws java.nio.file.NoSuchFileException when absent */
    InputStream open(String key) throws IOException;

    /** Reads a committed object at any position (for ranged downloads). @throws java.nio.file.NoSuchFileException when absent */
    SeekableByteChannel openChannel(String key) throws IOException;

    /** The committed object's size, or empty when absent. */
    Optional<Long> size(String key) throws IOException;

    /** Deletes a committed object; no error when it is already gone. */
    void delete(String key) throws IOException;

    /** Deletes every committed object whose key starts with {@code prefix}; returns how many. */
    int deleteAll(String prefix) throws IOException;

    /** Every committed object, in no particular order. */
    void forEach(Consumer<StoredBlob> each) throws IOException;

    /** Removes unfinished writes (crashed or abandoned uploads) started before {@code before}; returns how many. */
    int cleanUnfinished(Instant before) throws IOException;

    /** A committed object as listed. */
    record StoredBlob(String key, long size, Instant lastModified) {
    }
}
