package org.strongroom.audit.internal;

import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.strongroom.audit.ActorType;
import org.strongroom.audit.AuditEvent;
import org.strongroom.audit.AuditPruning;
import org.strongroom.audit.AuditRetention;
import org.strongroom.audit.AuditTrail;
import org.strongroom.audit.Outcome;
import org.strongroom.audit.VerificationResult;
import org.strongroom.crypto.AuditKeys;

/**
 * {@link AuditPruning}: the newest checkpoint signed before {@code now − retention} whose
 * signature is valid and whose head is the stored MAC of its entry becomes the trail's new start;
 * the entries up to it are deleted together with the recording of an {@code audit.prune} entry
 * (actor {@code system}, resource {@code audit_entry} / the checkpoint's sequence number).
 * Checkpoints (table and file) are all kept. A broken trail is never pruned.
 */
@Service
class TrailPruning implements AuditPruning {

    private final JdbcClient jdbc;
    private final AuditEntries entries;
    private final AuditKeys keys;
    private final AuditRetention retention;
    private final TrailVerification verification;
    private final AuditTrail trail;
    private final TransactionTemplate transaction;

    TrailPruning(JdbcClient jdbc, AuditEntries entries, AuditKeys keys, AuditRetention retention, TrailVerification verification,
            AuditTrail trail, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.entries = entries;
        this.keys = keys;
        this.retention = retention;
        this.verification = verification;
        this.trail = trail;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public Optional<Plan> plan(Instant now) {
        Instant keepSince = retention.keepSince(now);
        Optional<Long> first = jdbc.sql("SELECT MIN(seq) FROM audit_entry").query(Long.class).optional();
        if (first.isEmpty()) {
            return Optional.empty();
        }
        Optional<Checkpoint> base = jdbc.sql("""
                SELECT c.seq, c.head_mac, c.created_at, c.key_id, c.signature
                FROM audit_checkpoint c
                WHERE c.created_at < :keepSince AND c.seq >= :first
                  AND c.seq < (SELECT MAX(e.seq) FROM audit_entry e)
                ORDER BY c.seq DESC
                LIMIT 1
                """)
                .param("keepSince", keepSince.toEpochMilli()).param("first", first.get())
                .query((rs, n) -> new Checkpoint(rs.getLong(1), rs.getBytes(2), rs.getLong(3), rs.getString(4), rs.getBytes(5)))
                .optional();
        return base.filter(this::anchorsTheChain)
                .map(c -> new Plan(first.get(), c.seq(), Instant.ofEpochMilli(c.createdAt()), keepSince));
    }

    /** Signed by a known key, and its head is the stored MAC of its entry (which verification recomputed). */
    private boolean anchorsTheChain(Checkpoint c) {
        if (!keys.verifyCheckpoint(c.keyId(), c.signedBytes(), c.signature())) {
            return false;
        }
        return jdbc.sql("SELECT mac FROM audit_entry WHERE seq = :seq").param("seq", c.seq()).query(byte[].class).optional()
                .map(mac -> java.security.MessageDigest.isEqual(mac, c.headMac())).orElse(false);
    }

    @Override
    public Result prune(Instant now) {
        VerificationResult verified = verification.verifyAsOf(now, n -> { });
        if (verified instanceof VerificationResult.Broken broken) {
            return new TrailBroken(broken.seq(), broken.kind());
        }
        Optional<Plan> planned = plan(now);
        if (planned.isEmpty()) {
            return new NothingToPrune(retention.keepSince(now));
        }
        Plan plan = planned.get();
        transaction.executeWithoutResult(status -> {
            entries.deleteThrough(plan.throughSeq());
            trail.record(AuditEvent.of(ActorType.SYSTEM, null, "audit.prune", Outcome.SUCCEEDED)
                    .withResource("audit_entry", Long.toString(plan.throughSeq())));
        });
        return new Pruned(plan);
    }
}
