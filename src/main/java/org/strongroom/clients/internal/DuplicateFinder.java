package org.strongroom.clients.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.strongroom.access.AccessPolicy;
import org.strongroom.access.Actor;
import org.strongroom.access.ClientScope;
import org.strongroom.access.Masking;
import org.strongroom.access.Permission;
import org.strongroom.access.Sensitivity;
import org.strongroom.access.Visibility;
import org.strongroom.clients.ClientStatus;
import org.strongroom.clients.ClientSummary;
import org.strongroom.clients.DisplayNames;
import org.strongroom.clients.DuplicateCandidate;
import org.strongroom.crypto.PersonNames;

/**
 * Records that may be the same person as a set of values: the same email, phone or national id,
 * the same name parts and date of birth, or a close spelling of the name ({@code similar_name}:
 * see {@link SimilarNames} for the rule; not offered when both records have a date of birth and
 * the dates differ). Candidates come from the blind indexes (ambiguous on purpose: the exact
 * indexes, and for names every whole name part and the first three letters of each), are decrypted
 * and compared, and only records the asker may read are looked at (a hidden client never shows up,
 * not even as a count). Exact matches come first.
 *
 * <p>Limit of the candidates: a close spelling is found when the two names share a whole part or
 * the first three letters of a part ("Olana Kovalenco" finds "Olena Kovalenko" through
 * {@code kov}), or the date of birth; two names that differ in the first letters of every part and
 * have no birth date in common are not looked at.
 */
@Component
public class DuplicateFinder {

    /** The most candidates offered. */
    public static final int LIMIT = 10;
    /** The reason given for a close spelling of the name. */
    public static final String SIMILAR_NAME = "similar_name";
    /** The most records whose names are decrypted and compared for one check. */
    static final int NAME_CANDIDATES = 200;
    private static final List<String> EXACT_KEYS = List.of("email", "phone", "national_id");

    private final JdbcClient jdbc;
    private final ClientIndexes indexes;
    private final ClientStore store;
    private final AccessPolicy policy;

    DuplicateFinder(JdbcClient jdbc, ClientIndexes indexes, ClientStore store, AccessPolicy policy) {
        this.jdbc = jdbc;
        this.indexes = indexes;
        this.store = store;
        this.policy = policy;
    }

    /**
     * @param self   the record being checked (left out of the answer), or {@code null} for a new one
     * @param values normalised values by field key
     */
    public List<DuplicateCandidate> find(Actor actor, @Nullable UUID self, Map<String, String> values) {
        ClientScope scope = policy.scope(actor, Permission.CLIENT_READ);
        if (scope.empty()) {
            return List.of();
        }
        Map<UUID, Set<String>> reasons = new LinkedHashMap<>();
        for (String key : EXACT_KEYS) {
            String value = values.get(key);
            if (value == null) {
                continue;
            }
            for (UUID id : lookup(ClientIndexes.exactIndexName(key), indexes.exactForSearch(key, value), scope)) {
                reasons.computeIfAbsent(id, k -> new TreeSet<>()).add(key);
            }
        }
        List<String> nameTokens = new ArrayList<>();
        for (String key : List.of("given_name", "family_name")) {
            if (values.get(key) != null) {
                nameTokens.addAll(PersonNames.tokens(values.get(key)));
            }
        }
        String birth = values.get("date_of_birth");
        if (birth != null && !nameTokens.isEmpty()) {
            for (UUID id : lookup(ClientIndexes.exactIndexName("date_of_birth"), indexes.exactForSearch("date_of_birth", birth), scope)) {
                reasons.computeIfAbsent(id, k -> new TreeSet<>()).add("name_birth_date");
                reasons.get(id).add(SIMILAR_NAME);
            }
        }
        if (nameTokens.size() >= 2) {
            for (UUID id : nameCandidates(nameTokens, scope)) {
                reasons.computeIfAbsent(id, k -> new TreeSet<>()).add(SIMILAR_NAME);
            }
        }
        if (self != null) {
            reasons.remove(self);
        }
        if (reasons.isEmpty()) {
            return List.of();
        }
        // exact check on the decrypted candidates: the indexes are ambiguous by design
        Set<String> keys = new LinkedHashSet<>(EXACT_KEYS);
        keys.addAll(List.of("given_name", "preferred_name", "family_name", "date_of_birth"));
        Map<UUID, Map<String, String>> found = store.values(reasons.keySet(), keys);
        Map<UUID, ClientRow> rows = new LinkedHashMap<>();
        store.findAll(reasons.keySet()).forEach(r -> rows.put(r.id(), r));
        Visibility names = policy.role(actor.roleKey()).map(r -> r.sees(Sensitivity.NORMAL)).orElse(Visibility.HIDDEN);
        List<DuplicateCandidate> out = new ArrayList<>();
        for (Map.Entry<UUID, Set<String>> candidate : reasons.entrySet()) {
            ClientRow row = rows.get(candidate.getKey());
            if (row == null || row.status() == ClientStatus.MERGED) {
                continue;
            }
            Map<String, String> theirs = found.getOrDefault(candidate.getKey(), Map.of());
            Set<String> confirmed = new TreeSet<>();
            for (String reason : candidate.getValue()) {
                if (EXACT_KEYS.contains(reason) && Objects.equals(theirs.get(reason), values.get(reason))) {
                    confirmed.add(reason);
                }
                if (reason.equals("name_birth_date") && Objects.equals(theirs.get("date_of_birth"), birth)
                        && sameNames(nameTokens, theirs)) {
                    confirmed.add(reason);
                }
            }
            if (candidate.getValue().contains(SIMILAR_NAME) && !confirmed.contains("name_birth_date")
                    && (birth == null || theirs.get("date_of_birth") == null || birth.equals(theirs.get("date_of_birth")))
                    && SimilarNames.similar(nameTokens, tokensOf(theirs))) {
                confirmed.add(SIMILAR_NAME);
            }
            if (confirmed.isEmpty()) {
                continue;
            }
            String name = DisplayNames.of(theirs.get("given_name"), theirs.get("preferred_name"), theirs.get("family_name"));
            out.add(new DuplicateCandidate(new ClientSummary(row.id(), row.reference(), row.status(),
                    name == null ? null : Masking.apply(names, name), Instant.ofEpochMilli(row.lastTouchedAt())), confirmed));
            if (out.size() == LIMIT) {
                break;
            }
        }
        return out;
    }

