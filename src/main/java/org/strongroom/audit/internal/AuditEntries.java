package org.strongroom.audit.internal;

import java.sql.DatabaseMetaData;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The audit tables. Only inserts entries and checkpoints and moves the chain head: there is no
 * method to change or remove an entry.
 */
@Repository
class AuditEntries {

    /** The chain head: the last entry's sequence number and MAC (genesis before the first). */
    record Head(long seq, byte[] mac) {
        @Override
        public String toString() {
            return "Head[seq=" + seq + "]";
        }
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private volatile @Nullable Boolean postgres;

    AuditEntries(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /**
     * Reads the chain head and holds it until the current transaction ends. On PostgreSQL the row
     * lock (FOR UPDATE) makes appenders on every node queue here; on SQLite the immediate
     * transaction already holds the database's single write lock.
     */
    Head lockHead() {
        String sql = isPostgres()
                ? "SELECT seq, mac FROM audit_head WHERE id = 1 FOR UPDATE"
                : "SELECT seq, mac FROM audit_head WHERE id = 1";
        return jdbc.sql(sql).query((rs, n) -> new Head(rs.getLong(1), macOrGenesis(rs.getBytes(2)))).single();
    }

    /** The last committed head, without locking it. */
    Head head() {
        return jdbc.sql("SELECT seq, mac FROM audit_head WHERE id = 1")
                .query((rs, n) -> new Head(rs.getLong(1), macOrGenesis(rs.getBytes(2)))).single();
    }

    /**
     * Inserts the entry and moves the head to it. On PostgreSQL both in one statement (a
     * data-modifying WITH): one round trip less while the head's row lock is held, which is what
     * serialises appenders across the commit.
     */
    void append(AuditRow row, long previousSeq) {
        String insert = """
                INSERT INTO audit_entry (seq, occurred_at, actor_type, actor_id, action, resource_type, resource_id,
                    client_id, outcome, reason, source_address, user_agent_hash, request_id, mac)
                VALUES (:seq, :occurredAt, :actorType, :actorId, :action, :resourceType, :resourceId,
                    :clientId, :outcome, :reason, :sourceAddress, :userAgentHash, :requestId, :mac)""";
        String moveHead = "UPDATE audit_head SET seq = :seq, mac = :mac WHERE id = 1 AND seq = :previous";
        boolean postgres = isPostgres();
        int moved = jdbc.sql(postgres ? "WITH entry AS (" + insert + ")\n" + moveHead : insert)
                .param("seq", row.seq()).param("occurredAt", row.occurredAt()).param("actorType", row.actorType())
                .param("actorId", row.actorId()).param("action", row.action()).param("resourceType", row.resourceType())
                .param("resourceId", row.resourceId()).param("clientId", row.clientId()).param("outcome", row.outcome())
                .param("reason", row.reason()).param("sourceAddress", row.sourceAddress())
                .param("userAgentHash", row.userAgentHash()).param("requestId", row.requestId()).param("mac", row.mac())
                .param("previous", previousSeq)
                .update();
        if (!postgres) {
            moved = jdbc.sql(moveHead).param("seq", row.seq()).param("mac", row.mac()).param("previous", previousSeq).update();
        }
        if (moved != 1) {
            throw new IllegalStateException("the audit chain head moved during an append");
        }
    }

    /** Inserts consecutive, already chained entries in one batch and moves the head to the last. */
    void appendAll(java.util.List<AuditRow> rows, long previousSeq) {
        String insert = """
                INSERT INTO audit_entry (seq, occurred_at, actor_type, actor_id, action, resource_type, resource_id,
                    client_id, outcome, reason, source_address, user_agent_hash, request_id, mac)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
        template.batchUpdate(insert, rows, 500, (ps, row) -> {
            ps.setLong(1, row.seq());
            ps.setLong(2, row.occurredAt());
            ps.setString(3, row.actorType());
            ps.setString(4, row.actorId());
            ps.setString(5, row.action());
            ps.setString(6, row.resourceType());
            ps.setString(7, row.resourceId());
            ps.setString(8, row.clientId());
            ps.setString(9, row.outcome());
            ps.setString(10, row.reason());
            ps.setString(11, row.sourceAddress());
            ps.setString(12, row.userAgentHash());
            ps.setString(13, row.requestId());
            ps.setBytes(14, row.mac());
        });
        AuditRow last = rows.get(rows.size() - 1);
        int moved = jdbc.sql("UPDATE audit_head SET seq = :seq, mac = :mac WHERE id = 1 AND seq = :previous")
                .param("seq", last.seq()).param("mac", last.mac()).param("previous", previousSeq).update();
        if (moved != 1) {
            throw new IllegalStateException("the audit chain head moved during an append");
        }
    }

    Optional<Long> lastCheckpointSeq() {
        return jdbc.sql("SELECT MAX(seq) FROM audit_checkpoint").query(Long.class).optional();
    }

    Optional<Long> lastCheckpointTime() {
        return jdbc.sql("SELECT MAX(created_at) FROM audit_checkpoint").query(Long.class).optional();
    }

    boolean hasCheckpoint(long seq) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_checkpoint WHERE seq = :seq").param("seq", seq)
                .query(Long.class).single() > 0;
    }

    void insertCheckpoint(Checkpoint checkpoint) {
        jdbc.sql("""
                INSERT INTO audit_checkpoint (seq, head_mac, created_at, key_id, signature)
                VALUES (:seq, :headMac, :createdAt, :keyId, :signature)
                """)
                .param("seq", checkpoint.seq()).param("headMac", checkpoint.headMac())
                .param("createdAt", checkpoint.createdAt()).param("keyId", checkpoint.keyId())
                .param("signature", checkpoint.signature())
                .update();
    }

    /**
     * Removes the entries up to and including {@code seq} — only for pruning past the retention
     * ({@link TrailPruning}), up to a signed checkpoint at {@code seq}, inside the transaction that
     * records the prune. On PostgreSQL the application role may lack the DELETE right (see
     * audit-revoke-postgres.sql); pruning then needs the owner's credentials.
     */
    int deleteThrough(long seq) {
        return jdbc.sql("DELETE FROM audit_entry WHERE seq <= :seq").param("seq", seq).update();
    }

    boolean isPostgres() {
        Boolean known = postgres;
        if (known == null) {
            known = template.execute((ConnectionCallback<Boolean>) c -> {
                DatabaseMetaData meta = c.getMetaData();
                return meta.getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
            });
            postgres = known;
        }
        return Boolean.TRUE.equals(known);
    }

    static byte[] macOrGenesis(byte @Nullable [] mac) {
        return mac == null ? EntryEncoding.GENESIS : mac;
    }
}
