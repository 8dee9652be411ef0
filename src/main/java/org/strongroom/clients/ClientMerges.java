package org.strongroom.clients;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;
import org.strongroom.access.AccessDecision;
import org.strongroom.access.AccessPolicy;
import org.strongroom.access.AccessRefused;
import org.strongroom.access.Actor;
import org.strongroom.access.CareTeamMember;
import org.strongroom.access.CareTeams;
import org.strongroom.access.Permission;
import org.strongroom.access.RoleDefinition;
import org.strongroom.access.Visibility;
import org.strongroom.clients.internal.ClientAudit;
import org.strongroom.clients.internal.ClientIndexes;
import org.strongroom.clients.internal.ClientRow;
import org.strongroom.clients.internal.ClientStore;
import org.strongroom.clients.internal.DuplicateFinder;
import org.strongroom.clients.internal.MergeStore;
import org.strongroom.clients.internal.MergeStore.MergeRow;

/**
 * Duplicates and merges: the records that may be the same person as a client, two records side
 * by side, merging one into the other and undoing that.
 *
 * <p>What a merge does, and keeps:
 * <ul>
 * <li>the <em>survivor</em> keeps its values, except in the differing fields where the user chose
 * the other record's value; values only the merged record had (in any field, seen by the user or
 * not) are copied to the survivor; each change lands in the survivor's history with cause
 * {@code merge};</li>
 * <li>the <em>merged</em> record keeps every value and all its history untouched, becomes
 * {@link ClientStatus#MERGED} with {@code merged_into} = the survivor (read only from then on),
 * with a {@code status} history row of cause {@code merge}; its blind-index rows are removed, so
 * search and duplicate checks no longer find it;</li>
 * <li>the {@code client_merge} row remembers what the undo needs: the survivor's versions and the
 * prior value of each field the merge changed (ciphertexts under the survivor's key, bound to the
 * merge), and the merged record's prior status;</li>
 * <li>care teams do not change: the people on the merged record's team who are not on the
 * survivor's are listed ({@link MergeRecord#teamNotCarried()}) for the user to add on the access
 * pages if they should see the survivor — a merge never widens access silently;</li>
 * <li>{@code clients.merged} is recorded on both records (resource {@code client_merge} = the merge
 * id, reason {@code survivor} or {@code merged_record}).</li>
 * </ul>
 *
 * <p>An undo puts both records back: the survivor's changed fields get their prior values (history
 * cause {@code unmerge}), the merged record its prior status with {@code merged_into} cleared, the
 * blind indexes of both are rebuilt, and {@code clients.unmerged} is recorded on both. Versions move
 * forward (never back), so an edit form opened before the undo is still caught as stale. The undo
 * is refused when the survivor was changed, since the merge, in a field the merge changed (edited,
 * or changed by a later merge): the user's newer value would otherwise be overwritten. Edits to
 * other fields, and status changes, are kept. A merge is undone at most once, and not while the
 * survivor is itself merged into a third record (undo that merge first).
 *
 * <p>Access: comparing needs {@code client.read} on both records (both recorded as viewed);
 * merging and undoing need {@code client.merge} on both. A record out of reach looks absent.
 */
@Service
public class ClientMerges {

    /** The resource type of {@code clients.merged}/{@code clients.unmerged} entries (the id is the merge id). */
    public static final String MERGE_RESOURCE = "client_merge";
    /** The reason recorded with {@code clients.merged}/{@code clients.unmerged} on each side. */
    public static final String SURVIVOR = "survivor";
    public static final String MERGED_RECORD = "merged_record";

    private final Clients clients;
    private final ClientStore store;
    private final MergeStore merges;
    private final FieldCatalogue catalogue;
    private final ClientIndexes indexes;
    private final DuplicateFinder duplicates;
    private final AccessPolicy policy;
    private final CareTeams teams;
    private final ClientAudit audit;
    private final Clock clock;