    private static boolean sameNames(List<String> tokens, Map<String, String> theirs) {
        List<String> their = tokensOf(theirs);
        return !tokens.isEmpty() && their.containsAll(tokens) && tokens.containsAll(their);
    }

    private static List<String> tokensOf(Map<String, String> values) {
        Set<String> out = new LinkedHashSet<>();
        for (String key : List.of("given_name", "family_name")) {
            if (values.get(key) != null) {
                out.addAll(PersonNames.tokens(values.get(key)));
            }
        }
        return List.copyOf(out);
    }

    /**
     * Clients in scope that share a whole name part or the first three letters of one with these
     * tokens, those sharing the most first (at most {@value #NAME_CANDIDATES}).
     */
    private List<UUID> nameCandidates(List<String> tokens, ClientScope scope) {
        Set<String> whole = new LinkedHashSet<>();
        Set<String> prefixes = new LinkedHashSet<>();
        for (String token : tokens) {
            whole.addAll(indexes.nameTokenForSearch(token));
            if (token.codePointCount(0, token.length()) >= ClientIndexes.PREFIX_LENGTH) {
                prefixes.addAll(indexes.prefixForSearch(token));
            }
        }
        List<Object> params = new ArrayList<>();
        StringBuilder families = new StringBuilder();
        if (!whole.isEmpty()) {
            families.append("(i.index_name = ? AND i.token IN (").append(String.join(", ", Collections.nCopies(whole.size(), "?"))).append("))");
            params.add(ClientIndexes.NAME);
            params.addAll(whole);
        }
        if (!prefixes.isEmpty()) {
            families.append(families.isEmpty() ? "" : " OR ")
                    .append("(i.index_name = ? AND i.token IN (").append(String.join(", ", Collections.nCopies(prefixes.size(), "?"))).append("))");
            params.add(ClientIndexes.NAME_PREFIX);
            params.addAll(prefixes);
        }
        if (families.isEmpty()) {
            return List.of();
        }
        params.addAll(scope.parameters());
        params.add(NAME_CANDIDATES);
        return jdbc.sql("SELECT i.client_id FROM client_search_index i WHERE (" + families + ") AND " + scope.condition("i.client_id")
                        + " GROUP BY i.client_id ORDER BY COUNT(*) DESC, i.client_id LIMIT ?")
                .params(params).query((rs, n) -> UUID.fromString(rs.getString(1))).list();
    }

    private List<UUID> lookup(String indexName, Set<String> tokens, ClientScope scope) {
        if (tokens.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", Collections.nCopies(tokens.size(), "?"));
        List<Object> params = new ArrayList<>();
        params.add(indexName);
        params.addAll(tokens);
        params.addAll(scope.parameters());
        return jdbc.sql("SELECT DISTINCT i.client_id FROM client_search_index i WHERE i.index_name = ? AND i.token IN (" + marks + ") AND "
                        + scope.condition("i.client_id") + " LIMIT 200")
                .params(params).query((rs, n) -> UUID.fromString(rs.getString(1))).list();
    }
}
