package org.strongroom.clients;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.strongroom.access.AccessDecision;
import org.strongroom.access.AccessPolicy;
import org.strongroom.access.AccessRefused;
import org.strongroom.access.Actor;
import org.strongroom.access.ClientScope;
import org.strongroom.access.Masking;
import org.strongroom.access.Permission;
import org.strongroom.access.RoleDefinition;
import org.strongroom.access.Visibility;
import org.strongroom.clients.internal.ClientAudit;
import org.strongroom.clients.internal.ClientIndexes;
import org.strongroom.clients.internal.ClientRow;
import org.strongroom.clients.internal.ClientStore;
import org.strongroom.clients.internal.export.ClientFileWriter;
import org.strongroom.clients.internal.export.ExportSelector;

/**
 * Exports of selected clients to CSV or JSON. An export needs {@code client.export} and
 * {@code client.read} on <em>every</em> client it takes: one client out of reach (or missing —
 * the same answer) refuses the whole export. Values are written as the asker's role sees them
 * (masked stays masked: a role cannot export more than it sees; a field it does not see cannot be
 * asked for). Each client's export is recorded as {@code clients.exported}, all in one transaction
 * that commits before the first byte is written — an export that cannot be recorded does not
 * happen. The file is streamed to the caller's stream in chunks and never touches the disk.
 *
 * <p>The page asks for a fresh second factor (step-up) before calling this; the service itself
 * does not see sessions.
 */
@Service
public class ClientExports {

    /** The most clients one export takes. */
    public static final int MAX_CLIENTS = 5000;

    private static final Logger log = LoggerFactory.getLogger(ClientExports.class);
    private static final int CHUNK = 200;

    private final ClientStore store;
    private final FieldCatalogue catalogue;
    private final ClientIndexes indexes;
    private final ExportSelector selector;
    private final AccessPolicy policy;
    private final ClientAudit audit;
    private final TransactionTemplate recording;
    private final TransactionTemplate reading;
    private final Clock clock;

    ClientExports(ClientStore store, FieldCatalogue catalogue, ClientIndexes indexes, ExportSelector selector, AccessPolicy policy,
                  ClientAudit audit, PlatformTransactionManager transactions, Clock clock) {
        this.store = store;
        this.catalogue = catalogue;
        this.indexes = indexes;
        this.selector = selector;
        this.policy = policy;
        this.audit = audit;
        this.recording = new TransactionTemplate(transactions);
        this.reading = new TransactionTemplate(transactions);
        this.reading.setReadOnly(true);
        this.clock = clock;
    }

    /** Whether the actor's role may export clients at all (for pages deciding what to show). */
    public boolean mayExport(Actor actor) {
        return policy.role(actor.roleKey()).filter(r -> r.holds(Permission.CLIENT_EXPORT) && r.holds(Permission.CLIENT_READ))
                .filter(r -> r.forStaff() == (actor instanceof Actor.Staff)).isPresent();
    }

    /** The enabled fields the actor's role sees at all (full or masked), in catalogue order: what an export may take. */
    public List<FieldDefinition> exportableFields(Actor actor) {
        Optional<RoleDefinition> role = policy.role(actor.roleKey());
        if (role.isEmpty()) {
            return List.of();
        }
        return catalogue.enabled().stream().filter(f -> role.get().sees(f.sensitivity()) != Visibility.HIDDEN).toList();
    }

    /**
     * Checks, records and writes an export. {@code target} is opened only when everything passed
     * and the export is recorded.
     *
     * @throws AccessRefused when the actor's role may not export (or read) clients at all
     * @throws IOException   when the target cannot be opened
     */
    public ExportOutcome export(Actor actor, ExportRequest request, ExportTarget target) throws IOException {
        Prepared prepared = recording.execute(status -> prepare(actor, request));
        if (prepared.outcome() != null) {
            return prepared.outcome();
        }
        OutputStream stream = target.open(request.format(), prepared.clients().size());
        ClientFileWriter writer = new ClientFileWriter(stream, request.format(), prepared.fields().stream().map(FieldDefinition::key).toList());
        try {
            writer.begin(clock.instant());
            List<UUID> ids = prepared.clients();
            for (int from = 0; from < ids.size(); from += CHUNK) {
                List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
                List<Line> lines = reading.execute(status -> lines(chunk, prepared));
                for (Line line : lines) {
                    writer.client(line.reference(), line.status(), line.values());
                }
            }
            writer.end();
        } catch (IOException e) {
            // Usually the browser went away; the export was recorded in full before the first byte.
            log.info("A client export stopped before its end: {}", e.getClass().getSimpleName());
            return new ExportOutcome.Done(prepared.clients().size(), false);
        }
        return new ExportOutcome.Done(prepared.clients().size(), true);
    }

