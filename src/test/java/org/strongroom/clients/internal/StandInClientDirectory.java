package org.strongroom.clients.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.strongroom.access.AccessPolicy;
import org.strongroom.access.Actor;
import org.strongroom.access.ClientScope;
import org.strongroom.access.Permission;
import org.strongroom.clients.ClientDirectory;
import org.strongroom.clients.ClientPage;
import org.strongroom.clients.ClientQuery;
import org.strongroom.clients.ClientStatus;
import org.strongroom.clients.ClientSummary;
import org.strongroom.clients.Clients;

/**
 * TEST ONLY, TEMPORARY: a plain {@link ClientDirectory} so the API and the demo seed can be
 * tested before the search work of issue 7 (which implements the real one over blind indexes)
 * lands on main. Delete this file when merging that work: two directories cannot both be beans.
 * Scoped in SQL with the policy's {@link ClientScope}; offset cursors; search by a case-insensitive
 * part of the display name or the exact reference, after decrypting the caller's whole caseload.
 */
@Component
class StandInClientDirectory implements ClientDirectory {

    private final JdbcClient jdbc;
    private final AccessPolicy policy;
    private final Clients clients;

    StandInClientDirectory(JdbcClient jdbc, AccessPolicy policy, Clients clients) {
        this.jdbc = jdbc;
        this.policy = policy;
        this.clients = clients;
    }

    @Override
    @Transactional(readOnly = true)
    public ClientPage list(Actor actor, ClientQuery query) {
        ClientScope scope = policy.scope(actor, Permission.CLIENT_READ);
        StringBuilder sql = new StringBuilder("SELECT c.id FROM client c WHERE " + scope.condition("c.id"));
        List<Object> parameters = new ArrayList<>(scope.parameters());
        List<ClientStatus> statuses = query.statuses().isEmpty()
                ? ClientStatus.CHOOSABLE : new ArrayList<>(query.statuses());
        sql.append(" AND c.status IN (").append(String.join(", ", statuses.stream().map(s -> "?").toList())).append(")");
        statuses.forEach(s -> parameters.add(s.name()));
        if (query.careTeam() != null) {
            sql.append(" AND c.id IN (SELECT client_id FROM care_team_member WHERE staff_id = ?)");
            parameters.add(query.careTeam().toString());
        }
        int offset = query.cursor() == null ? 0 : Integer.parseInt(query.cursor());
        sql.append(" ORDER BY c.last_touched_at DESC, c.id LIMIT ").append(query.limit() + 1).append(" OFFSET ").append(offset);
        JdbcClient.StatementSpec statement = jdbc.sql(sql.toString());
        for (Object p : parameters) {
            statement = statement.param(p);
        }
        List<UUID> ids = statement.query(String.class).list().stream().map(UUID::fromString).toList();
        boolean more = ids.size() > query.limit();
        List<UUID> page = more ? ids.subList(0, query.limit()) : ids;
        return new ClientPage(clients.summaries(actor, page), more ? Integer.toString(offset + query.limit()) : null, null);
    }

    @Override
    @Transactional(readOnly = true)
    public List<ClientSummary> search(Actor actor, String text, int limit) {
        String needle = text.strip().toLowerCase(Locale.ROOT);
        if (needle.length() < 2) {
            return List.of();
        }
        ClientScope scope = policy.scope(actor, Permission.CLIENT_READ);
        JdbcClient.StatementSpec statement = jdbc.sql("SELECT c.id FROM client c WHERE " + scope.condition("c.id")
                + " AND c.status <> 'MERGED' ORDER BY c.last_touched_at DESC");
        for (Object p : scope.parameters()) {
            statement = statement.param(p);
        }
        List<UUID> ids = statement.query(String.class).list().stream().map(UUID::fromString).toList();
        return clients.summaries(actor, ids).stream()
                .filter(s -> s.reference().equalsIgnoreCase(needle)
                        || (s.displayName() != null && s.displayName().toLowerCase(Locale.ROOT).contains(needle)))
                .limit(limit)
                .toList();
    }
}
