package org.strongroom.audit.internal;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.strongroom.audit.BreakKind;
import org.strongroom.audit.VerificationRun;

/** The table {@code audit_verification_run}: finished runs of the scheduled verification, only inserted. */
@Repository
class VerificationRunLog {

    private final JdbcClient jdbc;

    VerificationRunLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(VerificationRun run) {
        jdbc.sql("""
                INSERT INTO audit_verification_run (id, started_at, finished_at, outcome, entries_checked, first_bad_seq, break_kind)
                VALUES (:id, :startedAt, :finishedAt, :outcome, :entriesChecked, :firstBadSeq, :breakKind)
                """)
                .param("id", UUID.randomUUID().toString())
                .param("startedAt", run.startedAt().toEpochMilli())
                .param("finishedAt", run.finishedAt().toEpochMilli())
                .param("outcome", run.outcome().name().toLowerCase(Locale.ROOT))
                .param("entriesChecked", run.entriesChecked())
                .param("firstBadSeq", run.firstBadSeq())
                .param("breakKind", run.kind() == null ? null : run.kind().name().toLowerCase(Locale.ROOT))
                .update();
    }

    Optional<VerificationRun> latest() {
        return jdbc.sql("""
                SELECT started_at, finished_at, outcome, entries_checked, first_bad_seq, break_kind
                FROM audit_verification_run
                ORDER BY finished_at DESC, started_at DESC
                LIMIT 1
                """)
                .query((rs, n) -> {
                    long bad = rs.getLong("first_bad_seq");
                    Long firstBad = rs.wasNull() ? null : bad;
                    String kind = rs.getString("break_kind");
                    return new VerificationRun(Instant.ofEpochMilli(rs.getLong("started_at")),
                            Instant.ofEpochMilli(rs.getLong("finished_at")),
                            VerificationRun.Result.valueOf(rs.getString("outcome").toUpperCase(Locale.ROOT)),
                            rs.getLong("entries_checked"), firstBad,
                            kind == null ? null : BreakKind.valueOf(kind.toUpperCase(Locale.ROOT)));
                })
                .optional();
    }
}