    private record Prepared(@Nullable ExportOutcome outcome, List<UUID> clients, List<FieldDefinition> fields,
                            @Nullable RoleDefinition role) {
        static Prepared refused(ExportOutcome outcome) {
            return new Prepared(outcome, List.of(), List.of(), null);
        }
    }

    private record Line(String reference, String status, Map<String, @Nullable String> values) {
    }

    private Prepared prepare(Actor actor, ExportRequest request) {
        RoleDefinition role = requireExporter(actor);
        Map<String, String> problems = new LinkedHashMap<>();
        List<FieldDefinition> fields = fields(request.fields(), role, problems);
        ExportSelection selection = request.selection();
        Map<UUID, String> ids = new LinkedHashMap<>();
        List<String> notFound = new ArrayList<>();
        FieldDefinition tagField = null;
        String tag = null;
        int limit = MAX_CLIENTS + 1;
        if (selection instanceof ExportSelection.References refs) {
            List<String> wanted = refs.references().stream().map(r -> r == null ? "" : r.strip().toUpperCase(Locale.ROOT))
                    .filter(r -> !r.isEmpty()).distinct().toList();
            if (wanted.size() > MAX_CLIENTS) {
                problems.put("references", "clientinventory.export.tooMany");
            } else if (wanted.isEmpty()) {
                problems.put("references", "clientinventory.export.nothingSelected");
            } else if (wanted.stream().anyMatch(r -> r.length() > 40)) {
                problems.put("references", "clientinventory.export.reference");
            } else if (problems.isEmpty()) {
                Map<String, UUID> found = selector.byReference(wanted);
                for (String reference : wanted) {
                    UUID id = found.get(reference);
                    String basis = id == null ? null : exportable(actor, id);
                    if (basis == null) {
                        notFound.add(reference);
                    } else {
                        ids.put(id, basis);
                    }
                }
            }
        } else if (selection instanceof ExportSelection.Ids named) {
            List<UUID> wanted = named.ids().stream().distinct().toList();
            if (wanted.size() > MAX_CLIENTS) {
                problems.put("selection", "clientinventory.export.tooMany");
            } else if (wanted.isEmpty()) {
                problems.put("selection", "clientinventory.export.nothingSelected");
            } else if (problems.isEmpty()) {
                Set<UUID> existing = selector.existing(wanted);
                for (UUID id : wanted) {
                    String basis = existing.contains(id) ? exportable(actor, id) : null;
                    if (basis == null) {
                        notFound.add(id.toString());
                    } else {
                        ids.put(id, basis);
                    }
                }
            }
        } else if (selection instanceof ExportSelection.Matching matching) {
            if (matching.touchedAfter() != null && matching.touchedBefore() != null
                    && !matching.touchedAfter().isBefore(matching.touchedBefore())) {
                problems.put("touchedBefore", "clientinventory.export.period");
            }
            Set<String> tagTokens = null;
            String tagIndex = null;
            if (matching.tag() != null && !matching.tag().isBlank()) {
                tagField = catalogue.enabled().stream().filter(f -> f.type() == FieldType.TAGS && f.searchMode() == SearchMode.EXACT)
                        .findFirst().orElse(null);
                if (tagField == null || role.sees(tagField.sensitivity()) != Visibility.FULL) {
                    problems.put("tag", "clientinventory.export.tagUnavailable");
                } else if (matching.tag().strip().length() > FieldValues.MAX_TAG) {
                    problems.put("tag", "clients.value.tagTooLong");
                } else {
                    tag = FieldValues.normaliseTag(matching.tag());
                    tagTokens = indexes.exactForSearch(tagField.key(), tag);
                    tagIndex = ExportSelector.tagIndex(tagField.key());
                    // Blind indexes are truncated: a few candidates may not carry the tag and are dropped below.
                    limit = 2 * MAX_CLIENTS + 1;
                }
            }
            if (problems.isEmpty()) {
                ClientScope scope = policy.scope(actor, Permission.CLIENT_READ);
                List<UUID> matched = selector.matching(scope, matching.statuses(), tagTokens, tagIndex, matching.touchedAfter(),
                        matching.touchedBefore(), limit);
                boolean cut = matched.size() >= limit;
                if (tagField != null && tag != null) {
                    matched = withTag(matched, tagField.key(), tag);
                }
                if (cut || matched.size() > MAX_CLIENTS) {
                    problems.put("selection", "clientinventory.export.tooMany");
                } else if (matched.isEmpty()) {
                    problems.put("selection", "clientinventory.export.nothingMatched");
                } else {
                    // In the asker's read scope already; export is still asked of each, and refuses the whole if one fails.
                    for (UUID id : matched) {
                        String basis = exportable(actor, id);
                        if (basis == null) {
                            notFound.add(store.find(id).map(ClientRow::reference).orElse(id.toString()));
                        } else {
                            ids.put(id, basis);
                        }
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            return Prepared.refused(new ExportOutcome.Rejected(problems));
        }
        if (!notFound.isEmpty()) {
            return Prepared.refused(new ExportOutcome.NotFound(notFound));
        }
        for (Map.Entry<UUID, String> client : ids.entrySet()) {
            audit.client(actor, "clients.exported", client.getKey(), client.getValue());
        }
        return new Prepared(null, List.copyOf(ids.keySet()), fields, role);
    }

    /**
     * Asks for export and read on this client. A refusal is recorded by the policy (in a
     * transaction of its own) and answered as "not found".
     *
     * @return the basis of access (for the audit entry), or {@code null} when out of reach
     */
    private @Nullable String exportable(Actor actor, UUID id) {
        try {
            AccessDecision decision = policy.require(actor, Permission.CLIENT_EXPORT, id);
            policy.require(actor, Permission.CLIENT_READ, id);
            return decision.reason();
        } catch (AccessRefused refused) {
            if (!refused.looksAbsent()) {
                throw refused;
            }
            return null;
        }
    }

    /** The role, when it holds both permissions; otherwise the missing one is refused (and recorded). */
    private RoleDefinition requireExporter(Actor actor) {
        Optional<RoleDefinition> role = policy.role(actor.roleKey());
        if (role.isEmpty() || !role.get().holds(Permission.CLIENT_EXPORT)) {
            policy.require(actor, Permission.CLIENT_EXPORT);
        }
        if (!role.orElseThrow(() -> new AccessRefused(AccessDecision.deny("known_role", "unknown_role", null)))
                .holds(Permission.CLIENT_READ)) {
            policy.require(actor, Permission.CLIENT_READ);
        }
        return role.get();
    }

    private List<FieldDefinition> fields(List<String> keys, RoleDefinition role, Map<String, String> problems) {
        Map<String, FieldDefinition> enabled = new HashMap<>();
        catalogue.enabled().forEach(f -> enabled.put(f.key(), f));
        Set<String> unique = new LinkedHashSet<>(keys);
        if (unique.isEmpty()) {
            problems.put("fields", "clientinventory.export.fieldsRequired");
            return List.of();
        }
        List<FieldDefinition> out = new ArrayList<>();
        for (String key : unique) {
            FieldDefinition field = enabled.get(key);
            if (field == null || role.sees(field.sensitivity()) == Visibility.HIDDEN) {
                // A field not in use and one the role may not see get the same answer.
                problems.put("fields", "clientinventory.export.fieldUnknown");
                return List.of();
            }
            out.add(field);
        }
        return out;
    }

    private List<UUID> withTag(List<UUID> candidates, String tagKey, String tag) {
        Map<UUID, Map<String, String>> tags = store.values(candidates, Set.of(tagKey));
        return candidates.stream().filter(id -> FieldValues.tagsOf(tags.getOrDefault(id, Map.of()).get(tagKey)).stream()
                .map(FieldValues::normaliseTag).anyMatch(tag::equals)).toList();
    }

    private List<Line> lines(List<UUID> chunk, Prepared prepared) {
        RoleDefinition role = java.util.Objects.requireNonNull(prepared.role(), "role");
        Map<UUID, ClientRow> rows = new HashMap<>();
        store.findAll(chunk).forEach(r -> rows.put(r.id(), r));
        Set<String> keys = new LinkedHashSet<>();
        prepared.fields().forEach(f -> keys.add(f.key()));
        Map<UUID, Map<String, String>> values = store.values(chunk, keys);
        List<Line> out = new ArrayList<>(chunk.size());
        for (UUID id : chunk) {
            ClientRow row = rows.get(id);
            if (row == null) {
                continue; // erased between the check and the write: nothing left to export
            }
            Map<String, String> stored = values.getOrDefault(id, Map.of());
            Map<String, @Nullable String> shown = new LinkedHashMap<>();
            for (FieldDefinition field : prepared.fields()) {
                String value = stored.get(field.key());
                shown.put(field.key(), value == null ? null : Masking.apply(role.sees(field.sensitivity()), value));
            }
            out.add(new Line(row.reference(), row.status().name(), shown));
        }
        return out;
    }
}
