package org.strongroom.documents;

import java.util.UUID;

/**
 * A stored document version could not be read back intact (missing, truncated, altered or
 * swapped bytes). Carries ids only; the detail is in the audit trail as {@code documents.damaged}.
 */
public final class DocumentDamaged extends RuntimeException {

    private final UUID documentId;
    private final int version;

    public DocumentDamaged(UUID documentId, int version) {
        super("document " + documentId + " version " + version + " is damaged", null, false, false);
        this.documentId = documentId;
        this.version = version;
    }

    public UUID documentId() {
        return documentId;
    }

    public int version() {
        return version;
    }
}
