package org.strongroom.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.strongroom.audit.ActorType;
import org.strongroom.audit.AuditEvent;
import org.strongroom.audit.AuditTrail;
import org.strongroom.audit.AuditUnavailable;
import org.strongroom.audit.AuditVerification;
import org.strongroom.audit.BreakKind;
import org.strongroom.audit.Outcome;
import org.strongroom.audit.VerificationResult;
import org.strongroom.crypto.AuditKeys;
import org.strongroom.testing.TestFolders;

/**
 * The audit chain against a real SQLite database (PostgreSQL: the subclass): appends, fail-closed
 * behaviour, concurrency, and every tampering attack the issue names, each detected at its first
 * bad sequence number. The {@code Split…} subclasses run all of it again with every trail verified
 * in two halves at once ({@code strongroom.audit.verify-split-at=2}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"strongroom.data-dir=target/test-data/audit-trail", "strongroom.audit.checkpoint-poll=1h"})
class AuditTrailIntegrationTests {

    static {
        TestFolders.fresh("audit-trail");
    }

    @Autowired
    AuditTrail trail;
    @Autowired
    AuditVerification verification;
    @Autowired
    Checkpointer checkpointer;
    @Autowired
    AuditEntries entries;
    @Autowired
    AuditKeys keys;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    org.strongroom.crypto.KeyManagement keyManagement;
    @Value("${strongroom.audit.verify-split-at:" + ChainVerifier.SPLIT_AT + "}")
    long splitAt;
    @Value("${strongroom.data-dir}")
    Path dataFolder;

    TransactionTemplate tx;

    @BeforeEach
    void emptyTrail() throws IOException {
        tx = new TransactionTemplate(transactions);
        EmptyTrail.in(jdbc);
        Files.deleteIfExists(checkpointer.file());
    }

    @Test
    void appendedEntriesFormAnIntactChain() {
        append(12);
        assertThat(verify()).isEqualTo(new VerificationResult.Intact(12, 0));
        assertThat(jdbc.sql("SELECT seq FROM audit_entry ORDER BY seq").query(Long.class).list())
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
    }

    @Test
    void entriesRecordedTogetherChainLikeEntriesRecordedOneByOne() {
        append(2);
        List<Long> seqs = tx.execute(s -> trail.recordAll(List.of(event(3), event(4), event(5))));
        append(1);
        assertThat(seqs).containsExactly(3L, 4L, 5L);
        assertThat(verify()).isEqualTo(new VerificationResult.Intact(6, 0));
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            trail.recordAll(List.of(event(7), event(8)));
            throw new IllegalStateException("the import failed");
        })).hasMessage("the import failed");
        assertThat(entries.head().seq()).isEqualTo(6);
        assertThatThrownBy(() -> trail.recordAll(List.of(event(7)))).isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void recordOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> trail.record(event(1))).isInstanceOf(IllegalTransactionStateException.class);
        assertThat(entries.head().seq()).isZero();
    }

    @Test
    void recordOnItsOwnCommitsWithoutACaller() {
        assertThat(trail.recordOnItsOwn(event(1).withReason("wrong_password"))).isEqualTo(1);
        assertThat(verify()).isInstanceOf(VerificationResult.Intact.class);
    }

    @Test
    void entryRollsBackWithItsAction() {
        append(2);
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            trail.record(event(3));
            throw new IllegalStateException("the action failed");
        })).hasMessage("the action failed");
        assertThat(entries.head().seq()).isEqualTo(2);
        append(1);
        assertThat(verify()).isEqualTo(new VerificationResult.Intact(3, 0));
    }

    /**
     * Attack: make the audit store refuse writes (here the table is renamed away) so that client
     * data is read without a trace. The read and its entry share one transaction: the caller gets
     * an exception and no data, and a write made in the same transaction is rolled back.
     */
    @Test
    void readOfDataFailsClosedWhenItsEntryCannotBeWritten() {
        jdbc.sql("CREATE TABLE IF NOT EXISTS audit_probe (id VARCHAR(36) PRIMARY KEY, secret VARCHAR(100))").update();
        jdbc.sql("DELETE FROM audit_probe").update();
        jdbc.sql("INSERT INTO audit_probe (id, secret) VALUES ('c-1', 'Mariia Savchenko, fictitious')").update();
        jdbc.sql("ALTER TABLE audit_entry RENAME TO audit_entry_away").update();
        List<String> returned = new ArrayList<>();
        try {
            assertThatThrownBy(() -> returned.add(tx.execute(s -> {
                String secret = jdbc.sql("SELECT secret FROM audit_probe WHERE id = 'c-1'").query(String.class).single();
                jdbc.sql("INSERT INTO audit_probe (id, secret) VALUES ('c-2', 'written by the action')").update();
                trail.record(event(1).withResource("client", "c-1").withClient("c-1"));
                return secret;
            }))).isInstanceOf(AuditUnavailable.class).hasMessageNotContaining("Mariia");
        } finally {
            jdbc.sql("ALTER TABLE audit_entry_away RENAME TO audit_entry").update();
        }
        assertThat(returned).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_probe WHERE id = 'c-2'").query(Long.class).single()).isZero();
        assertThat(entries.head().seq()).isZero();
    }

    /** Attack: change one field of an entry in the database (the investigator would read a different client). */
    @Test
    void alteredEntryIsDetected() {
        append(12);
        jdbc.sql("UPDATE audit_entry SET client_id = 'client-99' WHERE seq = 5").update();
        assertBroken(verify(), 5, BreakKind.ALTERED);
    }

    /** Attack: move an entry's time by one millisecond. */
    @Test
    void alteredTimeIsDetected() {
        append(12);
        jdbc.sql("UPDATE audit_entry SET occurred_at = occurred_at + 1 WHERE seq = 7").update();
        assertBroken(verify(), 7, BreakKind.ALTERED);
    }

    /** Attack: replace an absent value (NULL) by an empty one, which some drivers read alike. */
    @Test
    void absentValueMadeEmptyIsDetected() {
        append(12);
        jdbc.sql("UPDATE audit_entry SET reason = '' WHERE seq = 3").update();
        assertBroken(verify(), 3, BreakKind.ALTERED);
    }

    /** Attack: change one byte of an entry's MAC (or of contents and MAC together). */
    @Test
    void alteredMacIsDetected() {
        append(12);
        byte[] mac = jdbc.sql("SELECT mac FROM audit_entry WHERE seq = 4").query(byte[].class).single();
        mac[0] ^= 1;
        jdbc.sql("UPDATE audit_entry SET mac = :mac WHERE seq = 4").param("mac", mac).update();
        assertBroken(verify(), 4, BreakKind.FORGED);
    }

    /** Attack: delete an entry. */
    @Test
    void deletedEntryIsDetected() {
        append(12);
        jdbc.sql("DELETE FROM audit_entry WHERE seq = 5").update();
        assertBroken(verify(), 5, BreakKind.MISSING);
    }

    /** Attack: insert a forged entry in the middle, renumbering the entries after it. */
    @Test
    void insertedForgedEntryIsDetected() {
        append(12);
        jdbc.sql("UPDATE audit_entry SET seq = seq + 1000000 WHERE seq >= 5").update();
        jdbc.sql("UPDATE audit_entry SET seq = seq - 999999 WHERE seq >= 1000000").update();
        insertForged(5);
        jdbc.sql("UPDATE audit_head SET seq = 13 WHERE id = 1").update();
        assertBroken(verify(), 5, BreakKind.INSERTED);
    }

    /** Attack: append a forged entry at the end, without the chain key. */
    @Test
    void forgedEntryAtTheEndIsDetected() {
        append(12);
        insertForged(13);
        jdbc.sql("UPDATE audit_head SET seq = 13 WHERE id = 1").update();
        assertBroken(verify(), 13, BreakKind.FORGED);
    }

    /** Attack: swap two entries (make a later access look earlier). */
    @Test
    void swappedEntriesAreDetected() {
        append(12);
        jdbc.sql("UPDATE audit_entry SET seq = -1 WHERE seq = 5").update();
        jdbc.sql("UPDATE audit_entry SET seq = 5 WHERE seq = 6").update();
        jdbc.sql("UPDATE audit_entry SET seq = 6 WHERE seq = -1").update();
        assertBroken(verify(), 5, BreakKind.REORDERED);
    }

    /** Attack: cut off the newest entries (a checkpoint in the database still covers them). */
    @Test
    void truncatedTailIsDetectedAgainstTheCheckpoint() {
        append(12);
        assertThat(checkpointer.checkpoint()).isPresent();
        append(3);
        jdbc.sql("DELETE FROM audit_entry WHERE seq > 10").update();
        assertBroken(verify(), 11, BreakKind.TRUNCATED);
    }

    /** Attack: cut off the newest entries and the head, with no checkpoint past the cut. */
    @Test
    void truncatedTailIsDetectedAgainstTheHead() {
        append(12);
        jdbc.sql("DELETE FROM audit_entry WHERE seq > 10").update();
        assertBroken(verify(), 11, BreakKind.TRUNCATED);
    }

    /**
     * Attack: truncate consistently — entries, the checkpoints in the database and the chain head
     * all put back to an earlier state (what restoring an old backup does). Only the checkpoints
     * file outside the database still knows.
     */
    @Test
    void consistentTruncationIsDetectedThroughTheCheckpointsFile() {
        append(10);
        byte[] macAt10 = entries.head().mac();
        append(5);
        assertThat(checkpointer.checkpoint()).isPresent();
        jdbc.sql("DELETE FROM audit_entry WHERE seq > 10").update();
        jdbc.sql("DELETE FROM audit_checkpoint").update();
        jdbc.sql("UPDATE audit_head SET seq = 10, mac = :mac WHERE id = 1").param("mac", macAt10).update();
        VerificationResult result = verify();
        assertBroken(result, 11, BreakKind.ROLLED_BACK);
        assertThat(((VerificationResult.Broken) result).detail()).contains("checkpoints file").contains("15");
    }

    /** Attack: forge a checkpoint's signature (one byte changed). */
    @Test
    void forgedCheckpointSignatureIsDetected() {
        append(12);
        assertThat(checkpointer.checkpoint()).isPresent();
        byte[] signature = jdbc.sql("SELECT signature FROM audit_checkpoint WHERE seq = 12").query(byte[].class).single();
        signature[10] ^= 0x40;
        jdbc.sql("UPDATE audit_checkpoint SET signature = :s WHERE seq = 12").param("s", signature).update();
        assertBroken(verify(), 12, BreakKind.CHECKPOINT_FORGED);
    }

    /** Attack: move a validly signed checkpoint to another chain head (its head no longer matches). */
    @Test
    void checkpointWithAnotherHeadIsDetected() {
        append(12);
        assertThat(checkpointer.checkpoint()).isPresent();
        jdbc.sql("UPDATE audit_checkpoint SET head_mac = :m WHERE seq = 12").param("m", new byte[32]).update();
        assertBroken(verify(), 12, BreakKind.CHECKPOINT_FORGED);
    }

    @Test
    void checkpointsAreSignedStoredAndWrittenToAPrivateFile() throws IOException {
        append(7);
        Checkpoint made = checkpointer.checkpoint().orElseThrow(() -> new AssertionError("no checkpoint"));
        assertThat(made.seq()).isEqualTo(7);
        assertThat(keys.verifyCheckpoint(made.keyId(), made.signedBytes(), made.signature())).isTrue();
        assertThat(checkpointer.checkpoint()).as("same head, no second checkpoint").isEmpty();
        append(1);
        checkpointer.checkpoint();
        List<String> lines = Files.readAllLines(checkpointer.file(), StandardCharsets.US_ASCII);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("{\"seq\":7,");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(checkpointer.file()))).isEqualTo("rw-------");
        assertThat(verify()).isEqualTo(new VerificationResult.Intact(8, 2));
    }

    /** Eight writers at once: one chain, no gaps, no duplicate sequence numbers. */
    @Test
    void concurrentWritersKeepOneChainWithoutGaps() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        int n = writer * 1000 + i;
                        tx.executeWithoutResult(s -> trail.record(event(n)));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(verify()).isEqualTo(new VerificationResult.Intact(400, 0));
        assertThat(jdbc.sql("SELECT COUNT(DISTINCT seq) FROM audit_entry").query(Long.class).single()).isEqualTo(400);
        assertThat(jdbc.sql("SELECT MAX(seq) FROM audit_entry").query(Long.class).single()).isEqualTo(400);
    }

    /**
     * Attack: flip one byte of an entry directly in the SQLite database file on disk (bypassing
     * SQL altogether).
     */
    @Test
    void byteFlippedInTheDatabaseFileIsDetected() throws IOException {
        assumeTrue(sqlite());
        append(4);
        tx.executeWithoutResult(s -> trail.record(event(5).withResource("client", "flipmarker-5f3a")));
        append(4);
        jdbc.sql("PRAGMA wal_checkpoint(TRUNCATE)").query().listOfRows();
        Path copy = copyDatabase("flipped", false);
        byte[] file = Files.readAllBytes(copy);
        int at = indexOf(file, "flipmarker-5f3a".getBytes(StandardCharsets.US_ASCII));
        assertThat(at).as("marker on disk").isPositive();
        file[at + 3] ^= 0x01;
        Files.write(copy, file);
        VerificationResult result = new ChainVerifier(sqliteAt(copy), keys, null, Long.MIN_VALUE, splitAt).verify(n -> { });
        assertBroken(result, 5, BreakKind.ALTERED);
    }

    /**
     * Attack: roll the whole database back to an older copy of its files (copy the SQLite file set,
     * let the server append and checkpoint more, put the copy back). Detected through the
     * checkpoints file outside the database.
     */
    @Test
    void wholeDatabaseRolledBackToAnOlderCopyIsDetected() throws IOException {
        assumeTrue(sqlite());
        append(10);
        checkpointer.checkpoint();
        Path older = copyDatabase("older", true);
        append(10);
        checkpointer.checkpoint();
        VerificationResult restored = new ChainVerifier(sqliteAt(older), keys, new CheckpointFile(checkpointer.file()), Long.MIN_VALUE, splitAt)
                .verify(n -> { });
        assertBroken(restored, 11, BreakKind.ROLLED_BACK);
        assertThat(new ChainVerifier(sqliteAt(older), keys, null, Long.MIN_VALUE, splitAt).verify(n -> { }))
                .as("without the file the older copy looks intact").isEqualTo(new VerificationResult.Intact(10, 1));
    }

    /**
     * Attack: someone with the application's database connection tries to edit or remove entries.
     * With docs/security/audit-revoke-postgres.sql applied, PostgreSQL refuses; appends still work.
     */
    @Test
    void revokeScriptLeavesTheApplicationRoleOnlyAppending() throws Exception {
        assumeTrue(!sqlite());
        append(2);
        String role = "strongroom_app_" + Long.toHexString(System.nanoTime());
        String script = Files.readString(Path.of("docs/security/audit-revoke-postgres.sql")).replace("strongroom_app", role);
        try (java.sql.Connection admin = dataSource.getConnection(); java.sql.Statement s = admin.createStatement()) {
            s.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'not-a-secret'");
            s.execute("GRANT USAGE ON SCHEMA public TO " + role);
            s.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + role);
            s.execute(script);
            String url = admin.getMetaData().getURL().replaceAll("\\?.*", "");
            try (java.sql.Connection app = java.sql.DriverManager.getConnection(url, role, "not-a-secret");
                    java.sql.Statement a = app.createStatement()) {
                assertThatThrownBy(() -> a.executeUpdate("UPDATE audit_entry SET client_id = 'x' WHERE seq = 1"))
                        .hasMessageContaining("permission denied");
                assertThatThrownBy(() -> a.executeUpdate("DELETE FROM audit_entry WHERE seq = 2"))
                        .hasMessageContaining("permission denied");
                assertThatThrownBy(() -> a.executeUpdate("TRUNCATE audit_entry")).hasMessageContaining("permission denied");
                assertThatThrownBy(() -> a.executeUpdate("DELETE FROM audit_checkpoint")).hasMessageContaining("permission denied");
                assertThat(a.executeUpdate("UPDATE audit_head SET seq = seq WHERE id = 1")).isEqualTo(1);
                assertThat(a.executeUpdate("""
                        INSERT INTO audit_entry (seq, occurred_at, actor_type, action, outcome, mac)
                        VALUES (3, 1, 'system', 'probe', 'succeeded', '\\x00')""")).isEqualTo(1);
            }
        }
    }

    @Test
    void keyOperationsAreRecorded() {
        keyManagement.rotateBlindIndexKey();
        keyManagement.retireOldBlindIndexKeys();
        assertThat(jdbc.sql("SELECT action FROM audit_entry ORDER BY seq").query(String.class).list())
                .containsExactly("keys.index_key_rotated", "keys.old_index_keys_retired");
        assertThat(verify()).isInstanceOf(VerificationResult.Intact.class);
    }

    // --- helpers

    boolean sqlite() {
        return !entries.isPostgres();
    }

    void append(int count) {
        for (int i = 0; i < count; i++) {
            int n = i;
            tx.executeWithoutResult(s -> trail.record(event(n)));
        }
    }

    static AuditEvent event(int n) {
        return AuditEvent.of(ActorType.STAFF, "3f0c1a52-7d7e-4a39-9b1e-1c2d3e4f5a6b", "client.profile.read", Outcome.ALLOWED)
                .withResource("client", "client-" + n).withClient("client-" + n)
                .withRequest("192.0.2.10", null, "req-" + n);
    }

    void insertForged(long seq) {
        byte[] mac = new byte[32];
        new java.security.SecureRandom().nextBytes(mac);
        jdbc.sql("""
                INSERT INTO audit_entry (seq, occurred_at, actor_type, actor_id, action, outcome, mac)
                VALUES (:seq, 1, 'staff', 'someone', 'client.profile.read', 'allowed', :mac)
                """).param("seq", seq).param("mac", mac).update();
    }

    VerificationResult verify() {
        return verification.verify(n -> { });
    }

    static void assertBroken(VerificationResult result, long seq, BreakKind kind) {
        assertThat(result).isInstanceOf(VerificationResult.Broken.class);
        VerificationResult.Broken broken = (VerificationResult.Broken) result;
        assertThat(broken.kind()).as(broken.detail()).isEqualTo(kind);
        assertThat(broken.seq()).as(broken.detail()).isEqualTo(seq);
    }

    Path copyDatabase(String name, boolean withWal) throws IOException {
        Path folder = TestFolders.fresh(dataFolder.getFileName() + "-" + name);
        Files.createDirectories(folder);
        Path db = dataFolder.resolve("strongroom.db").toAbsolutePath();
        Files.copy(db, folder.resolve("strongroom.db"), StandardCopyOption.REPLACE_EXISTING);
        if (withWal) {
            for (String suffix : new String[] {"-wal", "-shm"}) {
                Path part = Path.of(db + suffix);
                if (Files.exists(part)) {
                    Files.copy(part, folder.resolve("strongroom.db" + suffix), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return folder.resolve("strongroom.db");
    }

    static DataSource sqliteAt(Path db) {
        return new DriverManagerDataSource("jdbc:sqlite:" + db.toAbsolutePath());
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
