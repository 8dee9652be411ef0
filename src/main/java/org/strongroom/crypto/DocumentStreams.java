package org.strongroom.crypto;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.UUID;

/**
 * Encrypts and decrypts documents as streams (AES-256-GCM-HKDF streaming AEAD, 1 MiB segments)
 * under the client's key, bound to a {@link DocumentContext}. Nothing is ever held whole in
 * memory. A truncated, reordered, spliced or altered stream fails with {@link DecryptionFailed}
 * at the first bad segment (the reader must discard what it has read when that happens).
 */
public interface DocumentStreams {

    /** Wraps the sink: bytes written are encrypted; closing it writes the final segment. */
    OutputStream encrypting(UUID clientId, DocumentContext context, OutputStream sink);

    /** Wraps the source: bytes read are the plaintext. */
    InputStream decrypting(UUID clientId, DocumentContext context, InputStream source);
}
