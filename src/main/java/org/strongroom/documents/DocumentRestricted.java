package org.strongroom.documents;

import java.util.UUID;

/**
 * The asker sees this document only masked (its sensitivity is above what their role sees in
 * full): they know it exists but may not read or change it. Pages and the API answer 403.
 */
public final class DocumentRestricted extends RuntimeException {

    private final UUID documentId;

    public DocumentRestricted(UUID documentId) {
        super("document " + documentId + " is restricted for this role", null, false, false);
        this.documentId = documentId;
    }

    public UUID documentId() {
        return documentId;
    }
}
