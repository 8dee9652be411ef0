package org.strongroom.clients.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.strongroom.access.AccessPolicy;
import org.strongroom.access.Actor;
import org.strongroom.access.Permission;
import org.strongroom.clients.ClientDirectory;
import org.strongroom.clients.ClientPage;
import org.strongroom.clients.ClientQuery;
import org.strongroom.clients.ClientStatus;
import org.strongroom.clients.ClientSummary;
import org.strongroom.clients.Clients;
import org.strongroom.crypto.PersonNames;

/**
 * TEST ONLY, until the real master index ({@code clients.internal.IndexedClientDirectory}) lands
 * on main: a {@link ClientDirectory} that scans every client, asks the policy about each and
 * matches names in memory. Enough for the pages' tests; nothing like the real thing at scale.
 */
@TestConfiguration(proxyBeanMethods = false)
class ClientPagesScanDirectory {

    @Bean
    ClientDirectory scanningClientDirectory(JdbcClient jdbc, AccessPolicy policy, Clients clients) {
        return new ClientDirectory() {
            @Override
            public ClientPage list(Actor actor, ClientQuery query) {
                List<UUID> ids = readable(actor, jdbc, policy, query);
                int from = query.cursor() == null ? 0 : Integer.parseInt(query.cursor());
                int to = Math.min(ids.size(), from + query.limit());
                List<ClientSummary> page = from >= ids.size() ? List.of() : clients.summaries(actor, ids.subList(from, to));
                return new ClientPage(page, to < ids.size() ? Integer.toString(to) : null, null);
            }

            @Override
            public List<ClientSummary> search(Actor actor, String text, int limit) {
                List<String> wanted = PersonNames.tokens(text);
                if (text.strip().length() < 2) {
                    return List.of();
                }
                List<UUID> ids = readable(actor, jdbc, policy, ClientQuery.firstPage(200));
                List<ClientSummary> out = new ArrayList<>();
                for (ClientSummary s : clients.summaries(actor, ids)) {
                    boolean reference = s.reference().equalsIgnoreCase(text.strip());
                    List<String> have = s.displayName() == null ? List.of() : PersonNames.tokens(s.displayName());
                    boolean name = !wanted.isEmpty() && wanted.stream().allMatch(w -> have.stream().anyMatch(h -> h.startsWith(w)));
                    if (reference || name) {
                        out.add(s);
                    }
                }
                return out.size() > limit ? out.subList(0, limit) : out;
            }
        };
    }

    private record Row(UUID id, ClientStatus status, Instant touched) {
    }

    private static List<UUID> readable(Actor actor, JdbcClient jdbc, AccessPolicy policy, ClientQuery query) {
        List<Row> rows = jdbc.sql("SELECT id, status, last_touched_at FROM client ORDER BY last_touched_at DESC, id DESC")
                .query((rs, n) -> new Row(UUID.fromString(rs.getString("id")), ClientStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
                        Instant.ofEpochMilli(rs.getLong("last_touched_at")))).list();
        List<UUID> out = new ArrayList<>();
        for (Row row : rows) {
            boolean wanted = query.statuses().isEmpty() ? row.status() != ClientStatus.MERGED : query.statuses().contains(row.status());
            wanted &= query.touchedAfter() == null || !row.touched().isBefore(query.touchedAfter());
            wanted &= query.touchedBefore() == null || row.touched().isBefore(query.touchedBefore());
            if (wanted && query.careTeam() != null) {
                wanted = jdbc.sql("SELECT COUNT(*) FROM care_team_member WHERE client_id = ? AND staff_id = ?")
                        .param(row.id().toString()).param(query.careTeam().toString()).query(Integer.class).single() > 0;
            }
            if (wanted && policy.decide(actor, Permission.CLIENT_READ, row.id()).allowed()) {
                out.add(row.id());
            }
        }
        return out;
    }
}
