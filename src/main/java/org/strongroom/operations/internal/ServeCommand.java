package org.strongroom.operations.internal;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code strongroom serve}: starts the HTTPS server and blocks until it is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Starts the Strongroom server (HTTPS only).",
                "On the first start it creates the data folder, an SQLite database, a self-signed",
                "certificate and prints a one-time link to create the owner account."})
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "PORT", description = "HTTPS port (default 8443, or SERVER_PORT; 0 picks a free port).")
    Integer port;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data folder (default ./strongroom-data, or STRONGROOM_DATA_DIR).")
    String dataDir;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Sets any configuration property, e.g. --set strongroom.tls.certificate=/etc/strongroom/cert.pem.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--verbose", description = "Logs more, including stack traces of start-up failures.")
    boolean verbose;

    @Option(names = "--demo", description = {"Also fills an installation that has no clients yet with fictitious demo data",
            "(as 'strongroom demo seed'); an installation with clients is left as it is."})
    boolean demo;

    private final Class<?> application;
    private final PrintWriter out;
    private final PrintWriter err;

    ServeCommand(Class<?> application, PrintWriter out, PrintWriter err) {
        this.application = application;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        if (port != null && (port < 0 || port > 65535)) {
            err.println("strongroom: --port must be between 1 and 65535 (0 picks a free port), not " + port + ".");
            return CommandLines.USAGE;
        }
        Map<String, String> properties = new LinkedHashMap<>(settings);
        if (port != null) {
            properties.put("server.port", port.toString());
        }
        if (dataDir != null) {
            properties.put("strongroom.data-dir", dataDir);
        }
        if (verbose) {
            properties.put("logging.level.org.springframework.boot.SpringApplication", "info");
            properties.put("logging.level.org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter", "info");
            properties.put("logging.level.org.springframework.boot.web.server.servlet.context"
                    + ".AnnotationConfigServletWebServerApplicationContext", "info");
            properties.put("logging.level.org.strongroom", "debug");
        }
        SpringApplication app = new SpringApplication(application);
        CountDownLatch stopped = new CountDownLatch(1);
        app.addListeners(event -> {
            if (event instanceof ContextClosedEvent) {
                stopped.countDown();
            }
        });
        ConfigurableApplicationContext context;
        try {
            context = app.run(asArguments(properties));
        } catch (SpringApplication.AbandonedRunException trainingRun) {
            // spring.context.exit=onRefresh: the launcher's class-data training start ends here.
            return 0;
        } catch (Throwable failure) {
            err.println("strongroom: cannot start: " + StartupFailures.explain(failure)
                    + (verbose ? "" : " (--verbose shows details)"));
            return CommandLines.FAILED;
        }
        if (!context.isActive()) {
            return CommandLines.FAILED;
        }
        if (demo) {
            loadDemo(context);
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** {@code --demo}: seeds once; a refusal (already seeded, real clients) is said in one line and the server goes on. */
    private void loadDemo(ConfigurableApplicationContext context) {
        if (context.getBean(DemoData.class).seeded()) {
            out.println("Demo data is already loaded.");
            return;
        }
        try {
            DemoCommand.seed(context, DemoData.DEFAULT_CLIENTS, out, err);
        } catch (RuntimeException e) {
            err.println("strongroom: demo data could not be loaded (" + CommandLines.oneLine(String.valueOf(e.getMessage()))
                    + "); the server runs without it.");
        }
    }

    static String[] asArguments(Map<String, String> properties) {
        return properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
    }
}
