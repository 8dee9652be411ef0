package org.strongroom.documents;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.strongroom.access.Sensitivity;
import org.strongroom.access.Visibility;

/**
 * A document as the asker's role may see it. With {@link Visibility#MASKED} the title, file name
 * and tags are masked and the bytes cannot be read; documents the role may not see at all are
 * never returned.
 *
 * @param currentVersion the version downloads give by default
 * @param size           the current version's plaintext size
 * @param mediaType      the current version's detected type
 * @param fileName       the current version's file name (display-safe)
 * @param rowVersion     optimistic version of the document's metadata
 * @param purgeAfter     for a trashed document, when its bytes will be destroyed
 */
public record DocumentSummary(UUID id, UUID clientId, String folder, @Nullable String type, @Nullable String title,
                              @Nullable LocalDate date, List<String> tags, Sensitivity sensitivity, Visibility visibility,
                              DocumentStatus status, int currentVersion, int versionCount, long size, String mediaType,
                              @Nullable String fileName, Instant createdAt, Instant updatedAt, @Nullable String updatedBy,
                              @Nullable Instant trashedAt, @Nullable Instant purgeAfter, long rowVersion) {

    public DocumentSummary {
        tags = List.copyOf(tags);
    }

    /** Whether the asker may read the bytes (not masked, not destroyed). */
    public boolean readable() {
        return visibility == Visibility.FULL && status != DocumentStatus.DESTROYED;
    }
}
