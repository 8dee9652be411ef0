package org.strongroom.clients;

/** The answer to an upload: staged (with its preview) or refused as a whole (nothing kept). */
public sealed interface ImportUpload {

    record Staged(ImportPreview preview) implements ImportUpload {
    }

    /**
     * The file cannot be imported: a message key ({@code clientimport.error.*}) and the line it
     * concerns (0 for the file as a whole).
     */
    record Refused(String messageKey, int line) implements ImportUpload {
    }
}
