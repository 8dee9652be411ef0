package org.strongroom.operations.internal;

/**
 * A configuration problem found before or during start-up, with a message written for the
 * operator: one line that says what is wrong and how to fix it. Never carries personal data.
 */
public final class StartupProblem extends RuntimeException {

    public StartupProblem(String message) {
        super(message);
    }

    public StartupProblem(String message, Throwable cause) {
        super(message, cause);
    }
}
