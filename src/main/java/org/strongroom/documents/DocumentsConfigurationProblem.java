package org.strongroom.documents;

/** A documents or storage setting that cannot work; the message is one line for the operator (no secrets). */
public final class DocumentsConfigurationProblem extends RuntimeException {

    public DocumentsConfigurationProblem(String message) {
        super(message);
    }
}
