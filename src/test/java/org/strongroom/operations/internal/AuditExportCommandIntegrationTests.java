package org.strongroom.operations.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.strongroom.operations.internal.StrongroomCliTests.Run;
import org.strongroom.testing.TestFolders;

/** {@code strongroom audit export} on a real data folder, and {@code audit verify --bundle} offline. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditExportCommandIntegrationTests {

    static Path folder;
    static Path exports;

    @BeforeAll
    static void folder() throws IOException {
        folder = TestFolders.fresh("audit-export-cli");
        exports = folder.getParent().resolve("audit-export-cli-files");
        if (Files.exists(exports)) {
            try (var files = Files.list(exports)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
        } else {
            Files.createDirectories(exports);
        }
        Path password = folder.getParent().resolve("audit-export-cli-password.txt");
        Files.writeString(password, "copper-lantern-harbour-71\n");
        Run init = StrongroomCliTests.run("init", "--data-dir=" + folder, "--owner-email=taras.melnyk@example.org",
                "--owner-name=Taras Melnyk", "--owner-password-file=" + password);
        assertThat(init.exitCode()).as(init.err()).isZero();
        TrailFixture.appendEntries(folder, 20);
    }

    @Test
    @Order(1)
    void exportsABundleReadableByItsOwnerOnlyAndRecordsTheExport() throws Exception {
        Path bundle = exports.resolve("trail.bundle.jsonl");
        Run run = StrongroomCliTests.run("audit", "export", "--data-dir=" + folder, "--format", "bundle", "--output", bundle.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Exported 22 entries to " + bundle, "Signed with checkpoint key ");
        assertThat(Files.getPosixFilePermissions(bundle)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        try (var left = Files.list(exports)) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).as("no temporary file left").containsExactly("trail.bundle.jsonl");
        }
        assertThat(lastEntry()).isEqualTo("system|null|audit.export|succeeded|bundle");
    }

    @Test
    @Order(2)
    void refusesToOverwriteWithoutForce() throws IOException {
        Path bundle = exports.resolve("trail.bundle.jsonl");
        byte[] before = Files.readAllBytes(bundle);
        Run run = StrongroomCliTests.run("audit", "export", "--data-dir=" + folder, "--format", "bundle", "--output", bundle.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("exists; add --force to replace it");
        assertThat(Files.readAllBytes(bundle)).isEqualTo(before);
    }

    /** Offline: no data folder, database or server; the key id printed matches the checkpoints file's. */
    @Test
    @Order(3)
    void verifiesTheBundleOfflineAndNamesItsKey() throws IOException {
        Path bundle = exports.resolve("trail.bundle.jsonl");
        String keyId = checkpointKeyId();
        Run unconfirmed = StrongroomCliTests.run("audit", "verify", "--bundle", bundle.toString());
        assertThat(unconfirmed.exitCode()).as(unconfirmed.err()).isZero();
        assertThat(unconfirmed.out()).contains("Bundle intact: 22 entries (1 to 22)", "signed by key " + keyId + ".",
                "Compare this key id with the keyId in <data-dir>/audit/checkpoints.jsonl");

        Run confirmed = StrongroomCliTests.run("audit", "verify", "--bundle", bundle.toString(), "--key-id", keyId);
        assertThat(confirmed.exitCode()).as(confirmed.err()).isZero();
        assertThat(confirmed.out()).contains("signed by key " + keyId + " (as expected).").doesNotContain("Compare");
    }

    /** Attack: a bundle presented as this installation's but signed by another key. */
    @Test
    @Order(4)
    void anotherKeyIdExitsOne() {
        Path bundle = exports.resolve("trail.bundle.jsonl");
        Run run = StrongroomCliTests.run("audit", "verify", "--bundle", bundle.toString(), "--key-id", "ab".repeat(32));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines().filter(l -> l.startsWith("strongroom:")))
                .singleElement().asString().startsWith("strongroom: bundle broken at line 1, key mismatch: the bundle is signed by key ");
    }

    /** Attack: an entry line removed from the exported file. */
    @Test
    @Order(5)
    void tamperedBundleExitsOneNamingTheLineAndEntry() throws IOException {
        Path bundle = exports.resolve("trail.bundle.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(bundle, StandardCharsets.US_ASCII));
        lines.remove(7);
        Path tampered = exports.resolve("tampered.bundle.jsonl");
        Files.write(tampered, lines, StandardCharsets.US_ASCII);
        Run run = StrongroomCliTests.run("audit", "verify", "--bundle", tampered.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines().filter(l -> l.startsWith("strongroom:")))
                .containsExactly("strongroom: bundle broken at line 8 (entry 6), missing: entry 6 is missing (line 8 holds entry 7)");
        Files.delete(tampered);
    }

    @Test
    @Order(6)
    void exportsFilteredCsvAndReplacesWithForce() throws IOException, SQLException {
        Path csv = exports.resolve("trail.csv");
        Files.writeString(csv, "old");
        Run run = StrongroomCliTests.run("audit", "export", "--data-dir=" + folder, "--format", "csv", "--client", "client-3",
                "--outcome", "succeeded", "--from", "2000-01-01", "--output", csv.toString(), "--force");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = Files.readAllLines(csv);
        // The export's own entry (recorded first) matches the filter too.
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).contains(",system,,test.append,,,client-3,succeeded,");
        assertThat(lines.get(2)).contains(",system,,audit.export,,,client-3,succeeded,csv,");
        assertThat(Files.getPosixFilePermissions(csv)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(lastEntry()).isEqualTo("system|client-3|audit.export|succeeded|csv");
    }

    @Test
    @Order(7)
    void wrongCommandLinesExitTwo() {
        Path out = exports.resolve("never.jsonl");
        assertThat(StrongroomCliTests.run("audit", "export", "--data-dir=" + folder, "--format", "bundle", "--actor", "x",
                "--output", out.toString()).exitCode()).as("a bundle takes no filter").isEqualTo(2);
        assertThat(StrongroomCliTests.run("audit", "export", "--data-dir=" + folder, "--format", "xml",
                "--output", out.toString()).exitCode()).isEqualTo(2);
        assertThat(StrongroomCliTests.run("audit", "export", "--data-dir=" + folder, "--format", "jsonl", "--outcome", "maybe",
                "--output", out.toString()).exitCode()).isEqualTo(2);
        assertThat(StrongroomCliTests.run("audit", "export", "--data-dir=" + folder, "--format", "jsonl", "--from", "yesterday",
                "--output", out.toString()).exitCode()).isEqualTo(2);
        assertThat(StrongroomCliTests.run("audit", "verify", "--bundle", out.toString(), "--data-dir=" + folder).exitCode()).isEqualTo(2);
        assertThat(StrongroomCliTests.run("audit", "verify", "--bundle", out.toString(), "--key-id", "abc").exitCode()).isEqualTo(2);
        assertThat(StrongroomCliTests.run("audit", "verify", "--data-dir=" + folder, "--key-id", "ab".repeat(32)).exitCode()).isEqualTo(2);
        assertThat(out).doesNotExist();
    }

    /** Attack: exporting a signed bundle over a trail altered in the database file. */
    @Test
    @Order(8)
    void refusesToSignABundleOverABrokenTrail() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("strongroom.db"));
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE audit_entry SET client_id = 'client-7' WHERE seq = 6");
        }
        Path bundle = exports.resolve("broken.bundle.jsonl");
        Run run = StrongroomCliTests.run("audit", "export", "--data-dir=" + folder, "--format", "bundle", "--output", bundle.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("audit entry 6 does not chain from the entry before it; no bundle was signed");
        assertThat(bundle).doesNotExist();
    }

    private static String lastEntry() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("strongroom.db"));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT actor_type, actor_id, action, outcome, reason, client_id FROM audit_entry ORDER BY seq DESC LIMIT 1")) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1) + "|" + (rs.getString(6) == null ? rs.getString(2) : rs.getString(6)) + "|" + rs.getString(3)
                    + "|" + rs.getString(4) + "|" + rs.getString(5);
        }
    }

    private static String checkpointKeyId() throws IOException {
        Matcher m = Pattern.compile("\"keyId\":\"([0-9a-f]{64})\"").matcher(Files.readString(folder.resolve("audit/checkpoints.jsonl")));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
