package org.strongroom.clients.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.strongroom.access.AccessPolicy;
import org.strongroom.access.Actor;
import org.strongroom.access.ClientScope;
import org.strongroom.access.Permission;
import org.strongroom.access.Reach;
import org.strongroom.clients.ClientDirectory;
import org.strongroom.clients.ClientPage;
import org.strongroom.clients.ClientQuery;
import org.strongroom.clients.ClientStatus;
import org.strongroom.clients.ClientSummary;
import org.strongroom.clients.Clients;
import org.strongroom.clients.FieldCatalogue;
import org.strongroom.clients.FieldDefinition;
import org.strongroom.clients.FieldValues;
import org.strongroom.clients.SearchMode;
import org.strongroom.crypto.PersonNames;

/**
 * The master index over the blind indexes of {@code client_search_index} and the listing indexes of
 * {@code client}. Scope is a condition inside every statement (never a filter over fetched rows),
 * so a client out of reach is never read, decrypted, counted or ranked.
 *
 * <p><b>List</b>: keyset pages by ({@code last_touched_at}, id) descending with an opaque
 * {@link CursorCodec cursor}. For a care-team role whose caseload (care team plus live grants) is
 * at most {@code strongroom.clients.list.caseload-sort-limit} clients (default
 * {@value #CASELOAD_SORT_LIMIT}) the caseload is fetched and sorted; a larger one is walked along the
 * listing index with the correlated probes of {@link ClientScope#pageCondition}. The tag filter takes
 * candidates from the {@code f:tags} blind index (fetched and sorted when at most
 * {@code strongroom.clients.list.tag-sort-limit}, default {@value #TAG_SORT_LIMIT}, else probed along
 * the listing index) and keeps only clients whose decrypted tags hold the tag. The total is given on
 * the first page of an unfiltered list (status only): for organisation-wide roles a count over
 * {@code client}, for care-team roles a count of the caseload; otherwise {@code null}.
 *
 * <p><b>Search</b>: see {@link SearchQuery} for how the text is read. Identifiers (email, phone,
 * date of birth) are looked up in their exact index, references in the {@code reference} column.
 * A name is looked up part by part: first clients that have every part as a whole name part
 * ({@code name} index), then — when fewer than {@code limit} were found and a part has at least
 * three letters — clients whose name parts start with each part ({@code name_prefix} index, which
 * holds the first three letters only). The indexes are ambiguous on purpose, so every candidate is
 * decrypted and checked exactly: results are exact. Whole-part matches rank before prefix matches,
 * then the most recently touched first. <b>At most {@value #MAX_CANDIDATES} candidates</b> (the most
 * recently touched) are decrypted per search: a query so broad that more clients in scope share its
 * index entries (e.g. three letters alone among a million clients) finds its matches among those
 * only; a longer query finds the rest.
 */
@Service
public class IndexedClientDirectory implements ClientDirectory {

    /** The most candidates decrypted by one search. */
    public static final int MAX_CANDIDATES = 2000;

    /** A care-team caseload up to this size is fetched and sorted; a larger one walks the listing index (default). */
    public static final int CASELOAD_SORT_LIMIT = 5000;

    /** A tag held by at most this many clients (by its blind index) is fetched and sorted; a commoner one probed along the listing index (default). */
    public static final int TAG_SORT_LIMIT = 2000;

    public static final int MAX_SEARCH_LIMIT = 50;
    public static final int MAX_PAGE = 200;

    private static final int DECRYPT_BATCH = 100;
    private static final int FIRST_DECRYPT_BATCH = 25;
    private static final String ORDER = " ORDER BY c.last_touched_at DESC, c.id DESC";
    private static final String TAGS = "tags";

    private final JdbcClient jdbc;
    private final AccessPolicy policy;
    private final Clients clients;
    private final ClientStore store;
    private final ClientIndexes indexes;
    private final FieldCatalogue catalogue;
    private final ClientAudit audit;
    private final CursorCodec cursors;
    private final String phoneRegion;
    private final long caseloadSortLimit;
    private final long tagSortLimit;

