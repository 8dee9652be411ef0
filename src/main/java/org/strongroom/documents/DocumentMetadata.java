package org.strongroom.documents;

import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.strongroom.access.Sensitivity;

/**
 * What a person says about a document (as opposed to what the file is): the folder it goes in,
 * its type, title, date, sensitivity and tags. Title, type, date and tags are stored encrypted
 * with the client's key; folder and sensitivity are in clear (they decide who may see it).
 *
 * @param folder      a folder key from {@link DocumentFolders}
 * @param type        a type code from {@link DocumentTypes#CODES}
 * @param title       1–200 characters; blank → the file name is used
 * @param date        the document's own date (e.g. when a letter was written), optional
 * @param sensitivity {@code null} → the folder's default
 * @param tags        up to 20 tags of up to 40 characters each
 */
public record DocumentMetadata(String folder, String type, @Nullable String title, @Nullable LocalDate date,
                               @Nullable Sensitivity sensitivity, List<String> tags) {

    public DocumentMetadata {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
