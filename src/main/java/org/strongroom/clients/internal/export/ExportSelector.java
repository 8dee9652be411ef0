package org.strongroom.clients.internal.export;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.strongroom.access.ClientScope;
import org.strongroom.clients.ClientStatus;
import org.strongroom.clients.internal.ClientIndexes;

/**
 * Finds the clients an export names or matches. Reads ids, reference numbers, statuses and blind
 * indexes only; a tag filter's candidates are checked against the decrypted tags by the caller
 * (blind indexes are truncated and may match a little more than asked).
 */
@Component
public class ExportSelector {

    private static final int CHUNK = 400;

    private final JdbcClient jdbc;

    ExportSelector(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Reference → id of the records that exist and are not merged (references missing from the map do not). */
    public Map<String, UUID> byReference(List<String> references) {
        Map<String, UUID> out = new LinkedHashMap<>();
        for (int from = 0; from < references.size(); from += CHUNK) {
            List<String> chunk = references.subList(from, Math.min(references.size(), from + CHUNK));
            String marks = String.join(", ", Collections.nCopies(chunk.size(), "?"));
            jdbc.sql("SELECT id, reference FROM client WHERE status <> 'MERGED' AND reference IN (" + marks + ")")
                    .params(new ArrayList<Object>(chunk))
                    .query((rs, n) -> out.put(rs.getString("reference"), UUID.fromString(rs.getString("id")))).list();
        }
        return out;
    }

    /** The ids among these that exist and are not merged. */
    public Set<UUID> existing(List<UUID> ids) {
        Set<UUID> out = new java.util.HashSet<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            String marks = String.join(", ", Collections.nCopies(chunk.size(), "?"));
            jdbc.sql("SELECT id FROM client WHERE status <> 'MERGED' AND id IN (" + marks + ")")
                    .params(chunk.stream().map(UUID::toString).map(Object.class::cast).toList())
                    .query((rs, n) -> out.add(UUID.fromString(rs.getString("id")))).list();
        }
        return out;
    }

    /**
     * The clients in {@code scope} matching the filters, most recently touched first, at most
     * {@code limit}.
     *
     * @param tagTokens blind-index tokens of the wanted tag ({@code f:tags}), or {@code null} for no tag filter
     */
    public List<UUID> matching(ClientScope scope, Set<ClientStatus> statuses, @Nullable Set<String> tagTokens,
                               @Nullable String tagIndex, @Nullable Instant touchedAfter, @Nullable Instant touchedBefore, int limit) {
        if (scope.empty() || (tagTokens != null && tagTokens.isEmpty())) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("SELECT c.id FROM client c WHERE ").append(scope.condition("c.id"))
                .append(" AND c.status <> 'MERGED'");
        List<Object> params = new ArrayList<>(scope.parameters());
        if (!statuses.isEmpty()) {
            sql.append(" AND c.status IN (").append(String.join(", ", Collections.nCopies(statuses.size(), "?"))).append(')');
            statuses.stream().map(ClientStatus::name).sorted().forEach(params::add);
        }
        if (touchedAfter != null) {
            sql.append(" AND c.last_touched_at >= ?");
            params.add(touchedAfter.toEpochMilli());
        }
        if (touchedBefore != null) {
            sql.append(" AND c.last_touched_at < ?");
            params.add(touchedBefore.toEpochMilli());
        }
        if (tagTokens != null) {
            sql.append(" AND c.id IN (SELECT s.client_id FROM client_search_index s WHERE s.index_name = ? AND s.token IN (")
                    .append(String.join(", ", Collections.nCopies(tagTokens.size(), "?"))).append("))");
            params.add(tagIndex);
            params.addAll(tagTokens);
        }
        sql.append(" ORDER BY c.last_touched_at DESC, c.id DESC LIMIT ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query((rs, n) -> UUID.fromString(rs.getString("id"))).list();
    }

    /** The tag field's index name. */
    public static String tagIndex(String fieldKey) {
        return ClientIndexes.exactIndexName(fieldKey);
    }
}
