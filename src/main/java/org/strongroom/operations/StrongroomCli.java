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
        if (!java.util.Arrays.asList(args).contains("--verbose")) {
            quietEarlyStartupFailures();
        }
        return CommandLines.create(application, out, err).execute(args);
    }

    /**
     * A problem found while the configuration is prepared (data folder, certificate, lock) stops
     * Spring before its logging is configured, and Spring would then print it with a stack trace.
     * The CLI reports it in one line instead, so that logger is silenced from the start.
     */
    private static void quietEarlyStartupFailures() {
        if (org.slf4j.LoggerFactory.getLogger(org.springframework.boot.SpringApplication.class)
                instanceof ch.qos.logback.classic.Logger logger) {
            logger.setLevel(ch.qos.logback.classic.Level.OFF);
        }
    }
}
