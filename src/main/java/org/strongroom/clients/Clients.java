package org.strongroom.clients;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.strongroom.access.AccessDecision;
import org.strongroom.access.AccessPolicy;
import org.strongroom.access.AccessRefused;
import org.strongroom.access.AccessResult;
import org.strongroom.access.Actor;
import org.strongroom.access.CareTeams;
import org.strongroom.access.FieldReveals;
import org.strongroom.access.Masking;
import org.strongroom.access.Permission;
import org.strongroom.access.Visibility;
import org.strongroom.clients.internal.ClientAudit;
import org.strongroom.clients.internal.ClientIndexes;
import org.strongroom.clients.internal.ClientRow;
import org.strongroom.clients.internal.ClientStore;
import org.strongroom.clients.internal.DuplicateFinder;
import org.strongroom.clients.internal.ReferenceNumbers;
import org.strongroom.crypto.ClientKeys;

/**
 * Client records: create, read, edit, close and reopen, and each field's history. Every call asks
 * the {@link AccessPolicy} first (a client out of reach is indistinguishable from one that does not
 * exist), records itself in the audit trail in the same transaction (a read that cannot be
 * recorded returns nothing), and sees values only as the asker's role may: in full, masked, or not
 * at all. Values are encrypted with the client's key before they reach a statement.
 */
@Service
public class Clients {

    /** The most history entries returned at once. */
    public static final int HISTORY_LIMIT = 500;

    private final ClientStore store;
    private final FieldCatalogue catalogue;
    private final ClientIndexes indexes;
    private final ReferenceNumbers references;
    private final AccessPolicy policy;
    private final CareTeams teams;
    private final FieldReveals reveals;
    private final ClientKeys keys;
    private final ClientAudit audit;
    private final DuplicateFinder duplicates;
    private final Clock clock;
    private final ZoneId zone;
    private final FieldValues validation;

