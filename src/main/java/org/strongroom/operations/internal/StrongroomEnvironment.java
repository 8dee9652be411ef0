package org.strongroom.operations.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Prepares what must exist before the database and the web server start: the data folder, the
 * default SQLite database URL (only when no other database is configured) and the TLS certificate.
 * Runs after the configuration files are read, so environment variables and {@code --set} apply
 * to everything but the TLS policy and the session cookie's security attributes, which are fixed
 * here above every other property source: unsafe settings do not exist.
 */
public final class StrongroomEnvironment implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE_NAME = "strongroomDerived";

    /** TLS 1.3 and 1.2 only. Set here, above every other source, so no setting can weaken it. */
    static final String PROTOCOLS = "TLSv1.3,TLSv1.2";

    /** Forward-secret AEAD suites only: TLS 1.3's three, and ECDHE with GCM or ChaCha20 for TLS 1.2. */
    static final String CIPHERS = String.join(",",
            "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Path dataFolder = DataFolder.prepare(environment.getProperty("strongroom.data-dir", DataFolder.DEFAULT));
        if (environment.getProperty("strongroom.lock-data-dir", Boolean.class, true)) {
            DataFolderLock.acquire(dataFolder);
            application.addListeners(event -> {
                if (event instanceof ContextClosedEvent) {
                    DataFolderLock.release(dataFolder);
                }
            });
        }
        Map<String, Object> derived = new LinkedHashMap<>();
        derived.put("strongroom.data-dir", dataFolder.toString());
        String url = environment.getProperty("spring.datasource.url");
        if (url == null || url.isBlank()) {
            Path database = dataFolder.resolve("strongroom.db");
            DataFolder.createPrivateFile(database);
            derived.put("spring.datasource.url", SqliteUrls.forFile(database));
        }
        if (application.getWebApplicationType() != WebApplicationType.NONE) {
            TlsCertificates.TlsFiles tls = TlsCertificates.prepare(environment.getProperty("strongroom.tls.certificate"),
                    environment.getProperty("strongroom.tls.private-key"), dataFolder, Clock.systemUTC());
            derived.put("server.ssl.enabled", "true");
            derived.put("server.ssl.enabled-protocols", PROTOCOLS);
            derived.put("server.ssl.ciphers", CIPHERS);
            derived.put("server.ssl.client-auth", "none");
            derived.put("server.servlet.session.cookie.name", "__Host-strongroom");
            derived.put("server.servlet.session.cookie.secure", "true");
            derived.put("server.servlet.session.cookie.http-only", "true");
            derived.put("server.servlet.session.cookie.path", "/");
            String sameSite = environment.getProperty("server.servlet.session.cookie.same-site", "lax");
            derived.put("server.servlet.session.cookie.same-site", "strict".equalsIgnoreCase(sameSite) ? "strict" : "lax");
            derived.put("server.ssl.certificate", "file:" + tls.certificate());
            derived.put("server.ssl.certificate-private-key", "file:" + tls.privateKey());
        }
        environment.getPropertySources().addFirst(new MapPropertySource(SOURCE_NAME, derived));
    }

    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 10;
    }
}