    IndexedClientDirectory(JdbcClient jdbc, AccessPolicy policy, Clients clients, ClientStore store, ClientIndexes indexes,
                           FieldCatalogue catalogue, ClientAudit audit, CursorCodec cursors,
                           @Value("${strongroom.clients.phone-region:UA}") String phoneRegion,
                           @Value("${strongroom.clients.list.caseload-sort-limit:" + CASELOAD_SORT_LIMIT + "}") long caseloadSortLimit,
                           @Value("${strongroom.clients.list.tag-sort-limit:" + TAG_SORT_LIMIT + "}") long tagSortLimit) {
        this.jdbc = jdbc;
        this.policy = policy;
        this.clients = clients;
        this.store = store;
        this.indexes = indexes;
        this.catalogue = catalogue;
        this.audit = audit;
        this.cursors = cursors;
        this.phoneRegion = phoneRegion;
        this.caseloadSortLimit = caseloadSortLimit;
        this.tagSortLimit = tagSortLimit;
    }

    /** One candidate row: id and when the client was last touched. */
    record Row(UUID id, long lastTouchedAt) {
    }

    // ------------------------------------------------------------------ list

    /**
     * @throws IllegalArgumentException for a limit outside 1–{@value #MAX_PAGE}, a status set naming
     *                                  {@link ClientStatus#MERGED}, or a cursor this server did not make for this list
     */
    @Override
    @Transactional
    public ClientPage list(Actor actor, ClientQuery query) {
        if (query.limit() < 1 || query.limit() > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE);
        }
        if (query.statuses().contains(ClientStatus.MERGED)) {
            throw new IllegalArgumentException("statuses must not include MERGED: merged records are never listed");
        }
        String list = describe(actor, query);
        CursorCodec.Position after = query.cursor() == null || query.cursor().isEmpty() ? null : cursors.decode(query.cursor(), list);
        ClientScope scope = policy.scope(actor, Permission.CLIENT_READ);
        ClientPage page = scope.empty() ? new ClientPage(List.of(), null, 0L) : page(actor, query, scope, after, list);
        audit.general(actor, "clients.listed", "client_list", null);
        return page;
    }

    private ClientPage page(Actor actor, ClientQuery query, ClientScope scope, CursorCodec.Position after, String list) {
        String tag = query.tag() == null || query.tag().isBlank() ? null : FieldValues.normaliseTag(query.tag());
        if (tag != null && tag.length() > FieldValues.MAX_TAG) {
            return new ClientPage(List.of(), null, after == null ? 0L : null);
        }
        List<String> caseload = scope.reach() == Reach.CARE_TEAM ? caseload(scope) : null;
        boolean unfiltered = tag == null && query.careTeam() == null && query.touchedAfter() == null && query.touchedBefore() == null;
        Long total = after == null && unfiltered ? total(scope, caseload, query.statuses()) : null;

        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder();
        if (caseload != null && caseload.size() <= caseloadSortLimit) {
            // the ids themselves: both databases then look each up by primary key and sort (PostgreSQL's
            // planner scans the whole table for the same set written as a subquery, measured in docs/benchmarks.md)
            where.append(caseload.isEmpty() ? "1 = 0" : "c.id IN (" + marks(caseload.size()) + ")");
            params.addAll(caseload);
        } else {
            where.append(scope.pageCondition("c.id"));
            params.addAll(scope.parameters());
        }
        where.append(" AND ").append(statusCondition(query.statuses(), params));
        if (query.touchedAfter() != null) {
            where.append(" AND c.last_touched_at >= ?");
            params.add(query.touchedAfter().toEpochMilli());
        }
        if (query.touchedBefore() != null) {
            where.append(" AND c.last_touched_at < ?");
            params.add(query.touchedBefore().toEpochMilli());
        }
        if (query.careTeam() != null) {
            where.append(" AND c.id IN (SELECT m.client_id FROM care_team_member m WHERE m.staff_id = ?)");
            params.add(query.careTeam().toString());
        }
        if (tag != null) {
            Set<String> tokens = indexes.exactForSearch(TAGS, tag);
            List<Object> tagParams = new ArrayList<>();
            tagParams.add(ClientIndexes.exactIndexName(TAGS));
            tagParams.addAll(tokens);
            long tagged = jdbc.sql("SELECT COUNT(*) FROM client_search_index t WHERE t.index_name = ? AND t.token IN ("
                    + marks(tokens.size()) + ")").params(tagParams).query(Long.class).single();
            // a rare tag: fetch its clients and sort them; a common one: walk the listing index and probe the tag index
            where.append(tagged <= tagSortLimit
                    ? " AND c.id IN (SELECT t.client_id FROM client_search_index t WHERE t.index_name = ? AND t.token IN ("
                    : " AND EXISTS (SELECT 1 FROM client_search_index t WHERE t.client_id = c.id AND t.index_name = ? AND t.token IN (")
                    .append(marks(tokens.size())).append("))");
            params.addAll(tagParams);
        }

        int wanted = query.limit() + 1;
        List<Row> kept = new ArrayList<>();
        CursorCodec.Position from = after;
        // without a tag every row is kept and one round is enough; with one, false positives of the
        // blind index are dropped and the next rows fetched until the page is full
        while (true) {
            List<Object> round = new ArrayList<>(params);
            StringBuilder sql = new StringBuilder("SELECT c.id, c.last_touched_at FROM client c WHERE ").append(where);
            if (from != null) {
                // the first conjunct is a range on the listing index for both databases
                sql.append(" AND c.last_touched_at <= ? AND (c.last_touched_at < ? OR c.id < ?)");
                round.add(from.lastTouchedAt());
                round.add(from.lastTouchedAt());
                round.add(from.id().toString());
            }
            int fetch = wanted - kept.size();
            sql.append(ORDER).append(" LIMIT ?");
            round.add(fetch);
            List<Row> rows = jdbc.sql(sql.toString()).params(round).query(IndexedClientDirectory::row).list();
            if (rows.isEmpty()) {
                break;
            }
            kept.addAll(tag == null ? rows : withTag(rows, tag));
            if (rows.size() < fetch || kept.size() >= wanted) {
                break;
            }
            Row last = rows.get(rows.size() - 1);
            from = new CursorCodec.Position(last.lastTouchedAt(), last.id());
        }
        String next = null;
        if (kept.size() > query.limit()) {
            kept = kept.subList(0, query.limit());
            Row last = kept.get(kept.size() - 1);
            next = cursors.encode(new CursorCodec.Position(last.lastTouchedAt(), last.id()), list);
        }
        return new ClientPage(summaries(actor, kept), next, total);
    }

    /** The rows whose decrypted tags hold the tag (the blind index only narrows the candidates). */
    private List<Row> withTag(List<Row> rows, String tag) {
        Map<UUID, Map<String, String>> values = store.values(rows.stream().map(Row::id).toList(), Set.of(TAGS));
        List<Row> out = new ArrayList<>();
        for (Row row : rows) {
            String stored = values.getOrDefault(row.id(), Map.of()).get(TAGS);
            if (FieldValues.tagsOf(stored).stream().anyMatch(t -> FieldValues.normaliseTag(t).equals(tag))) {
                out.add(row);
            }
        }
        return out;
    }

    /**
     * The status condition, written so that the database walks a listing index in order: one status
     * uses {@code (status, last_touched_at, id)}; several use {@code (last_touched_at, id)} with the
     * others excluded (an {@code IN} list would make SQLite fetch and sort every client of those statuses).
     */
    private static String statusCondition(Set<ClientStatus> statuses, List<Object> params) {
        Set<ClientStatus> shown = statuses.isEmpty() ? EnumSet.copyOf(ClientStatus.CHOOSABLE) : EnumSet.copyOf(statuses);
        if (shown.size() == 1) {
            params.add(shown.iterator().next().name());
            return "c.status = ?";
        }
        Set<ClientStatus> hidden = EnumSet.complementOf(EnumSet.copyOf(shown));
        hidden.forEach(s -> params.add(s.name()));
        return "c.status NOT IN (" + marks(hidden.size()) + ")";
    }

    /**
     * The ids of the clients a care-team actor reaches, read from their side (care team plus live
     * grants, from the covering indexes {@code care_team_member_staff} and {@code access_grant_staff}):
     * the same set as {@link ClientScope#condition} (asserted by the tests), so a count never passes
     * over the client table.
     */
    private List<String> caseload(ClientScope scope) {
        return jdbc.sql("SELECT ctm.client_id FROM care_team_member ctm WHERE ctm.staff_id = ?"
                        + " UNION SELECT ag.client_id FROM access_grant ag WHERE ag.staff_id = ? AND ag.revoked_at IS NULL"
                        + " AND ag.starts_at <= ? AND ag.expires_at > ?")
                .params(scope.parameters()).query(String.class).list();
    }

    private @Nullable Long total(ClientScope scope, @Nullable List<String> caseload, Set<ClientStatus> statuses) {
        if (scope.reach() == Reach.ORGANISATION) {
            return organisationTotal(statuses);
        }
        if (scope.reach() == Reach.OWN_RECORD) {
            List<Object> params = new ArrayList<>(scope.parameters());
            String status = statusCondition(statuses, params);
            return jdbc.sql("SELECT COUNT(*) FROM client c WHERE " + scope.condition("c.id") + " AND " + status).params(params)
                    .query(Long.class).single();
        }
        if (caseload == null) {
            return 0L;
        }
        long total = 0;
        for (int from = 0; from < caseload.size(); from += 1000) {
            List<String> chunk = caseload.subList(from, Math.min(caseload.size(), from + 1000));
            List<Object> params = new ArrayList<>(chunk);
            String status = statusCondition(statuses, params);
            total += jdbc.sql("SELECT COUNT(*) FROM client c WHERE c.id IN (" + marks(chunk.size()) + ") AND " + status).params(params)
                    .query(Long.class).single();
        }
        return total;
    }

    /**
     * The whole organisation's count for some statuses, in the forms the databases count fastest:
     * all rows less the merged ones (a count without a condition, then one status range of the
     * status index), or one status range per status asked for. Measured in docs/benchmarks.md: a
     * count with {@code status NOT IN (…)} reads every entry of the status index and costs several
     * times more.
     */
    private long organisationTotal(Set<ClientStatus> statuses) {
        String byStatus = "SELECT COUNT(*) FROM client WHERE status = ?";
        if (statuses.isEmpty() || statuses.containsAll(ClientStatus.CHOOSABLE)) {
            long all = jdbc.sql("SELECT COUNT(*) FROM client").query(Long.class).single();
            return all - jdbc.sql(byStatus).param(ClientStatus.MERGED.name()).query(Long.class).single();
        }
        long total = 0;
        for (ClientStatus status : statuses) {
            total += jdbc.sql(byStatus).param(status.name()).query(Long.class).single();
        }
        return total;
    }

    /** The list's identity for its cursors: who asks, and every filter. */
    static String describe(Actor actor, ClientQuery query) {
        return actor.id() + "|" + new TreeSet<>(query.statuses().stream().map(Enum::name).toList()) + "|"
                + (query.tag() == null ? "" : FieldValues.normaliseTag(query.tag())) + "|"
                + (query.careTeam() == null ? "" : query.careTeam()) + "|" + millis(query.touchedAfter()) + "|"
                + millis(query.touchedBefore());
    }

    private static String millis(@Nullable Instant instant) {
        return instant == null ? "" : Long.toString(instant.toEpochMilli());
    }

    // ---------------------------------------------------------------- search

    /**
     * @throws IllegalArgumentException for a limit outside 1–{@value #MAX_SEARCH_LIMIT}
     */
    @Override
    @Transactional
    public List<ClientSummary> search(Actor actor, String text, int limit) {
        if (limit < 1 || limit > MAX_SEARCH_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_SEARCH_LIMIT);
        }
        SearchQuery query = SearchQuery.parse(text, phoneRegion);
        ClientScope scope = policy.scope(actor, Permission.CLIENT_READ);
        List<Row> found = scope.empty() || query.isEmpty() ? List.of() : find(query, scope, limit);
        audit.general(actor, "clients.searched", "client_search", query.kind());
        return summaries(actor, found);
    }

    private List<Row> find(SearchQuery query, ClientScope scope, int limit) {
        Map<UUID, Row> out = new LinkedHashMap<>();
        if (query.reference() != null) {
            List<Object> params = new ArrayList<>();
            params.add(query.reference());
            params.addAll(scope.parameters());
            jdbc.sql("SELECT c.id, c.last_touched_at FROM client c WHERE c.reference = ? AND c.status <> 'MERGED' AND "
                    + scope.condition("c.id")).params(params).query(IndexedClientDirectory::row).list()
                    .forEach(r -> out.put(r.id(), r));
        }
        if (query.email() != null) {
            exact("email", query.email(), scope, limit).forEach(r -> out.putIfAbsent(r.id(), r));
        }
        if (query.phone() != null) {
            exact("phone", query.phone(), scope, limit).forEach(r -> out.putIfAbsent(r.id(), r));
        }
        if (query.dateOfBirth() != null) {
            exact("date_of_birth", query.dateOfBirth(), scope, limit).forEach(r -> out.putIfAbsent(r.id(), r));
        }
        if (!query.nameTokens().isEmpty()) {
            names(query.nameTokens(), scope, limit).forEach(r -> out.putIfAbsent(r.id(), r));
        }
        List<Row> rows = new ArrayList<>(out.values());
        return rows.size() > limit ? rows.subList(0, limit) : rows;
    }

    /** Clients whose (decrypted) value of an exact field equals the normalised value, most recently touched first. */
    private List<Row> exact(String fieldKey, String value, ClientScope scope, int limit) {
        List<Row> candidates = candidates(List.of(new Lookup(ClientIndexes.exactIndexName(fieldKey),
                indexes.exactForSearch(fieldKey, value))), scope, MAX_CANDIDATES);
        List<Row> out = new ArrayList<>();
        for (int from = 0; from < candidates.size() && out.size() < limit; from += DECRYPT_BATCH) {
            List<Row> batch = candidates.subList(from, Math.min(candidates.size(), from + DECRYPT_BATCH));
            Map<UUID, Map<String, String>> values = store.values(batch.stream().map(Row::id).toList(), Set.of(fieldKey));
            for (Row row : batch) {
                if (value.equals(values.getOrDefault(row.id(), Map.of()).get(fieldKey)) && out.size() < limit) {
                    out.add(row);
                }
            }
        }
        return out;
    }

    /**
     * Clients with every query part among their name parts (whole parts first), then — when fewer
     * than {@code limit} — with every query part of three or more letters starting one of their
     * name parts and the shorter ones whole.
     */
    private List<Row> names(List<String> tokens, ClientScope scope, int limit) {
        Set<String> nameFields = new LinkedHashSet<>();
        for (FieldDefinition field : catalogue.all()) {
            if (field.searchMode() == SearchMode.NAME) {
                nameFields.add(field.key());
            }
        }
        Map<UUID, Match> decided = new HashMap<>();
        int[] budget = {MAX_CANDIDATES};

        List<Lookup> whole = new ArrayList<>();
        for (String token : tokens) {
            whole.add(new Lookup(ClientIndexes.NAME, indexes.nameTokenForSearch(token)));
        }
        List<Row> exact = new ArrayList<>();
        List<Row> wholeCandidates = candidates(whole, scope, MAX_CANDIDATES);
        walk(wholeCandidates, tokens, nameFields, decided, budget, row -> {
            if (decided.get(row.id()) == Match.WHOLE) {
                exact.add(row);
            }
            return exact.size() >= limit;
        });
        if (exact.size() >= limit || tokens.stream().noneMatch(IndexedClientDirectory::prefixable)) {
            return exact;
        }
        List<Lookup> partial = new ArrayList<>();
        for (String token : tokens) {
            partial.add(prefixable(token) ? new Lookup(ClientIndexes.NAME_PREFIX, indexes.longPrefixForSearch(token))
                    : new Lookup(ClientIndexes.NAME, indexes.nameTokenForSearch(token)));
        }
        List<Row> prefixed = new ArrayList<>();
        Set<UUID> shown = new java.util.HashSet<>();
        exact.forEach(r -> shown.add(r.id()));
        walk(candidates(partial, scope, MAX_CANDIDATES), tokens, nameFields, decided, budget, row -> {
            if (decided.get(row.id()) == Match.PREFIX && !shown.contains(row.id())) {
                prefixed.add(row);
            }
            return exact.size() + prefixed.size() >= limit;
        });
        List<Row> out = new ArrayList<>(exact);
        out.addAll(prefixed);
        return out;
    }

    private static boolean prefixable(String token) {
        return token.codePointCount(0, token.length()) >= ClientIndexes.PREFIX_LENGTH;
    }

    /** How a client's decrypted name parts answer the query parts. */
    private enum Match { WHOLE, PREFIX, NONE }

    private interface Visit {
        /** @return true to stop */
        boolean row(Row row);
    }

    /**
     * Decrypts the candidates not yet decided, in order and in batches, within the budget, and
     * visits each decided candidate in order until the visitor has enough.
     */
    private void walk(List<Row> candidates, List<String> tokens, Set<String> nameFields, Map<UUID, Match> decided, int[] budget,
                      Visit visit) {
        // the first batch no larger than a page of results usually needs: most whole-name
        // candidates match, and each decrypted candidate may cost unwrapping its client's key
        int size = FIRST_DECRYPT_BATCH;
        for (int from = 0; from < candidates.size(); from += size, size = DECRYPT_BATCH) {
            List<Row> batch = candidates.subList(from, Math.min(candidates.size(), from + size));
            List<UUID> unknown = new ArrayList<>();
            for (Row row : batch) {
                if (!decided.containsKey(row.id()) && unknown.size() < budget[0]) {
                    unknown.add(row.id());
                }
            }
            budget[0] -= unknown.size();
            if (!unknown.isEmpty()) {
                Map<UUID, Map<String, String>> values = store.values(unknown, nameFields);
                for (UUID id : unknown) {
                    decided.put(id, match(tokens, values.getOrDefault(id, Map.of()).values()));
                }
            }
            for (Row row : batch) {
                if (decided.containsKey(row.id()) && visit.row(row)) {
                    return;
                }
            }
            if (budget[0] <= 0) {
                return;
            }
        }
    }

    private static Match match(List<String> query, java.util.Collection<String> names) {
        Set<String> parts = new LinkedHashSet<>();
        for (String name : names) {
            parts.addAll(PersonNames.tokens(name));
        }
        boolean whole = true;
        for (String token : query) {
            if (parts.contains(token)) {
                continue;
            }
            whole = false;
            if (!prefixable(token) || parts.stream().noneMatch(p -> p.startsWith(token))) {
                return Match.NONE;
            }
        }
        return whole ? Match.WHOLE : Match.PREFIX;
    }

    /** One index lookup: the family and the index values to accept (every key version). */
    record Lookup(String indexName, Set<String> tokens) {
    }

    /**
     * The clients in scope (not merged) found by every lookup, most recently touched first, at most
     * {@code max}. Scope is applied to the index rows of the first lookup.
     */
    private List<Row> candidates(List<Lookup> lookups, ClientScope scope, int max) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT c.id, c.last_touched_at FROM client c WHERE c.status <> 'MERGED' AND c.id IN (");
        for (int i = 0; i < lookups.size(); i++) {
            Lookup lookup = lookups.get(i);
            if (lookup.tokens().isEmpty()) {
                return List.of();
            }
            if (i > 0) {
                sql.append(" INTERSECT ");
            }
            sql.append("SELECT i.client_id FROM client_search_index i WHERE i.index_name = ? AND i.token IN (")
                    .append(marks(lookup.tokens().size())).append(")");
            params.add(lookup.indexName());
            params.addAll(lookup.tokens());
            if (i == 0) {
                sql.append(" AND ").append(scope.condition("i.client_id"));
                params.addAll(scope.parameters());
            }
        }
        sql.append(")").append(ORDER).append(" LIMIT ?");
        params.add(max);
        return jdbc.sql(sql.toString()).params(params).query(IndexedClientDirectory::row).list();
    }

    // ---------------------------------------------------------------- common

    private List<ClientSummary> summaries(Actor actor, List<Row> rows) {
        return rows.isEmpty() ? List.of() : clients.summaries(actor, rows.stream().map(Row::id).toList());
    }

    private static Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Row(UUID.fromString(rs.getString(1)), rs.getLong(2));
    }

    private static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
