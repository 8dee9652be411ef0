package org.strongroom.documents.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** What the documents pages show, already formatted for the page's language. */
final class DocumentPagesRows {

    private DocumentPagesRows() {
    }

    /** A folder in the side list: its documents (matching the search, if any) counted. */
    record FolderEntry(String key, String label, long count, boolean current, boolean active) {
    }

    /**
     * A document as a row of the list or the trash. A masked one ({@code masked}) has no title,
     * file name, tags or links: the page says "Restricted document" and nothing else about it.
     */
    record DocumentRow(UUID id, boolean masked, @Nullable String title, @Nullable String fileName, String type, String date,
                       String size, int version, int versionCount, Instant updatedAt, @Nullable String updatedBy, String folder,
                       String sensitivity, List<String> tags, boolean previewable, @Nullable Instant trashedAt,
                       @Nullable Instant purgeAfter, long rowVersion) {

        @Override
        public String toString() {
            return "DocumentRow[" + id + "]";
        }
    }

    /** One version in the document page's table. */
    record VersionRow(int number, @Nullable String fileName, String size, String mediaType, Instant createdAt,
                      @Nullable String createdBy, @Nullable Integer restoredFrom, boolean metadataStripped, boolean scanned,
                      boolean current, boolean previewable) {

        @Override
        public String toString() {
            return "VersionRow[" + number + "]";
        }
    }

    /** A choice of a select: value and label. */
    record Choice(String value, String label) {
    }
}
