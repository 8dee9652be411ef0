package org.strongroom.operations.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.strongroom.operations.internal.StrongroomCliTests.Run;
import org.strongroom.testing.TestFolders;

/**
 * Bad configuration stops {@code strongroom serve} with exit code 1 and one line that says what
 * is wrong — never a stack trace as the only explanation, never a half-started server.
 */
class StartupFailureIntegrationTests {

    static Run serve(Path dataDir, String... extra) {
        String[] args = new String[4 + extra.length];
        args[0] = "serve";
        args[1] = "--data-dir=" + dataDir;
        args[2] = "--port=0";
        args[3] = "--set=logging.level.root=off";
        System.arraycopy(extra, 0, args, 4, extra.length);
        return StrongroomCliTests.run(args);
    }

    static void assertOneClearLine(Run run, String... phrases) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err().lines()).as(run.err()).hasSize(1);
        assertThat(run.err()).startsWith("strongroom: cannot start: ").contains(phrases).doesNotContain("\tat ", "Exception:");
    }

    @Test
    void dataFolderThatIsAFileIsReported() throws IOException {
        Path folder = TestFolders.fresh("startup-file-as-folder");
        Files.createDirectories(folder.getParent());
        Files.writeString(folder, "not a folder");
        assertOneClearLine(serve(folder), "is not a folder");
    }

    @Test
    void portInUseIsReported() throws IOException {
        Path folder = TestFolders.fresh("startup-port-in-use");
        try (ServerSocket taken = new ServerSocket(0)) {
            Run run = StrongroomCliTests.run("serve", "--data-dir=" + folder, "--port=" + taken.getLocalPort(),
                    "--set=logging.level.root=off");
            assertOneClearLine(run, "port " + taken.getLocalPort() + " is already in use");
        }
    }

    @Test
    void certificateWithoutKeyIsReported() throws IOException {
        Path folder = TestFolders.fresh("startup-cert-only");
        assertOneClearLine(serve(folder, "--set=strongroom.tls.certificate=/etc/hostname"),
                "set both STRONGROOM_TLS_CERTIFICATE and STRONGROOM_TLS_PRIVATE_KEY");
    }

    @Test
    void missingCertificateIsReported() {
        Path folder = TestFolders.fresh("startup-cert-missing");
        assertOneClearLine(serve(folder, "--set=strongroom.tls.certificate=" + folder.resolve("nope.pem"),
                "--set=strongroom.tls.private-key=" + folder.resolve("nope.key")), "does not exist");
    }

    @Test
    void unreadableCertificateIsReported() throws IOException {
        Path folder = TestFolders.fresh("startup-cert-garbage");
        Files.createDirectories(folder);
        Path garbage = folder.resolve("garbage.pem");
        Files.writeString(garbage, "this is not a certificate\n", StandardCharsets.US_ASCII);
        assertOneClearLine(serve(folder, "--set=strongroom.tls.certificate=" + garbage,
                "--set=strongroom.tls.private-key=" + garbage), "TLS certificate", garbage.toString());
    }

    @Test
    void certificateAndKeyThatDoNotBelongTogetherAreReported() {
        Path first = TestFolders.fresh("startup-pair-one");
        Path second = TestFolders.fresh("startup-pair-two");
        DataFolder.createPrivateDirectories(first);
        DataFolder.createPrivateDirectories(second);
        TlsCertificates.TlsFiles a = TlsCertificates.prepare("", "", first, Clock.systemUTC());
        TlsCertificates.TlsFiles b = TlsCertificates.prepare("", "", second, Clock.systemUTC());
        assertOneClearLine(serve(first, "--set=strongroom.tls.certificate=" + a.certificate(),
                "--set=strongroom.tls.private-key=" + b.privateKey()), "does not belong to the certificate");
    }

    @Test
    void unreachableDatabaseIsReported() throws IOException {
        Path folder = TestFolders.fresh("startup-db-unreachable");
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        assertOneClearLine(serve(folder, "--set=spring.datasource.url=jdbc:postgresql://127.0.0.1:" + closedPort + "/strongroom",
                "--set=spring.datasource.username=strongroom", "--set=spring.datasource.password=wrong"),
                "cannot reach the database");
    }

    @Test
    void databaseWithForeignTablesIsRefused() throws SQLException {
        Path folder = TestFolders.fresh("startup-foreign-tables");
        DataFolder.createPrivateDirectories(folder);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("strongroom.db"));
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE staff_account (something_else TEXT)");
        }
        assertOneClearLine(serve(folder), "already holds tables that Strongroom did not create");
    }

    @Test
    void failingMigrationIsReportedAndNothingStarts() throws SQLException {
        Path folder = TestFolders.fresh("startup-migration-fails");
        DataFolder.createPrivateDirectories(folder);
        String url = SqliteUrls.forFile(folder.resolve("strongroom.db"));
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration")
                .placeholders(FlywayPlaceholders.forUrl(url)).target("1").load().migrate();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE spring_session (in_the_way TEXT)");
        }
        assertOneClearLine(serve(folder), "a database migration failed");
    }
}
