package org.strongroom.audit.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.strongroom.audit.ActorType;
import org.strongroom.audit.AuditQuery;
import org.strongroom.audit.AuditRecord;
import org.strongroom.audit.AuditSearch;
import org.strongroom.audit.Outcome;

/**
 * Queries over {@code audit_entry} with keyset paging on the sequence number (no OFFSET: the
 * thousandth page costs what the first does). Every value is a bound parameter.
 */
@Service
class TrailSearch implements AuditSearch {

    private static final int EXPORT_BATCH = 1000;
    private static final String COLUMNS = "seq, occurred_at, actor_type, actor_id, action, resource_type, resource_id,"
            + " client_id, outcome, reason, source_address, user_agent_hash, request_id";

    private final JdbcClient jdbc;

    TrailSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<AuditRecord> page(AuditQuery query, @Nullable Long before, int limit) {
        Objects.requireNonNull(query, "query");
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("a page holds 1 to " + MAX_PAGE + " entries");
        }
        Where where = where(query);
        if (before != null) {
            where.and("seq < :before").bind("before", before);
        }
        var spec = jdbc.sql("SELECT " + COLUMNS + " FROM audit_entry" + where.sql() + " ORDER BY seq DESC LIMIT :limit")
                .param("limit", limit);
        for (var p : where.params) {
            spec = spec.param(p.name(), p.value());
        }
        return spec.query((rs, n) -> record(rs)).list();
    }

    @Override
    public long forEach(AuditQuery query, Consumer<AuditRecord> each) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(each, "each");
        long after = 0;
        long handed = 0;
        while (true) {
            Where where = where(query);
            where.and("seq > :after").bind("after", after);
            var spec = jdbc.sql("SELECT " + COLUMNS + " FROM audit_entry" + where.sql() + " ORDER BY seq LIMIT :limit")
                    .param("limit", EXPORT_BATCH);
            for (var p : where.params) {
                spec = spec.param(p.name(), p.value());
            }
            List<AuditRecord> batch = spec.query((rs, n) -> record(rs)).list();
            for (AuditRecord record : batch) {
                each.accept(record);
                handed++;
            }
            if (batch.size() < EXPORT_BATCH) {
                return handed;
            }
            after = batch.get(batch.size() - 1).seq();
        }
    }

    private static Where where(AuditQuery query) {
        Where where = new Where();
        if (query.actorId() != null) {
            where.and("actor_id = :actor").bind("actor", query.actorId());
        }
        if (query.clientId() != null) {
            where.and("client_id = :client").bind("client", query.clientId());
        }
        if (query.actionPrefix() != null) {
            // Codes are [a-z0-9._:-]: '_' is the only LIKE wildcard among them, escaped here.
            String like = query.actionPrefix().replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%");
            where.and("(action = :action OR action LIKE :actionLike ESCAPE '\\')")
                    .bind("action", query.actionPrefix()).bind("actionLike", like + ".%");
        }
        Instant from = query.from();
        if (from != null) {
            where.and("occurred_at >= :from").bind("from", from.toEpochMilli());
        }
        Instant until = query.until();
        if (until != null) {
            where.and("occurred_at < :until").bind("until", until.toEpochMilli());
        }
        if (query.outcome() != null) {
            where.and("outcome = :outcome").bind("outcome", query.outcome().code());
        }
        return where;
    }

    private static AuditRecord record(ResultSet rs) throws SQLException {
        return new AuditRecord(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), ActorType.fromCode(rs.getString(3)),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                Outcome.fromCode(rs.getString(9)), rs.getString(10), rs.getString(11), rs.getString(12),
                rs.getString(13));
    }

    private static final class Where {
        record Param(String name, Object value) {
        }

        private final StringBuilder sql = new StringBuilder();
        private final List<Param> params = new ArrayList<>();

        Where and(String condition) {
            sql.append(sql.isEmpty() ? " WHERE " : " AND ").append(condition);
            return this;
        }

        Where bind(String name, Object value) {
            params.add(new Param(name, value));
            return this;
        }

        String sql() {
            return sql.toString();
        }
    }
}
