package org.strongroom.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.strongroom.audit.AuditPruning;
import org.strongroom.audit.AuditTrail;
import org.strongroom.audit.BreakKind;
import org.strongroom.audit.VerificationResult;
import org.strongroom.testing.TestFolders;

/**
 * Pruning past the retention: only from the start, only up to a signed checkpoint older than the
 * retention, never on a broken trail, and recorded. ({@code now} is passed in: checkpoints made
 * today are "older than six years" six years from now.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "strongroom.data-dir=target/test-data/audit-prune", "strongroom.audit.checkpoint-poll=1h", "strongroom.audit.verify-schedule=-"})
class TrailPruningIntegrationTests {

    static {
        TestFolders.fresh("audit-prune");
    }

    @Autowired
    AuditPruning pruning;
    @Autowired
    AuditTrail trail;
    @Autowired
    Checkpointer checkpointer;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    TrailVerification verification;

    Instant first;
    Instant second;

    @BeforeEach
    void trailWithTwoCheckpoints() throws Exception {
        EmptyTrail.in(jdbc);
        Files.deleteIfExists(checkpointer.file());
        append(5);
        first = Instant.ofEpochMilli(checkpointer.checkpoint().orElseThrow(() -> new AssertionError("no checkpoint")).createdAt());
        Thread.sleep(5);
        append(3);
        second = Instant.ofEpochMilli(checkpointer.checkpoint().orElseThrow(() -> new AssertionError("no checkpoint")).createdAt());
        append(2);
    }

    @Test
    void plansUpToTheNewestCheckpointOlderThanTheRetention() {
        assertThat(pruning.plan(Instant.now())).isEmpty();
        assertThat(pruning.plan(sixYearsAfter(first).plusMillis(1))).hasValueSatisfying(p -> {
            assertThat(p.firstSeq()).isEqualTo(1);
            assertThat(p.throughSeq()).isEqualTo(5);
            assertThat(p.entries()).isEqualTo(5);
        });
        assertThat(pruning.plan(sixYearsAfter(second).plusMillis(1))).map(AuditPruning.Plan::throughSeq).contains(8L);
    }

    @Test
    void pruneRemovesEntriesThroughTheCheckpointKeepsCheckpointsAndRecordsIt() {
        AuditPruning.Result result = pruning.prune(sixYearsAfter(first).plusMillis(1));

        assertThat(result).isInstanceOf(AuditPruning.Pruned.class);
        assertThat(jdbc.sql("SELECT MIN(seq) FROM audit_entry").query(Long.class).single()).isEqualTo(6);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_checkpoint").query(Long.class).single()).isEqualTo(2);
        Map<String, Object> last = jdbc.sql("""
                SELECT seq, actor_type, action, outcome, resource_type, resource_id FROM audit_entry
                WHERE seq = (SELECT MAX(seq) FROM audit_entry)""").query().singleRow();
        assertThat(last).containsEntry("action", "audit.prune").containsEntry("actor_type", "system")
                .containsEntry("outcome", "succeeded").containsEntry("resource_type", "audit_entry").containsEntry("resource_id", "5");
        assertThat(((Number) last.get("seq")).longValue()).isEqualTo(11);
    }

    @Test
    void prunedTrailVerifiesFromItsCheckpointOnceThatIsPastTheRetention() {
        Instant later = sixYearsAfter(first).plusMillis(1);
        assertThat(pruning.prune(later)).isInstanceOf(AuditPruning.Pruned.class);
        assertThat(verification.verifyAsOf(later, n -> { })).isEqualTo(new VerificationResult.Intact(11, 2));
        // And pruning again, later still, starts from the pruned trail.
        Instant evenLater = sixYearsAfter(second).plusMillis(1);
        assertThat(pruning.prune(evenLater)).isInstanceOf(AuditPruning.Pruned.class);
        assertThat(jdbc.sql("SELECT MIN(seq) FROM audit_entry").query(Long.class).single()).isEqualTo(9);
        assertThat(verification.verifyAsOf(evenLater, n -> { })).isEqualTo(new VerificationResult.Intact(12, 2));
    }

    /** Attack: delete the oldest entries and call it pruning. Only entries past the retention may go. */
    @Test
    void entriesRemovedBeforeTheRetentionHasPassedAreMissing() {
        Instant later = sixYearsAfter(first).plusMillis(1);
        assertThat(pruning.prune(later)).isInstanceOf(AuditPruning.Pruned.class);
        VerificationResult today = verification.verifyAsOf(Instant.now(), n -> { });
        assertThat(today).isInstanceOf(VerificationResult.Broken.class);
        assertThat(((VerificationResult.Broken) today).seq()).isEqualTo(1);
        assertThat(((VerificationResult.Broken) today).kind()).isEqualTo(BreakKind.MISSING);
    }

    /** Attack: delete the oldest entries up to a point that is not a signed checkpoint. */
    @Test
    void trailStartingAnywhereButAtAnOldCheckpointIsMissingEntries() {
        Instant later = sixYearsAfter(second).plusMillis(1);
        jdbc.sql("DELETE FROM audit_entry WHERE seq <= 6").update();
        VerificationResult result = verification.verifyAsOf(later, n -> { });
        assertThat(result).isInstanceOf(VerificationResult.Broken.class);
        assertThat(((VerificationResult.Broken) result).seq()).isEqualTo(1);
    }

    @Test
    void nothingIsRemovedBeforeTheRetentionHasPassed() {
        assertThat(pruning.prune(Instant.now())).isInstanceOf(AuditPruning.NothingToPrune.class);
        assertThat(jdbc.sql("SELECT MIN(seq) FROM audit_entry").query(Long.class).single()).isEqualTo(1);
    }

    /** Attack: prune to destroy the evidence of tampering. A broken trail is never pruned. */
    @Test
    void brokenTrailIsNotPruned() {
        jdbc.sql("UPDATE audit_entry SET reason = 'covered_up' WHERE seq = 2").update();
        AuditPruning.Result result = pruning.prune(sixYearsAfter(second).plusMillis(1));
        assertThat(result).isEqualTo(new AuditPruning.TrailBroken(2, BreakKind.ALTERED));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry").query(Long.class).single()).isEqualTo(10);
    }

    /** A checkpoint row forged without the signing key cannot become the new start. */
    @Test
    void checkpointWithABadSignatureIsNotUsedAsTheNewStart() {
        jdbc.sql("UPDATE audit_checkpoint SET signature = :sig WHERE seq = 8").param("sig", new byte[64]).update();
        assertThat(pruning.plan(sixYearsAfter(second).plusMillis(1))).isEmpty();
    }

    static Instant sixYearsAfter(Instant t) {
        return t.atOffset(ZoneOffset.UTC).plusYears(6).toInstant();
    }

    void append(int n) {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        for (int i = 0; i < n; i++) {
            int k = i;
            tx.executeWithoutResult(s -> trail.record(AuditTrailIntegrationTests.event(k)));
        }
    }
}
