package org.strongroom.documents;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One stored version of a document. Versions are never changed: a restore adds a new version
 * that carries the restored one's bytes.
 *
 * @param number       1, 2, …
 * @param size         plaintext size in bytes
 * @param mediaType    the type detected from the content when it was uploaded
 * @param fileName     the file name as uploaded, made safe for display (masked or {@code null} as the asker's role sees it)
 * @param createdAt    when it was stored
 * @param createdBy    staff id, or {@code null} for the system
 * @param restoredFrom the version whose bytes this one carries, for a restore
 * @param metadataStripped whether image metadata (EXIF, GPS, …) was removed on upload
 * @param scanned      whether a malware scanner passed it
 */
public record DocumentVersion(int number, long size, String mediaType, @Nullable String fileName, Instant createdAt,
                              @Nullable String createdBy, @Nullable Integer restoredFrom, boolean metadataStripped, boolean scanned) {
}
