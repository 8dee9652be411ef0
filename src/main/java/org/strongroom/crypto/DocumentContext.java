package org.strongroom.crypto;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Binds a document stream to one version of one document: a stream re-labelled as another
 * document or version does not decrypt.
 */
public record DocumentContext(UUID documentId, int version) {

    public DocumentContext {
        if (documentId == null) {
            throw new IllegalArgumentException("documentId must not be null");
        }
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1, was " + version);
        }
    }

    /** The canonical associated data under one client. */
    public byte[] associatedData(UUID clientId) {
        return ("strongroom/document/v1\0" + clientId + "\0" + documentId + "\0" + version).getBytes(StandardCharsets.UTF_8);
    }
}
