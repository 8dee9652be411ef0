package org.strongroom.documents.internal;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.strongroom.access.Sensitivity;
import org.strongroom.documents.DocumentStatus;

/** Stored rows, values still encrypted. */
final class DocumentRows {

    private DocumentRows() {
    }

    record Document(UUID id, UUID clientId, String folder, Sensitivity sensitivity, DocumentStatus status, int currentVersion,
                    int versionCount, byte @Nullable [] metadata, long createdAt, @Nullable String createdBy, long updatedAt,
                    @Nullable String updatedBy, @Nullable Long trashedAt, @Nullable Long purgeAfter, long rowVersion) {
    }

    record Version(UUID documentId, int version, @Nullable String storageKey, int streamVersion, long size, long storedSize,
                   String mediaType, byte @Nullable [] fileName, boolean metadataStripped, boolean scanned,
                   @Nullable Integer restoredFrom, long createdAt, @Nullable String createdBy) {
    }
}
