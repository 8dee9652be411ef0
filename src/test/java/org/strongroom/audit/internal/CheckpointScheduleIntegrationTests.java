package org.strongroom.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.strongroom.audit.AuditTrail;
import org.strongroom.testing.TestFolders;

/** Checkpoints come by themselves: after every N entries, and on the timer once M has passed. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "strongroom.data-dir=target/test-data/audit-checkpoints", "strongroom.audit.checkpoint-every=5",
        "strongroom.audit.checkpoint-interval=1ms", "strongroom.audit.checkpoint-poll=1h"})
class CheckpointScheduleIntegrationTests {

    static {
        TestFolders.fresh("audit-checkpoints");
    }

    @Autowired
    AuditTrail trail;
    @Autowired
    Checkpointer checkpointer;
    @Autowired
    AuditEntries entries;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void checkpointsAfterEveryNEntriesAndAfterTheInterval() throws InterruptedException {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        for (int i = 0; i < 5; i++) {
            int n = i;
            tx.executeWithoutResult(s -> trail.record(AuditTrailIntegrationTests.event(n)));
        }
        for (int wait = 0; wait < 100 && entries.lastCheckpointSeq().orElse(0L) < 5; wait++) {
            Thread.sleep(50);
        }
        assertThat(entries.lastCheckpointSeq()).contains(5L);

        tx.executeWithoutResult(s -> trail.record(AuditTrailIntegrationTests.event(6)));
        tx.executeWithoutResult(s -> trail.record(AuditTrailIntegrationTests.event(7)));
        checkpointer.onSchedule();
        assertThat(entries.lastCheckpointSeq()).contains(7L);
        assertThat(jdbc.sql("SELECT seq FROM audit_checkpoint ORDER BY seq").query(Long.class).list()).containsExactly(5L, 7L);
    }
}
