package org.strongroom.documents;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.strongroom.access.Actor;
import org.strongroom.access.Sensitivity;

/** The organisation's document folders. Anyone may list them; changing them needs {@code settings.manage}. */
public interface DocumentFolders {

    /** All folders in order, retired ones included. */
    List<DocumentFolder> all();

    /** Active folders in order. */
    List<DocumentFolder> active();

    /**
     * Adds ({@code expectedVersion} null) or changes a folder. Audited as
     * {@code documents.folder_saved}.
     *
     * @return the folder as saved, or a rejection (field → message key), or a conflict (stale version)
     */
    DocumentResult<DocumentFolder> save(Actor actor, String key, String label, int position, Sensitivity defaultSensitivity,
                                        boolean active, @Nullable Long expectedVersion);
}
