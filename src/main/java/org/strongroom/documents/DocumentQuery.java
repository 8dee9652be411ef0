package org.strongroom.documents;

import org.jspecify.annotations.Nullable;

/**
 * Which of one client's documents to list.
 *
 * @param folder a folder key, or {@code null} for all folders
 * @param text   words that must all appear in the title, file name or tags (case- and
 *               accent-insensitive), or {@code null}
 * @param trash  {@code true} for the trash instead of the live documents
 */
public record DocumentQuery(@Nullable String folder, @Nullable String text, boolean trash) {

    public static DocumentQuery all() {
        return new DocumentQuery(null, null, false);
    }
}
