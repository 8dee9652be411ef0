package org.strongroom.operations;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.OutputStreamWriter;

import org.strongroom.operations.internal.CommandLines;

/**
 * The one entry point of Strongroom: parses the command line and runs a subcommand
 * ({@code serve}, {@code init}, {@code version}, {@code --help}). Returns the process exit code:
 * 0 on success, 1 when the work failed, 2 when the command line itself was wrong. Every failure is
 * reported as one line on standard error.
 */
public final class StrongroomCli {

    private StrongroomCli() {
    }

    /**
     * Runs the command line.
     *
     * @param application the Spring Boot application class that {@code serve} and {@code init} start
     * @param args        the arguments as typed after {@code strongroom}
     * @return the exit code
     */
    public static int run(Class<?> application, String... args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        return run(application, out, err, args);
    }

    /** As {@link #run(Class, String...)}, writing to the given streams (for tests and embedding). */
    public static int run(Class<?> application, PrintWriter out, PrintWriter err, String... args) {
        return CommandLines.create(application, out, err).execute(args);
    }
}
