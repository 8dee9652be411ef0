package org.strongroom.crypto.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.strongroom.StrongroomApplication;

/** The real application context (no web server) on a throw-away data folder, for JMH benchmarks. */
final class BenchmarkContexts {

    private BenchmarkContexts() {
    }

    static ConfigurableApplicationContext start() throws IOException {
        Path data = Files.createTempDirectory("strongroom-bench");
        SpringApplication app = new SpringApplication(StrongroomApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        return app.run("--strongroom.data-dir=" + data, "--logging.level.root=warn");
    }
}
