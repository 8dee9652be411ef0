package org.strongroom.operations.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.strongroom.StrongroomApplication;
import org.strongroom.crypto.BlindIndexes;
import org.strongroom.crypto.ClientKeys;
import org.strongroom.crypto.IndexedField;
import org.strongroom.crypto.EncryptionContext;
import org.strongroom.crypto.FieldCipher;
import org.strongroom.crypto.KeyManagement;
import org.strongroom.operations.internal.StrongroomCliTests.Run;
import org.strongroom.testing.TestFolders;

/**
 * Root key rotation is online-safe and resumable: a re-wrap process killed with SIGKILL midway
 * loses nothing, and the next run finishes the job.
 */
class RootKeyRotationIntegrationTests {

    static final int CLIENTS = 300;
    static final EncryptionContext CONTEXT = new EncryptionContext("client_profile", "p", "name");
    static final IndexedField EMAIL_INDEX = IndexedField.exact("email", 100_000);

    @Test
    void rewrapKilledMidwayResumesAndLosesNothing() throws Exception {
        Path folder = TestFolders.fresh("root-rotation");
        Map<UUID, byte[]> values = new LinkedHashMap<>();
        String newRoot;
        String emailIndex;
        try (ConfigurableApplicationContext context = start(folder)) {
            emailIndex = context.getBean(BlindIndexes.class).exact(EMAIL_INDEX, "olena@example.org");
            ClientKeys keys = context.getBean(ClientKeys.class);
            FieldCipher cipher = context.getBean(FieldCipher.class);
            for (int i = 0; i < CLIENTS; i++) {
                UUID client = UUID.randomUUID();
                keys.create(client);
                values.put(client, cipher.encrypt(client, ("client " + i).getBytes(StandardCharsets.UTF_8), CONTEXT));
            }
            newRoot = context.getBean(KeyManagement.class).rotateRoot();
            assertThat(context.getBean(KeyManagement.class).pendingRewrap()).as("client keys and the blind-index key")
                    .isEqualTo(CLIENTS + 1);
        }

        Process rewrap = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StrongroomApplication.class.getName(),
                "keys", "rewrap", "--data-dir=" + folder, "--batch=1")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long pending = CLIENTS;
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (pending > CLIENTS * 3 / 4 && Instant.now().isBefore(deadline) && rewrap.isAlive()) {
            pending = pending(folder, newRoot);
        }
        rewrap.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        long afterKill = pending(folder, newRoot);
        assertThat(afterKill).as("killed midway").isGreaterThan(0).isLessThan(CLIENTS);
        assertThat(pendingSystemKeys(folder, newRoot)).as("system keys go first").isZero();

        Run resumed = StrongroomCliTests.run("keys", "rewrap", "--data-dir=" + folder);
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(pending(folder, newRoot)).isZero();

        Run retired = StrongroomCliTests.run("keys", "retire-old-root", "--data-dir=" + folder);
        assertThat(retired.exitCode()).as(retired.err()).isZero();

        try (ConfigurableApplicationContext context = start(folder)) {
            FieldCipher cipher = context.getBean(FieldCipher.class);
            List<String> decrypted = new ArrayList<>();
            values.forEach((client, ciphertext) -> decrypted.add(new String(cipher.decrypt(client, ciphertext, CONTEXT), StandardCharsets.UTF_8)));
            assertThat(decrypted).hasSize(CLIENTS).contains("client 0", "client " + (CLIENTS - 1));
            assertThat(context.getBean(KeyManagement.class).status().rootKeyId()).isEqualTo(newRoot);
            assertThat(context.getBean(BlindIndexes.class).exact(EMAIL_INDEX, "olena@example.org"))
                    .as("search keeps working across a root rotation").isEqualTo(emailIndex);
        }
    }

    @Test
    void rotatingEveryClientKeyResumesWithoutRotatingTwice() {
        Path folder = TestFolders.fresh("client-rotation");
        Map<UUID, byte[]> values = new LinkedHashMap<>();
        try (ConfigurableApplicationContext context = start(folder)) {
            ClientKeys keys = context.getBean(ClientKeys.class);
            FieldCipher cipher = context.getBean(FieldCipher.class);
            KeyManagement management = context.getBean(KeyManagement.class);
            for (int i = 0; i < 25; i++) {
                UUID client = UUID.randomUUID();
                keys.create(client);
                values.put(client, cipher.encrypt(client, ("v" + i).getBytes(StandardCharsets.UTF_8), CONTEXT));
            }
            assertThat(management.startRotatingClientKeys()).isEqualTo(25);
            assertThat(management.rotateClientKeysBatch(10)).isEqualTo(10);
            // interrupted here; a new start resumes the same job instead of starting over
            assertThat(management.startRotatingClientKeys()).isEqualTo(15);
        }
        Run run = StrongroomCliTests.run("keys", "rotate-clients", "--data-dir=" + folder, "--batch=4");
        assertThat(run.exitCode()).as(run.err()).isZero();
        try (ConfigurableApplicationContext context = start(folder)) {
            KeyManagement management = context.getBean(KeyManagement.class);
            assertThat(management.status().clientVersions()).containsExactly(new org.strongroom.crypto.KeyStatus.VersionCount(2, 25));
            assertThat(management.status().pendingRotation()).isZero();
            FieldCipher cipher = context.getBean(FieldCipher.class);
            values.forEach((client, ciphertext) -> assertThat(cipher.decrypt(client, ciphertext, CONTEXT)).isNotEmpty());
        }
    }

    @Test
    void keyCommandsRefuseWhileAServerHoldsTheDataFolder() {
        Path folder = TestFolders.fresh("root-rotation-locked");
        try (ConfigurableApplicationContext running = start(folder)) {
            Run run = StrongroomCliTests.run("keys", "rotate-root", "--data-dir=" + folder);
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("already in use");
        }
    }

    private static ConfigurableApplicationContext start(Path folder) {
        SpringApplication app = new SpringApplication(StrongroomApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        return app.run("--strongroom.data-dir=" + folder, "--strongroom.keys.rewrap-on-start=false", "--logging.level.root=warn");
    }

    private static long pendingSystemKeys(Path folder, String currentRoot) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("strongroom.db") + "?busy_timeout=5000");
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM system_key WHERE root_key_id <> ?")) {
            s.setString(1, currentRoot);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long pending(Path folder, String currentRoot) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("strongroom.db") + "?busy_timeout=5000");
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM client_key WHERE root_key_id <> ?")) {
            s.setString(1, currentRoot);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
