package org.strongroom.operations.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.strongroom.operations.internal.StrongroomCliTests.Run;
import org.strongroom.testing.TestFolders;

/** {@code strongroom audit verify} on a real data folder, also while a server holds it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditCommandIntegrationTests {

    static Path folder;

    @BeforeAll
    static void folder() throws IOException {
        folder = TestFolders.fresh("audit-cli");
        Files.createDirectories(folder.getParent());
        Path password = folder.getParent().resolve("audit-cli-password.txt");
        Files.writeString(password, "copper-lantern-harbour-71\n");
        Run init = StrongroomCliTests.run("init", "--data-dir=" + folder, "--owner-email=taras.melnyk@example.org",
                "--owner-name=Taras Melnyk", "--owner-password-file=" + password);
        assertThat(init.exitCode()).as(init.err()).isZero();
    }

    @Test
    @Order(1)
    void intactTrailExitsZero() {
        TrailFixture.appendEntries(folder, 20);
        Run run = StrongroomCliTests.run("audit", "verify", "--data-dir=" + folder);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Audit trail intact: 21 entries, 2 signed checkpoints.");
        assertThat(folder.resolve("audit/checkpoints.jsonl")).exists();
    }

    /** The server holds the data folder's lock while it runs; verify must work beside it. */
    @Test
    @Order(2)
    void worksWhileTheServerHoldsTheDataFolder() {
        DataFolderLock.acquire(folder);
        try {
            Run run = StrongroomCliTests.run("audit", "verify", "--data-dir=" + folder);
            assertThat(run.exitCode()).as(run.err()).isZero();
        } finally {
            DataFolderLock.release(folder);
        }
    }

    /** Attack: an entry altered in the database file; verify names it on one line and exits 1. */
    @Test
    @Order(3)
    void alteredEntryExitsOneNamingIt() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("strongroom.db"));
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE audit_entry SET client_id = 'client-7' WHERE seq = 6");
        }
        Run run = StrongroomCliTests.run("audit", "verify", "--data-dir=" + folder);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines().filter(l -> l.startsWith("strongroom:")))
                .containsExactly("strongroom: audit trail broken at entry 6 (altered): entry 6 was altered");
    }

}
