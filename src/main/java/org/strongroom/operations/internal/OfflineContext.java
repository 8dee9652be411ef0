package org.strongroom.operations.internal;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Option;

/**
 * The options every data-folder command shares ({@code --data-dir}, {@code --set}) and the
 * short-lived application context (no web server) such a command does its work in. Failures to
 * start become one line on standard error and exit code 1.
 */
class OfflineContext {

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data folder (default ./strongroom-data, or STRONGROOM_DATA_DIR).")
    String dataDir;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Sets any configuration property.")
    Map<String, String> settings = new LinkedHashMap<>();

    /**
     * @param besideServer true for small transactional work that may run while the server runs
     *                     (no data-folder lock); false for work that must have the folder alone
     */
    int run(Class<?> application, PrintWriter err, boolean besideServer, Function<ConfigurableApplicationContext, Integer> work) {
        Map<String, String> properties = new LinkedHashMap<>(settings);
        if (dataDir != null) {
            properties.put("strongroom.data-dir", dataDir);
        }
        properties.put("spring.main.banner-mode", "off");
        properties.put("logging.level.root", "warn");
        properties.put("strongroom.keys.rewrap-on-start", "false");
        if (besideServer) {
            properties.put("strongroom.lock-data-dir", "false");
        }
        SpringApplication app = new SpringApplication(application);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setLogStartupInfo(false);
        try (ConfigurableApplicationContext context = app.run(ServeCommand.asArguments(properties))) {
            return work.apply(context);
        } catch (Throwable failure) {
            err.println("strongroom: " + StartupFailures.explain(failure));
            return CommandLines.FAILED;
        }
    }
}
