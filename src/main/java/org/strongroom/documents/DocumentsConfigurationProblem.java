package org.strongroom.documents;

/** A {@code strongroom.documents.*} setting that cannot work; the server refuses to start with this one line. */
public class DocumentsConfigurationProblem extends RuntimeException {
    public DocumentsConfigurationProblem(String message) {
        super(message);
    }
}
