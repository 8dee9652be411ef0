package org.strongroom.documents;

import java.util.List;

/** A document with all its versions, newest first. */
public record DocumentDetails(DocumentSummary document, List<DocumentVersion> versions) {

    public DocumentDetails {
        versions = List.copyOf(versions);
    }
}