    Clients(ClientStore store, FieldCatalogue catalogue, ClientIndexes indexes, ReferenceNumbers references, AccessPolicy policy,
            CareTeams teams, FieldReveals reveals, ClientKeys keys, ClientAudit audit, DuplicateFinder duplicates, Clock clock,
            @Value("${strongroom.organisation.time-zone:}") String zone,
            @Value("${strongroom.clients.phone-region:UA}") String phoneRegion,
            @Value("${strongroom.clients.national-id-check:none}") String nationalIdCheck) {
        this.store = store;
        this.catalogue = catalogue;
        this.indexes = indexes;
        this.references = references;
        this.policy = policy;
        this.teams = teams;
        this.reveals = reveals;
        this.keys = keys;
        this.audit = audit;
        this.duplicates = duplicates;
        this.clock = clock;
        this.zone = zone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zone);
        if (!com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance().getSupportedRegions().contains(phoneRegion)) {
            throw new ClientsConfigurationProblem("strongroom.clients.phone-region must be an ISO 3166-1 alpha-2 region code such as UA or GB");
        }
        this.validation = new FieldValues(phoneRegion, FieldValues.checkDigits(nationalIdCheck).orElseThrow(() ->
                new ClientsConfigurationProblem("strongroom.clients.national-id-check must be none or ua-rnokpp")));
    }

    /** The validation every entry path uses (forms, API, import). */
    public FieldValues validation() {
        return validation;
    }

    /** The organisation's today (dates of birth may not lie after it). */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    /**
     * Creates a client: validates every value (nothing is saved if one is wrong), looks for
     * records that may be the same person (unless acknowledged), makes the client's key, takes a
     * reference number, stores the encrypted values and their blind indexes, puts a creating
     * practitioner on the care team, and records {@code clients.created}.
     */
    @Transactional
    public ClientResult<ClientProfile> create(Actor actor, NewClient input) {
        return create(actor, input, "create", null);
    }

    /**
     * As {@link #create(Actor, NewClient)} for one row of an import: the record remembers the
     * import so that undoing the import removes it.
     */
    @Transactional
    public ClientResult<ClientProfile> create(Actor actor, NewClient input, String cause, @Nullable UUID importId) {
        policy.require(actor, Permission.CLIENT_CREATE);
        if (input.status() == null || input.status() == ClientStatus.MERGED) {
            return ClientResult.rejected("status", "clients.status.invalid");
        }
        List<FieldDefinition> fields = catalogue.all();
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> problems = check(fields, input.values(), null, values, true);
        if (!problems.isEmpty()) {
            return new ClientResult.Rejected<>(problems);
        }
        if (!input.acknowledgeDuplicates()) {
            List<DuplicateCandidate> found = duplicates.find(actor, null, values);
            if (!found.isEmpty()) {
                return new ClientResult.PossibleDuplicates<>(found);
            }
        }
        UUID id = UUID.randomUUID();
        long now = clock.millis();
        String by = staffId(actor);
        keys.create(id);
        ClientRow row = new ClientRow(id, references.next(), input.status(), 1, now, by, now, by,
                input.status() == ClientStatus.CLOSED ? now : null, now, null, importId == null ? null : importId.toString());
        store.insert(row);
        String changeId = UUID.randomUUID().toString();
        for (Map.Entry<String, String> value : values.entrySet()) {
            store.putValue(id, value.getKey(), value.getValue(), now, by);
            store.addHistory(id, value.getKey(), changeId, now, by, 1, cause, null, value.getValue());
        }
        store.replaceIndexes(id, indexes.entries(fields, values));
        teams.startTeam(actor, id);
        audit.client(actor, "import".equals(cause) ? "clients.imported" : "clients.created", id, null);
        AccessDecision decision = policy.decide(actor, Permission.CLIENT_READ, id);
        if (!decision.allowed()) {
            // e.g. a front-desk role that may create but not read: the record exists, the maker sees its reference only
            return new ClientResult.Done<>(new ClientProfile(id, row.reference(), row.status(), row.version(),
                    Instant.ofEpochMilli(now), Instant.ofEpochMilli(now), null, Instant.ofEpochMilli(now), List.of()));
        }
        // built from what was just written, not read back and decrypted again
        return new ClientResult.Done<>(profileOf(row, values, fields, decision));
    }

    /**
     * Creates many clients in the caller's transaction, for an import: the same validation,
     * duplicate check (unless acknowledged), keys, encryption, indexes, care team and one
     * {@code clients.imported} entry per client as {@link #create(Actor, NewClient, String, UUID)},
     * with the catalogue and the policy read once and the rows written in batches. Rows that are
     * refused are answered in place and not created; the others are.
     *
     * @return one result per input, in order: {@code Done} with the new record's summary, or why not
     */
    @Transactional
    public List<ClientResult<ClientSummary>> createAll(Actor actor, List<NewClient> inputs, String cause, @Nullable UUID importId) {
        policy.require(actor, Permission.CLIENT_CREATE);
        List<FieldDefinition> fields = catalogue.all();
        List<ClientResult<ClientSummary>> results = new ArrayList<>(inputs.size());
        List<Map<String, String>> accepted = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (NewClient input : inputs) {
            if (input.status() == null || input.status() == ClientStatus.MERGED) {
                results.add(ClientResult.rejected("status", "clients.status.invalid"));
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            Map<String, String> problems = check(fields, input.values(), null, values, true);
            if (!problems.isEmpty()) {
                results.add(new ClientResult.Rejected<>(problems));
                continue;
            }
            if (!input.acknowledgeDuplicates()) {
                List<DuplicateCandidate> found = duplicates.find(actor, null, values);
                if (!found.isEmpty()) {
                    results.add(new ClientResult.PossibleDuplicates<>(found));
                    continue;
                }
            }
            results.add(null);
            accepted.add(values);
            positions.add(results.size() - 1);
        }
        if (accepted.isEmpty()) {
            return results;
        }
        long now = clock.millis();
        String by = staffId(actor);
        List<String> numbers = references.next(accepted.size());
        List<ClientStore.NewRecord> records = new ArrayList<>(accepted.size());
        List<org.strongroom.audit.AuditEvent> entries = new ArrayList<>(accepted.size());
        boolean careTeamReach = policy.role(actor.roleKey()).map(r -> r.reach() == org.strongroom.access.Reach.CARE_TEAM).orElse(false);
        for (int i = 0; i < accepted.size(); i++) {
            Map<String, String> values = accepted.get(i);
            NewClient input = inputs.get(positions.get(i));
            UUID id = UUID.randomUUID();
            keys.create(id);
            ClientRow row = new ClientRow(id, numbers.get(i), input.status(), 1, now, by, now, by,
                    input.status() == ClientStatus.CLOSED ? now : null, now, null, importId == null ? null : importId.toString());
            records.add(new ClientStore.NewRecord(row, values, indexes.entries(fields, values)));
            entries.add(audit.event(actor, "import".equals(cause) ? "clients.imported" : "clients.created", id, null));
            results.set(positions.get(i), new ClientResult.Done<>(new ClientSummary(id, row.reference(), row.status(),
                    DisplayNames.of(values.get("given_name"), values.get("preferred_name"), values.get("family_name")),
                    Instant.ofEpochMilli(now))));
        }
        store.insertAll(records, cause, now, by);
        if (careTeamReach) {
            records.forEach(r -> teams.startTeam(actor, r.row().id()));
        }
        audit.all(entries);
        return results;
    }

    /**
     * The client's record as the asker may see it; recorded as {@code clients.viewed} with the
     * basis of access (care team, grant, break-the-glass, organisation) as the reason.
     *
     * @throws AccessRefused when the client is out of reach or does not exist (the same refusal)
     */
    @Transactional
    public ClientProfile profile(Actor actor, UUID id) {
        AccessDecision decision = policy.require(actor, Permission.CLIENT_READ, id);
        ClientRow row = store.find(id).orElseThrow(Clients::absent);
        audit.client(actor, "clients.viewed", id, decision.reason());
        return profileOf(row, store.values(id), catalogue.all(), decision);
    }

    /** The record's identity and status only (no values, no audit entry): for headers of other modules' pages. */
    @Transactional(readOnly = true)
    public Optional<ClientSummary> summary(Actor actor, UUID id) {
        AccessDecision decision = policy.decide(actor, Permission.CLIENT_READ, id);
        if (!decision.allowed()) {
            return Optional.empty();
        }
        return store.find(id).map(row -> summaryOf(row, store.values(List.of(id), NAME_FIELDS).getOrDefault(id, Map.of()), decision));
    }

    /**
     * Summaries of many clients for a list the caller has already scoped with
     * {@link AccessPolicy#scope}: names decrypted in memory, shown as the asker's role sees names.
     * Clients the asker may not read are left out.
     */
    @Transactional(readOnly = true)
    public List<ClientSummary> summaries(Actor actor, List<UUID> ids) {
        Map<UUID, ClientRow> rows = new HashMap<>();
        store.findAll(ids).forEach(r -> rows.put(r.id(), r));
        Map<UUID, Map<String, String>> names = store.values(ids, NAME_FIELDS);
        Visibility nameVisibility = policy.role(actor.roleKey()).map(r -> r.sees(org.strongroom.access.Sensitivity.NORMAL))
                .orElse(Visibility.HIDDEN);
        List<ClientSummary> out = new ArrayList<>();
        for (UUID id : ids) {
            ClientRow row = rows.get(id);
            if (row == null) {
                continue;
            }
            Map<String, String> v = names.getOrDefault(id, Map.of());
            String name = DisplayNames.of(v.get("given_name"), v.get("preferred_name"), v.get("family_name"));
            out.add(new ClientSummary(id, row.reference(), row.status(), name == null ? null : Masking.apply(nameVisibility, name),
                    Instant.ofEpochMilli(row.lastTouchedAt())));
        }
        return out;
    }

    static final Set<String> NAME_FIELDS = Set.of("given_name", "preferred_name", "family_name");

    /**
     * Changes some values. {@code changes} maps field keys to raw input (blank clears a field);
     * fields not named are left alone. Only fields the asker sees in full may change. A stale
     * {@code expectedVersion} is a {@link ClientResult.Conflict} listing what changed since; bad
     * input is {@link ClientResult.Rejected}; in both cases nothing is saved.
     */
    @Transactional
    public ClientResult<ClientProfile> update(Actor actor, UUID id, long expectedVersion, Map<String, String> changes) {
        return update(actor, id, expectedVersion, changes, "edit");
    }

    /** As {@link #update(Actor, UUID, long, Map)}, naming what caused the change in the history ({@code merge}, …). */
    @Transactional
    public ClientResult<ClientProfile> update(Actor actor, UUID id, long expectedVersion, Map<String, String> changes, String cause) {
        AccessDecision decision = policy.require(actor, Permission.CLIENT_UPDATE, id);
        ClientRow row = store.find(id).orElseThrow(Clients::absent);
        if (row.status() == ClientStatus.MERGED) {
            return ClientResult.rejected("status", "clients.merged.readOnly");
        }
        List<FieldDefinition> fields = catalogue.all();
        Map<String, String> current = store.values(id);
        if (row.version() != expectedVersion) {
            return conflict(actor, row, current, fields, expectedVersion);
        }
        Map<String, String> checked = new LinkedHashMap<>();
        Map<String, String> problems = check(fields, changes, decision, checked, false);
        if (!problems.isEmpty()) {
            return new ClientResult.Rejected<>(problems);
        }
        Map<String, String> after = new LinkedHashMap<>(current);
        List<String> changed = new ArrayList<>();
        for (String key : changes.keySet()) {
            String value = checked.get(key);
            if (!Objects.equals(current.get(key), value)) {
                changed.add(key);
                if (value == null) {
                    after.remove(key);
                } else {
                    after.put(key, value);
                }
            }
        }
        if (changed.isEmpty()) {
            return new ClientResult.Done<>(profileOf(row, current, fields, decision));
        }
        long now = clock.millis();
        String by = staffId(actor);
        if (!store.bump(id, expectedVersion, row.status(), row.closedAt(), now, by)) {
            return conflict(actor, store.find(id).orElseThrow(Clients::absent), store.values(id), fields, expectedVersion);
        }
        String changeId = UUID.randomUUID().toString();
        for (String key : changed) {
            store.putValue(id, key, after.get(key), now, by);
            store.addHistory(id, key, changeId, now, by, expectedVersion + 1, cause, current.get(key), after.get(key));
        }
        store.replaceIndexes(id, indexes.entries(fields, after));
        audit.client(actor, "clients.updated", id, decision.reason());
        return new ClientResult.Done<>(profileOf(store.find(id).orElseThrow(), after, fields, decision));
    }

    /**
     * Moves the client to another status. Closing and reopening need {@code client.close}; the
     * other moves {@code client.update}. Recorded as {@code clients.closed}, {@code clients.reopened}
     * or {@code clients.status_changed}, and kept in the history under {@code status}.
     */
    @Transactional
    public ClientResult<ClientProfile> changeStatus(Actor actor, UUID id, long expectedVersion, ClientStatus status) {
        if (status == null || status == ClientStatus.MERGED) {
            return ClientResult.rejected("status", "clients.status.invalid");
        }
        ClientRow before = store.find(id).orElse(null);
        boolean closing = status == ClientStatus.CLOSED;
        boolean reopening = before != null && before.status() == ClientStatus.CLOSED && !closing;
        AccessDecision decision = policy.require(actor, closing || reopening ? Permission.CLIENT_CLOSE : Permission.CLIENT_UPDATE, id);
        ClientRow row = Optional.ofNullable(before).orElseThrow(Clients::absent);
        if (row.status() == ClientStatus.MERGED) {
            return ClientResult.rejected("status", "clients.merged.readOnly");
        }
        List<FieldDefinition> fields = catalogue.all();
        if (row.version() != expectedVersion) {
            return conflict(actor, row, store.values(id), fields, expectedVersion);
        }
        AccessDecision readDecision = policy.decide(actor, Permission.CLIENT_READ, id);
        if (row.status() == status) {
            return new ClientResult.Done<>(profileOf(row, store.values(id), fields, readDecision.allowed() ? readDecision : decision));
        }
        long now = clock.millis();
        String by = staffId(actor);
        if (!store.bump(id, expectedVersion, status, closing ? Long.valueOf(now) : null, now, by)) {
            return conflict(actor, store.find(id).orElseThrow(Clients::absent), store.values(id), fields, expectedVersion);
        }
        store.addHistory(id, "status", UUID.randomUUID().toString(), now, by, expectedVersion + 1,
                closing ? "close" : reopening ? "reopen" : "edit", row.status().name(), status.name());
        audit.client(actor, closing ? "clients.closed" : reopening ? "clients.reopened" : "clients.status_changed", id, decision.reason());
        return new ClientResult.Done<>(profileOf(store.find(id).orElseThrow(), store.values(id), fields,
                readDecision.allowed() ? readDecision : decision));
    }

    /**
     * Every change of every field, newest first (at most {@value #HISTORY_LIMIT}), decrypted and
     * shown as the asker's role sees each field; fields the asker may not see are left out.
     * Recorded as {@code clients.history_viewed}.
     */
    @Transactional
    public List<HistoryEntry> history(Actor actor, UUID id) {
        AccessDecision decision = policy.require(actor, Permission.CLIENT_READ, id);
        store.find(id).orElseThrow(Clients::absent);
        Map<String, FieldDefinition> byKey = new HashMap<>();
        catalogue.all().forEach(f -> byKey.put(f.key(), f));
        List<HistoryEntry> out = new ArrayList<>();
        for (ClientStore.HistoryRow h : store.history(id, HISTORY_LIMIT)) {
            FieldDefinition field = byKey.get(h.fieldKey());
            Visibility visibility = field == null ? ("status".equals(h.fieldKey()) ? Visibility.FULL : Visibility.HIDDEN)
                    : decision.visibility(field.sensitivity());
            if (visibility == Visibility.HIDDEN) {
                continue;
            }
            out.add(new HistoryEntry(h.fieldKey(), field, Instant.ofEpochMilli(h.changedAt()), h.changedBy(), h.cause(), h.version(),
                    h.oldValue() == null ? null : Masking.apply(visibility, h.oldValue()),
                    h.newValue() == null ? null : Masking.apply(visibility, h.newValue()), visibility));
        }
        audit.client(actor, "clients.history_viewed", id, decision.reason());
        return out;
    }

    /**
     * Reveals one masked value on purpose, with a reason code ({@link FieldReveals#REASONS});
     * recorded as {@code access.field_revealed} before the value is decrypted and returned.
     */
    @Transactional
    public ClientResult<Optional<String>> reveal(Actor actor, UUID id, String fieldKey, String reason) {
        Optional<FieldDefinition> field = catalogue.find(fieldKey == null ? "" : fieldKey).filter(FieldDefinition::enabled);
        if (field.isEmpty()) {
            policy.require(actor, Permission.CLIENT_READ, id);
            return ClientResult.rejected("field", "clients.reveal.unknownField");
        }
        store.find(id).ifPresentOrElse(r -> { }, () -> {
            policy.require(actor, Permission.CLIENT_READ, id);
            throw absent();
        });
        AccessResult<Boolean> result = reveals.reveal(actor, id, fieldKey, field.get().sensitivity(), reason);
        if (result instanceof AccessResult.Rejected<Boolean> rejected) {
            return new ClientResult.Rejected<>(rejected.problems());
        }
        return new ClientResult.Done<>(Optional.ofNullable(store.values(id).get(fieldKey)));
    }

    /** Validates raw input against the catalogue; fills {@code out} with normalised values. */
    private Map<String, String> check(List<FieldDefinition> fields, Map<String, String> input, @Nullable AccessDecision decision,
                                      Map<String, String> out, boolean creating) {
        Map<String, String> problems = new LinkedHashMap<>();
        Map<String, FieldDefinition> byKey = new HashMap<>();
        fields.forEach(f -> byKey.put(f.key(), f));
        LocalDate today = today();
        for (Map.Entry<String, String> entry : input.entrySet()) {
            FieldDefinition field = byKey.get(entry.getKey());
            if (field == null || !field.enabled()) {
                problems.put(entry.getKey() == null ? "field" : safeKey(entry.getKey()), "clients.value.unknownField");
                continue;
            }
            if (decision != null && decision.visibility(field.sensitivity()) != Visibility.FULL) {
                problems.put(field.key(), "clients.value.notEditable");
                continue;
            }
            FieldValues.Checked checked = validation.check(field, entry.getValue(), today);
            if (!checked.ok()) {
                problems.put(field.key(), checked.problem());
            } else {
                out.put(field.key(), checked.value());
            }
        }
        if (creating) {
            for (FieldDefinition field : fields) {
                if (field.enabled() && field.required() && out.get(field.key()) == null && !problems.containsKey(field.key())) {
                    problems.put(field.key(), "clients.value.required");
                }
            }
            out.values().removeIf(Objects::isNull);
        }
        return problems;
    }

    /** A field key from input, safe to echo in a problem (unknown keys are cut and restricted to key characters). */
    private static String safeKey(String key) {
        String cleaned = key.replaceAll("[^a-z0-9_]", "_");
        return cleaned.length() > 40 ? cleaned.substring(0, 40) : cleaned;
    }

    private ClientResult<ClientProfile> conflict(Actor actor, ClientRow row, Map<String, String> values, List<FieldDefinition> fields,
                                                 long expectedVersion) {
        AccessDecision read = policy.decide(actor, Permission.CLIENT_READ, row.id());
        ClientProfile current = read.allowed() ? profileOf(row, values, fields, read)
                : new ClientProfile(row.id(), row.reference(), row.status(), row.version(), Instant.ofEpochMilli(row.createdAt()),
                Instant.ofEpochMilli(row.updatedAt()), null, Instant.ofEpochMilli(row.lastTouchedAt()), List.of());
        Set<String> visible = new java.util.HashSet<>();
        current.values().forEach(v -> visible.add(v.field().key()));
        visible.add("status");
        Set<String> changed = new java.util.TreeSet<>(store.changedSince(row.id(), expectedVersion));
        changed.retainAll(visible);
        return new ClientResult.Conflict<>(current, changed);
    }

    private ClientProfile profileOf(ClientRow row, Map<String, String> values, List<FieldDefinition> fields, AccessDecision decision) {
        List<ProfileValue> shown = new ArrayList<>();
        for (FieldDefinition field : fields) {
            if (!field.enabled()) {
                continue;
            }
            Visibility visibility = decision.visibility(field.sensitivity());
            if (visibility == Visibility.HIDDEN) {
                continue;
            }
            String value = values.get(field.key());
            shown.add(new ProfileValue(field, value == null ? null : Masking.apply(visibility, value), visibility));
        }
        return new ClientProfile(row.id(), row.reference(), row.status(), row.version(), Instant.ofEpochMilli(row.createdAt()),
                Instant.ofEpochMilli(row.updatedAt()), row.closedAt() == null ? null : Instant.ofEpochMilli(row.closedAt()),
                Instant.ofEpochMilli(row.lastTouchedAt()), shown);
    }

    private static ClientSummary summaryOf(ClientRow row, Map<String, String> names, AccessDecision decision) {
        String name = DisplayNames.of(names.get("given_name"), names.get("preferred_name"), names.get("family_name"));
        Visibility v = decision.visibility(org.strongroom.access.Sensitivity.NORMAL);
        return new ClientSummary(row.id(), row.reference(), row.status(), name == null ? null : Masking.apply(v, name),
                Instant.ofEpochMilli(row.lastTouchedAt()));
    }

    static AccessRefused absent() {
        return new AccessRefused(AccessDecision.deny("client", "no_such_client", null));
    }

    private static @Nullable String staffId(Actor actor) {
        return actor instanceof Actor.Staff s ? s.staffId().toString() : null;
    }
}
