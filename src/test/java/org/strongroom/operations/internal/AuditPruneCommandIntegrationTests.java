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

/**
 * {@code strongroom audit prune} on a real data folder. Entries made today are not past any
 * retention, so nothing is removed here; what is removed once they are is proven by
 * TrailPruningIntegrationTests with a later "now".
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditPruneCommandIntegrationTests {

    static Path folder;

    @BeforeAll
    static void folder() throws IOException {
        folder = TestFolders.fresh("audit-prune-cli");
        Files.createDirectories(folder.getParent());
        Path password = folder.getParent().resolve("audit-prune-cli-password.txt");
        Files.writeString(password, "copper-lantern-harbour-71\n");
        Run init = StrongroomCliTests.run("init", "--data-dir=" + folder, "--owner-email=taras.melnyk@example.org",
                "--owner-name=Taras Melnyk", "--owner-password-file=" + password);
        assertThat(init.exitCode()).as(init.err()).isZero();
        TrailFixture.appendEntries(folder, 12);
    }

    @Test
    @Order(1)
    void withoutYesOnlySaysWhatWouldBeRemoved() {
        Run run = StrongroomCliTests.run("audit", "prune", "--data-dir=" + folder);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Nothing to prune: no signed checkpoint is older than the retention (P6Y, before ");
    }

    @Test
    @Order(2)
    void withYesRemovesNothingBeforeTheRetentionHasPassed() {
        Run run = StrongroomCliTests.run("audit", "prune", "--yes", "--data-dir=" + folder);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Nothing to prune");
        assertThat(StrongroomCliTests.run("audit", "verify", "--data-dir=" + folder).exitCode()).isZero();
    }

    /** Attack: pruning to make tampering disappear. A broken trail is refused, exit 1, nothing removed. */
    @Test
    @Order(3)
    void brokenTrailIsRefused() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("strongroom.db"));
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE audit_entry SET client_id = 'client-9' WHERE seq = 3");
        }
        Run run = StrongroomCliTests.run("audit", "prune", "--yes", "--data-dir=" + folder);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines().filter(l -> l.startsWith("strongroom:")))
                .containsExactly("strongroom: audit trail broken at entry 3 (altered); nothing was removed. Run 'strongroom audit verify'.");
    }

}
