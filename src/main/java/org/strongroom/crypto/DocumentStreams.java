package org.strongroom.crypto;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.SeekableByteChannel;
import java.util.UUID;

/**
 * Encrypts and decrypts documents as streams (AES-256-GCM-HKDF streaming AEAD, 1 MiB segments)
 * under the client's key, bound to a {@link DocumentContext}. Nothing is ever held whole in
 * memory. A truncated, reordered, spliced or altered stream fails with {@link DecryptionFailed}
 * at the first bad segment (the reader must discard what it has read when that happens).
 */
public interface DocumentStreams {
    // Closing an encrypting stream always yields a complete, authenticated document, even if the
    // writer gave up halfway: callers must check that they copied everything (e.g. the expected
    // size) before they record the document. Streams already open keep working after the
    // client's key is destroyed; the key is gone for every stream opened afterwards. An I/O error
    // from the source reaches the reader unchanged and is not reported as a crypto failure.

    /** Wraps the sink: bytes written are encrypted; closing it writes the final segment. */
    OutputStream encrypting(UUID clientId, DocumentContext context, OutputStream sink);

    /** Wraps the source: bytes read are the plaintext. */
    InputStream decrypting(UUID clientId, DocumentContext context, InputStream source);

    /**
     * Plaintext from {@code position} on, read from a ciphertext that can be read at any position
     * (a file, ranged requests to an object store): only the segments from the one holding
     * {@code position} are read and authenticated, so a range near the end of a large document
     * costs one or two segments. Failures behave as with {@link #decrypting(UUID, DocumentContext, InputStream)}.
     * Closing the returned stream closes the channel.
     */
    InputStream decrypting(UUID clientId, DocumentContext context, SeekableByteChannel source, long position);

    /** The plaintext length of a complete ciphertext of {@code ciphertextLength} bytes (from the stream format, no decryption). */
    long plaintextLength(long ciphertextLength);
}