    ClientMerges(Clients clients, ClientStore store, MergeStore merges, FieldCatalogue catalogue, ClientIndexes indexes,
                 DuplicateFinder duplicates, AccessPolicy policy, CareTeams teams, ClientAudit audit, Clock clock) {
        this.clients = clients;
        this.store = store;
        this.merges = merges;
        this.catalogue = catalogue;
        this.indexes = indexes;
        this.duplicates = duplicates;
        this.policy = policy;
        this.teams = teams;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The records in the asker's scope that may be the same person as this client (same email,
     * phone or national id, same name and date of birth, or a close spelling of the name), exact
     * matches first, at most {@link DuplicateFinder#LIMIT}. Needs {@code client.read} on the client;
     * recorded as {@code clients.duplicates_listed}. A merged record has none.
     */
    @Transactional
    public List<DuplicateCandidate> duplicatesOf(Actor actor, UUID clientId) {
        AccessDecision decision = policy.require(actor, Permission.CLIENT_READ, clientId);
        ClientRow row = store.find(clientId).orElseThrow(Clients::absent);
        audit.client(actor, "clients.duplicates_listed", clientId, decision.reason());
        if (row.status() == ClientStatus.MERGED) {
            return List.of();
        }
        return duplicates.find(actor, clientId, store.values(clientId));
    }

    /**
     * Two records side by side: both profiles as the asker may see them (each recorded as
     * {@code clients.viewed}), and per visible field whether the values are equal, different or
     * one-sided — decided on the real values, so two different values that mask alike still count
     * as different. A record compared with itself is {@link ClientResult.Rejected}.
     *
     * @throws AccessRefused when either record is out of reach or does not exist
     */
    @Transactional
    public ClientResult<MergeComparison> compare(Actor actor, UUID first, UUID second) {
        if (first.equals(second)) {
            policy.require(actor, Permission.CLIENT_READ, first);
            return ClientResult.rejected("second", "clientmerge.same");
        }
        ClientProfile a = clients.profile(actor, first);
        ClientProfile b = clients.profile(actor, second);
        Map<String, String> av = store.values(first);
        Map<String, String> bv = store.values(second);
        List<MergeField> fields = new ArrayList<>();
        for (ProfileValue pa : a.values()) {
            ProfileValue pb = b.value(pa.field().key()).orElse(null);
            if (pb == null) {
                continue;
            }
            MergeAgreement agreement = agreement(av.get(pa.field().key()), bv.get(pa.field().key()));
            fields.add(new MergeField(pa.field(), pa, pb, agreement, agreement == MergeAgreement.DIFFERENT
                    && pa.visibility() == Visibility.FULL && pb.visibility() == Visibility.FULL));
        }
        boolean mayMerge = policy.decide(actor, Permission.CLIENT_MERGE, first).allowed()
                && policy.decide(actor, Permission.CLIENT_MERGE, second).allowed();
        String notMergeable = a.status() == ClientStatus.MERGED ? "clientmerge.survivorMerged"
                : b.status() == ClientStatus.MERGED ? "clientmerge.alreadyMerged" : null;
        return new ClientResult.Done<>(new MergeComparison(a, b, fields, mayMerge, notMergeable));
    }

    /**
     * Merges {@code mergedId} into {@code survivorId} (see the class comment for what is kept).
     * {@code choices} maps field keys to the value to keep where the two differ; a differing field
     * not named keeps the survivor's value, and {@link MergeChoice#MERGED} may only be chosen for a
     * field whose values differ and which the asker sees in full on both records.
     *
     * <p>Refused ({@link ClientResult.Rejected}, nothing saved): a record merged into itself
     * ({@code merged → clientmerge.same}), a survivor or merged record that is merged already, a
     * choice that cannot be made ({@code <field> → clientmerge.choice.invalid}), and either record
     * changed since the caller read it ({@code version → clientmerge.stale}).
     *
     * @throws AccessRefused without {@code client.merge} on both records (out of reach looks absent)
     */
    @Transactional
    public ClientResult<MergeRecord> merge(Actor actor, UUID survivorId, long survivorVersion, UUID mergedId, long mergedVersion,
                                           Map<String, MergeChoice> choices) {
        Objects.requireNonNull(choices, "choices");
        policy.require(actor, Permission.CLIENT_MERGE, survivorId);
        if (survivorId.equals(mergedId)) {
            return ClientResult.rejected("merged", "clientmerge.same");
        }
        policy.require(actor, Permission.CLIENT_MERGE, mergedId);
        ClientRow survivor = store.find(survivorId).orElseThrow(Clients::absent);
        ClientRow merged = store.find(mergedId).orElseThrow(Clients::absent);
        if (survivor.status() == ClientStatus.MERGED) {
            return ClientResult.rejected("survivor", "clientmerge.survivorMerged");
        }
        if (merged.status() == ClientStatus.MERGED) {
            return ClientResult.rejected("merged", "clientmerge.alreadyMerged");
        }
        if (survivor.version() != survivorVersion || merged.version() != mergedVersion) {
            return ClientResult.rejected("version", "clientmerge.stale");
        }
        List<FieldDefinition> fields = catalogue.all();
        Map<String, FieldDefinition> byKey = new HashMap<>();
        fields.forEach(f -> byKey.put(f.key(), f));
        Map<String, String> sv = store.values(survivorId);
        Map<String, String> mv = store.values(mergedId);
        AccessDecision seesSurvivor = policy.decide(actor, Permission.CLIENT_READ, survivorId);
        AccessDecision seesMerged = policy.decide(actor, Permission.CLIENT_READ, mergedId);
        Map<String, String> problems = new TreeMap<>();
        for (Map.Entry<String, MergeChoice> choice : choices.entrySet()) {
            FieldDefinition field = choice.getKey() == null ? null : byKey.get(choice.getKey());
            if (field == null || choice.getValue() == null) {
                problems.put(field == null ? "field" : field.key(), "clientmerge.choice.invalid");
                continue;
            }
            if (choice.getValue() == MergeChoice.MERGED && (agreement(sv.get(field.key()), mv.get(field.key())) != MergeAgreement.DIFFERENT
                    || seesSurvivor.visibility(field.sensitivity()) != Visibility.FULL
                    || seesMerged.visibility(field.sensitivity()) != Visibility.FULL)) {
                problems.put(field.key(), "clientmerge.choice.invalid");
            }
        }
        if (!problems.isEmpty()) {
            return new ClientResult.Rejected<>(problems);
        }
        Map<String, String> after = new LinkedHashMap<>(sv);
        Set<String> changed = new TreeSet<>();
        for (Map.Entry<String, String> value : mv.entrySet()) {
            String key = value.getKey();
            if (!sv.containsKey(key) || choices.get(key) == MergeChoice.MERGED && !value.getValue().equals(sv.get(key))) {
                after.put(key, value.getValue());
                changed.add(key);
            }
        }
        long now = clock.millis();
        String by = staffId(actor);
        if (!merges.markMerged(mergedId, mergedVersion, survivorId, now, by)
                || !store.bump(survivorId, survivorVersion, survivor.status(), survivor.closedAt(), now, by)) {
            // someone changed one of them between the read above and here
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
            return ClientResult.rejected("version", "clientmerge.stale");
        }
        UUID mergeId = UUID.randomUUID();
        merges.insert(new MergeRow(mergeId, survivorId, mergedId, now, by, survivorVersion, survivorVersion + 1, mergedVersion,
                merged.status(), null, null));
        store.addHistory(mergedId, "status", UUID.randomUUID().toString(), now, by, mergedVersion + 1, "merge",
                merged.status().name(), ClientStatus.MERGED.name());
        store.replaceIndexes(mergedId, Set.of());
        String changeId = UUID.randomUUID().toString();
        for (String key : changed) {
            merges.putPrior(mergeId, survivorId, key, sv.get(key));
            store.putValue(survivorId, key, after.get(key), now, by);
            store.addHistory(survivorId, key, changeId, now, by, survivorVersion + 1, "merge", sv.get(key), after.get(key));
        }
        store.replaceIndexes(survivorId, indexes.entries(fields, after));
        audit.client(actor, "clients.merged", survivorId, MERGE_RESOURCE, mergeId.toString(), SURVIVOR);
        audit.client(actor, "clients.merged", mergedId, MERGE_RESOURCE, mergeId.toString(), MERGED_RECORD);
        return new ClientResult.Done<>(recordOf(actor, merges.find(mergeId).orElseThrow()));
    }

    /**
     * Undoes a merge (see the class comment). Refused ({@link ClientResult.Rejected}, nothing
     * saved) when it was undone already ({@code merge → clientmerge.undo.already}), when the
     * survivor is merged into another record now ({@code merge → clientmerge.undo.survivorMerged}),
     * or when the survivor changed since in a field the merge changed
     * ({@code merge → clientmerge.undo.edited} and each such field → {@code clientmerge.undo.editedField}).
     *
     * @throws AccessRefused without {@code client.merge} on both records; an unknown merge is
     *                       refused as the asker's role would be refused for a missing client
     */
    @Transactional
    public ClientResult<MergeRecord> unmerge(Actor actor, UUID mergeId) {
        MergeRow merge = merges.find(mergeId).orElseThrow(() -> unknownMerge(actor, Permission.CLIENT_MERGE));
        policy.require(actor, Permission.CLIENT_MERGE, merge.survivorId());
        policy.require(actor, Permission.CLIENT_MERGE, merge.mergedId());
        if (merge.undoneAt() != null) {
            return ClientResult.rejected("merge", "clientmerge.undo.already");
        }
        ClientRow survivor = store.find(merge.survivorId()).orElseThrow(Clients::absent);
        ClientRow merged = store.find(merge.mergedId()).orElseThrow(Clients::absent);
        if (survivor.status() == ClientStatus.MERGED) {
            return ClientResult.rejected("merge", "clientmerge.undo.survivorMerged");
        }
        Map<String, @Nullable String> priors = merges.priors(mergeId, merge.survivorId());
        Set<String> edited = new TreeSet<>(store.changedSince(merge.survivorId(), merge.survivorVersionAfter()));
        edited.retainAll(priors.keySet());
        if (!edited.isEmpty()) {
            Map<String, String> problems = new LinkedHashMap<>();
            problems.put("merge", "clientmerge.undo.edited");
            edited.forEach(key -> problems.put(key, "clientmerge.undo.editedField"));
            return new ClientResult.Rejected<>(problems);
        }
        long now = clock.millis();
        String by = staffId(actor);
        Map<String, String> current = store.values(merge.survivorId());
        if (!store.bump(merge.survivorId(), survivor.version(), survivor.status(), survivor.closedAt(), now, by)
                || !merges.restore(merge.mergedId(), merged.version(), merge.survivorId(), merge.mergedStatusBefore(), now, by)
                || !merges.markUndone(mergeId, now, by)) {
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
            return ClientResult.rejected("merge", "clientmerge.undo.stale");
        }
        Map<String, String> restored = new LinkedHashMap<>(current);
        String changeId = UUID.randomUUID().toString();
        for (Map.Entry<String, @Nullable String> prior : priors.entrySet()) {
            String key = prior.getKey();
            if (prior.getValue() == null) {
                restored.remove(key);
            } else {
                restored.put(key, prior.getValue());
            }
            store.putValue(merge.survivorId(), key, prior.getValue(), now, by);
            store.addHistory(merge.survivorId(), key, changeId, now, by, survivor.version() + 1, "unmerge", current.get(key),
                    prior.getValue());
        }
        List<FieldDefinition> fields = catalogue.all();
        store.replaceIndexes(merge.survivorId(), indexes.entries(fields, restored));
        store.addHistory(merge.mergedId(), "status", UUID.randomUUID().toString(), now, by, merged.version() + 1, "unmerge",
                ClientStatus.MERGED.name(), merge.mergedStatusBefore().name());
        store.replaceIndexes(merge.mergedId(), indexes.entries(fields, store.values(merge.mergedId())));
        audit.client(actor, "clients.unmerged", merge.survivorId(), MERGE_RESOURCE, mergeId.toString(), SURVIVOR);
        audit.client(actor, "clients.unmerged", merge.mergedId(), MERGE_RESOURCE, mergeId.toString(), MERGED_RECORD);
        return new ClientResult.Done<>(recordOf(actor, merges.find(mergeId).orElseThrow()));
    }

    /**
     * One merge, for its result page: needs {@code client.read} on the survivor (no values are
     * shown, so nothing is recorded).
     *
     * @throws AccessRefused when the survivor is out of reach, or the merge does not exist
     */
    @Transactional(readOnly = true)
    public MergeRecord find(Actor actor, UUID mergeId) {
        MergeRow merge = merges.find(mergeId).orElseThrow(() -> unknownMerge(actor, Permission.CLIENT_READ));
        policy.require(actor, Permission.CLIENT_READ, merge.survivorId());
        return recordOf(actor, merge);
    }

    /** The merges a client took part in, newest first (at most 20); needs {@code client.read} on it. */
    @Transactional(readOnly = true)
    public List<MergeRecord> mergesOf(Actor actor, UUID clientId) {
        policy.require(actor, Permission.CLIENT_READ, clientId);
        store.find(clientId).orElseThrow(Clients::absent);
        return merges.involving(clientId, 20).stream().map(m -> recordOf(actor, m)).toList();
    }

    /**
     * The records merged into this one whose merge was not undone — so that other modules (documents)
     * show the merged record's data with the survivor's. No access check and no audit entry: the
     * caller has asked the policy about the survivor and records its own read.
     */
    @Transactional(readOnly = true)
    public List<UUID> mergedInto(UUID survivorId) {
        return merges.involving(survivorId, 1000).stream().filter(m -> m.survivorId().equals(survivorId) && m.undoneAt() == null)
                .map(MergeRow::mergedId).toList();
    }

    private MergeRecord recordOf(Actor actor, MergeRow merge) {
        List<CareTeamMember> notCarried = new ArrayList<>();
        if (policy.decide(actor, Permission.CLIENT_READ, merge.survivorId()).allowed()
                && policy.decide(actor, Permission.CLIENT_READ, merge.mergedId()).allowed()) {
            Set<String> onSurvivor = new HashSet<>();
            teams.members(actor, merge.survivorId()).forEach(m -> onSurvivor.add(m.staff().toString()));
            teams.members(actor, merge.mergedId()).stream().filter(m -> !onSurvivor.contains(m.staff().toString()))
                    .forEach(notCarried::add);
        }
        return new MergeRecord(merge.id(), merge.survivorId(), merge.mergedId(), clients.summary(actor, merge.survivorId()).orElse(null),
                clients.summary(actor, merge.mergedId()).orElse(null), Instant.ofEpochMilli(merge.mergedAt()), merge.mergedBy(),
                merge.undoneAt() == null ? null : Instant.ofEpochMilli(merge.undoneAt()), merge.undoneBy(),
                merges.changedFields(merge.id()), notCarried);
    }

    static MergeAgreement agreement(@Nullable String first, @Nullable String second) {
        if (first == null) {
            return second == null ? MergeAgreement.EMPTY : MergeAgreement.ONLY_SECOND;
        }
        if (second == null) {
            return MergeAgreement.ONLY_FIRST;
        }
        return first.equals(second) ? MergeAgreement.EQUAL : MergeAgreement.DIFFERENT;
    }

    /**
     * The refusal for a merge id that does not exist: what the asker's role would get for a
     * client that does not exist (403 without the permission at all, else "absent").
     */
    private AccessRefused unknownMerge(Actor actor, Permission permission) {
        RoleDefinition role = policy.role(actor.roleKey()).orElse(null);
        if (role == null || !role.holds(permission)) {
            return new AccessRefused(AccessDecision.deny("permission", "no_permission", role));
        }
        return Clients.absent();
    }

    private static @Nullable String staffId(Actor actor) {
        return actor instanceof Actor.Staff s ? s.staffId().toString() : null;
    }
}
