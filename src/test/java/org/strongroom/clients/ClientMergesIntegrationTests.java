package org.strongroom.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.strongroom.access.AccessRefused;
import org.strongroom.access.AccessResult;
import org.strongroom.access.Actor;
import org.strongroom.access.CareTeams;
import org.strongroom.access.Permission;
import org.strongroom.access.Reach;
import org.strongroom.access.RoleDefinition;
import org.strongroom.access.Roles;
import org.strongroom.access.Sensitivity;
import org.strongroom.access.TeamRole;
import org.strongroom.access.Visibility;
import org.strongroom.clients.internal.ClientStore;
import org.strongroom.clients.internal.DuplicateFinder;
import org.strongroom.crypto.DecryptionFailed;
import org.strongroom.crypto.EncryptionContext;
import org.strongroom.crypto.FieldCipher;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffRole;
import org.strongroom.identity.StaffStatus;
import org.strongroom.identity.internal.Accounts;
import org.strongroom.testing.MutableClock;
import org.strongroom.testing.TestFolders;

/**
 * Duplicates, comparison, merge and undo against a real database (SQLite here, PostgreSQL in the
 * subclass), real encryption and a real audit trail: a merge and its undo leave both records
 * exactly as they were (values, indexes, statuses; history only grows), nothing of a client is
 * written in the clear, and every refusal the issue names happens. All people are fictitious.
 */
@Import(ClientMergesIntegrationTests.Clocks.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "strongroom.data-dir=target/test-data/client-merges", "strongroom.audit.checkpoint-poll=1h",
        "strongroom.audit.verify-schedule=-"})
class ClientMergesIntegrationTests {

    static {
        TestFolders.fresh("client-merges");
    }

    /** Planted in values; never to be found in the clear in the merge tables. */
    static final String CANARY = "Zhovtoholovka";

    @Autowired
    ClientMerges merges;
    @Autowired
    Clients clients;
    @Autowired
    ClientStore store;
    @Autowired
    CareTeams teams;
    @Autowired
    Roles roles;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    FieldCipher cipher;
    @Autowired
    MutableClock clock;

    Actor owner;
    Actor administrator;
    Actor practitioner;

    @BeforeEach
    void people() {
        owner = person(StaffRole.OWNER, "olha.owner");
        administrator = person(StaffRole.ADMINISTRATOR, "adam.admin");
        practitioner = person(StaffRole.PRACTITIONER, "pavlo.practitioner");
    }

    Actor person(StaffRole role, String handle) {
        StaffId id = StaffId.random();
        accounts.insert(id, handle + "." + id.toString().substring(0, 8) + "@example.org", handle.replace('.', ' '), null, role,
                StaffStatus.ACTIVE, clock.instant());
        return new Actor.Staff(id, role);
    }

    UUID client(Actor maker, Map<String, String> values) {
        ClientResult<ClientProfile> made = clients.create(maker, new NewClient(ClientStatus.ACTIVE, values, true));
        assertThat(made).isInstanceOf(ClientResult.Done.class);
        return ((ClientResult.Done<ClientProfile>) made).value().id();
    }

    static Map<String, String> values(String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }

    long version(UUID id) {
        return store.find(id).orElseThrow().version();
    }

    static <T> T done(ClientResult<T> result) {
        assertThat(result).isInstanceOf(ClientResult.Done.class);
        return ((ClientResult.Done<T>) result).value();
    }

    static Map<String, String> problems(ClientResult<?> result) {
        assertThat(result).isInstanceOf(ClientResult.Rejected.class);
        return ((ClientResult.Rejected<?>) result).problems();
    }

    /** Everything about one client that a merge and its undo must give back. */
    record Snapshot(Map<String, String> values, List<String> indexRows, Map<String, Object> row, List<String> history) {
    }

    Snapshot snapshot(UUID id) {
        List<String> index = jdbc.sql("SELECT index_name, token FROM client_search_index WHERE client_id = ? ORDER BY index_name, token")
                .param(id.toString()).query((rs, n) -> rs.getString(1) + ":" + rs.getString(2)).list();
        Map<String, Object> row = new LinkedHashMap<>(jdbc.sql("SELECT id, reference, status, created_at, created_by, closed_at, merged_into, "
                + "import_id FROM client WHERE id = ?").param(id.toString()).query().singleRow());
        List<String> history = store.history(id, 500).stream().map(h -> h.id() + " " + h.fieldKey() + " " + h.cause() + " "
                + h.version() + " " + h.oldValue() + " → " + h.newValue()).toList();
        return new Snapshot(new LinkedHashMap<>(store.values(id)), index, row, history);
    }

    UUID survivor;
    UUID mergedRecord;

    void twoRecordsOfOnePerson() {
        survivor = client(owner, values("given_name", "Olena", "family_name", "Kovalenko", "date_of_birth", "1988-03-14",
                "email", "olena.k@example.org", "phone", "+380501112233", "tags", "weekly, " + CANARY.toLowerCase()));
        mergedRecord = client(owner, values("given_name", "Olena", "family_name", "Kovalenco", "date_of_birth", "1988-03-14",
                "email", "o.kovalenko@example.net", "phone", "+380509998877", "address", "12 " + CANARY + " Street, Kyiv",
                "emergency_contact", "Taras " + CANARY + ", +380671234567", "referral_source", "Leaflet"));
    }

    @Test
    void mergeThenUndoGivesBothRecordsBackExactly() {
        twoRecordsOfOnePerson();
        jdbc.sql("UPDATE client SET closed_at = ? WHERE id = ?").param(clock.millis() - 86_400_000L).param(mergedRecord.toString()).update(); // a kept column
        Snapshot survivorBefore = snapshot(survivor);
        Snapshot mergedBefore = snapshot(mergedRecord);
        long survivorVersion = version(survivor);

        MergeRecord merge = done(merges.merge(owner, survivor, survivorVersion, mergedRecord, version(mergedRecord),
                Map.of("email", MergeChoice.MERGED, "phone", MergeChoice.SURVIVOR)));

        // the survivor: its own values, the chosen one, and what only the other had
        Map<String, String> after = store.values(survivor);
        assertThat(after).containsEntry("family_name", "Kovalenko").containsEntry("email", "o.kovalenko@example.net")
                .containsEntry("phone", "+380501112233").containsEntry("address", "12 " + CANARY + " Street, Kyiv")
                .containsEntry("emergency_contact", "Taras " + CANARY + ", +380671234567").containsEntry("referral_source", "Leaflet");
        assertThat(merge.changedFields()).containsExactly("address", "email", "emergency_contact", "referral_source");
        assertThat(version(survivor)).isEqualTo(survivorVersion + 1);
        assertThat(store.history(survivor, 500)).filteredOn(h -> h.cause().equals("merge"))
                .extracting(ClientStore.HistoryRow::fieldKey).containsExactlyInAnyOrder("address", "email", "emergency_contact", "referral_source");
        // the merged record: every value kept, MERGED into the survivor, out of the indexes, read only
        assertThat(store.values(mergedRecord)).isEqualTo(mergedBefore.values());
        Snapshot mergedNow = snapshot(mergedRecord);
        assertThat(mergedNow.row().get("status")).isEqualTo("MERGED");
        assertThat(mergedNow.row().get("merged_into")).isEqualTo(survivor.toString());
        assertThat(mergedNow.indexRows()).isEmpty();
        assertThat(mergedNow.history()).containsAll(mergedBefore.history());
        assertThat(clients.update(owner, mergedRecord, version(mergedRecord), Map.of("given_name", "Oksana")))
                .isEqualTo(ClientResult.rejected("status", "clients.merged.readOnly"));
        assertThat(audited("clients.merged", survivor)).isEqualTo(1);
        assertThat(audited("clients.merged", mergedRecord)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT resource_type || ' ' || resource_id || ' ' || reason FROM audit_entry WHERE action = 'clients.merged' "
                + "AND client_id = ?").param(mergedRecord.toString()).query(String.class).single())
                .isEqualTo("client_merge " + merge.id() + " merged_record");
        assertThat(merges.find(owner, merge.id()).undone()).isFalse();

        MergeRecord undone = done(merges.unmerge(owner, merge.id()));

        assertThat(undone.undone()).isTrue();
        Snapshot survivorAfter = snapshot(survivor);
        Snapshot mergedAfter = snapshot(mergedRecord);
        assertThat(survivorAfter.values()).isEqualTo(survivorBefore.values());
        assertThat(survivorAfter.indexRows()).isEqualTo(survivorBefore.indexRows());
        assertThat(survivorAfter.row()).isEqualTo(survivorBefore.row());
        assertThat(mergedAfter.values()).isEqualTo(mergedBefore.values());
        assertThat(mergedAfter.indexRows()).isEqualTo(mergedBefore.indexRows());
        assertThat(mergedAfter.row()).isEqualTo(mergedBefore.row());
        // history only grows: what was there is untouched, the merge and its undo are added
        assertThat(survivorAfter.history()).containsAll(survivorBefore.history());
        assertThat(store.history(survivor, 500)).filteredOn(h -> h.cause().equals("unmerge"))
                .extracting(ClientStore.HistoryRow::fieldKey).containsExactlyInAnyOrder("address", "email", "emergency_contact", "referral_source");
        assertThat(mergedAfter.history()).containsAll(mergedBefore.history());
        assertThat(store.history(mergedRecord, 500)).filteredOn(h -> h.fieldKey().equals("status"))
                .extracting(h -> h.cause() + " " + h.oldValue() + "→" + h.newValue()).containsExactlyInAnyOrder("merge ACTIVE→MERGED",
                        "unmerge MERGED→ACTIVE");
        // versions move forward, so an edit form opened before the undo is still stale
        assertThat(version(survivor)).isEqualTo(survivorVersion + 2);
        assertThat(audited("clients.unmerged", survivor)).isEqualTo(1);
        assertThat(audited("clients.unmerged", mergedRecord)).isEqualTo(1);
        // and both can be changed again
        assertThat(clients.update(owner, mergedRecord, version(mergedRecord), Map.of("given_name", "Oksana")))
                .isInstanceOf(ClientResult.Done.class);
    }

    @Test
    void aMergeIsUndoneOnlyOnce() {
        twoRecordsOfOnePerson();
        MergeRecord merge = done(merges.merge(owner, survivor, version(survivor), mergedRecord, version(mergedRecord), Map.of()));
        done(merges.unmerge(owner, merge.id()));
        assertThat(problems(merges.unmerge(owner, merge.id()))).containsEntry("merge", "clientmerge.undo.already");
    }

    /**
     * Attack: reading a client's values from the merge tables of a stolen database. The prior
     * values are ciphertexts under the survivor's key, bound to the merge: not in the clear, and a
     * ciphertext moved to another merge or field does not decrypt.
     */
    @Test
    void theMergeTablesHoldNoValueInTheClear() {
        UUID keeper = client(owner, values("given_name", "Olena", "family_name", CANARY, "email", "canary." + CANARY.toLowerCase() + "@example.org",
                "address", "1 " + CANARY + " Lane, Poltava"));
        UUID other = client(owner, values("given_name", "Olena", "family_name", "Kovalenko", "email", "olena.k@example.net",
                "address", "7 Sadova Street, Lviv"));
        MergeRecord merge = done(merges.merge(owner, keeper, version(keeper), other, version(other),
                Map.of("email", MergeChoice.MERGED, "address", MergeChoice.MERGED, "family_name", MergeChoice.MERGED)));
        List<byte[]> priors = jdbc.sql("SELECT prior_value FROM client_merge_value WHERE merge_id = ? AND prior_value IS NOT NULL")
                .param(merge.id().toString()).query((rs, n) -> rs.getBytes(1)).list();
        assertThat(priors).hasSize(3);
        List<String> everything = new ArrayList<>();
        jdbc.sql("SELECT * FROM client_merge").query((rs, n) -> {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                everything.add(String.valueOf(rs.getObject(i)));
            }
            return null;
        }).list();
        jdbc.sql("SELECT merge_id, field_key, prior_value FROM client_merge_value").query((rs, n) -> {
            everything.add(rs.getString(1) + rs.getString(2));
            byte[] bytes = rs.getBytes(3);
            if (bytes != null) {
                everything.add(new String(bytes, StandardCharsets.ISO_8859_1));
                everything.add(HexFormat.of().formatHex(bytes));
            }
            return null;
        }).list();
        for (String canary : List.of(CANARY, CANARY.toLowerCase(), "Poltava")) {
            assertThat(everything).noneMatch(text -> text.contains(canary));
            assertThat(everything).noneMatch(text -> text.contains(HexFormat.of().formatHex(canary.getBytes(StandardCharsets.UTF_8))));
        }
        byte[] prior = jdbc.sql("SELECT prior_value FROM client_merge_value WHERE merge_id = ? AND field_key = 'email'")
                .param(merge.id().toString()).query((rs, n) -> rs.getBytes(1)).single();
        assertThat(new String(cipher.decrypt(keeper, prior, new EncryptionContext("client_merge", merge.id().toString(), "email")),
                StandardCharsets.UTF_8)).isEqualTo("canary." + CANARY.toLowerCase() + "@example.org");
        assertThatThrownBy(() -> cipher.decrypt(keeper, prior, new EncryptionContext("client_merge", UUID.randomUUID().toString(), "email")))
                .isInstanceOf(DecryptionFailed.class);
        assertThatThrownBy(() -> cipher.decrypt(keeper, prior, new EncryptionContext("client_merge", merge.id().toString(), "address")))
                .isInstanceOf(DecryptionFailed.class);
        assertThatThrownBy(() -> cipher.decrypt(other, prior, new EncryptionContext("client_merge", merge.id().toString(), "email")))
                .isInstanceOf(DecryptionFailed.class);
    }

    @Test
    void theUndoIsRefusedWhenAFieldTheMergeChangedWasEditedSinceAndKeepsOtherEdits() {
        twoRecordsOfOnePerson();
        MergeRecord merge = done(merges.merge(owner, survivor, version(survivor), mergedRecord, version(mergedRecord),
                Map.of("email", MergeChoice.MERGED)));
        done(clients.update(owner, survivor, version(survivor), Map.of("given_name", "Olenka")));
        MergeRecord undone = done(merges.unmerge(owner, merge.id()));
        assertThat(undone.undone()).isTrue();
        assertThat(store.values(survivor)).containsEntry("given_name", "Olenka").containsEntry("email", "olena.k@example.org")
                .doesNotContainKey("address");

        MergeRecord again = done(merges.merge(owner, survivor, version(survivor), mergedRecord, version(mergedRecord),
                Map.of("email", MergeChoice.MERGED)));
        done(clients.update(owner, survivor, version(survivor), Map.of("address", "5 Sadova Street, Lviv")));
        Map<String, String> refused = problems(merges.unmerge(owner, again.id()));
        assertThat(refused).containsEntry("merge", "clientmerge.undo.edited").containsEntry("address", "clientmerge.undo.editedField")
                .hasSize(2);
        assertThat(store.find(mergedRecord).orElseThrow().status()).isEqualTo(ClientStatus.MERGED);
        assertThat(store.values(survivor)).containsEntry("address", "5 Sadova Street, Lviv");
    }

    @Test
    void theUndoWaitsForALaterMergeOfTheSurvivorToBeUndoneFirst() {
        twoRecordsOfOnePerson();
        UUID third = client(owner, values("given_name", "Olena", "family_name", "Kovalenko", "email", "olena@example.com"));
        MergeRecord first = done(merges.merge(owner, survivor, version(survivor), mergedRecord, version(mergedRecord), Map.of()));
        MergeRecord second = done(merges.merge(owner, third, version(third), survivor, version(survivor), Map.of()));
        assertThat(problems(merges.unmerge(owner, first.id()))).containsEntry("merge", "clientmerge.undo.survivorMerged");
        done(merges.unmerge(owner, second.id()));
        assertThat(done(merges.unmerge(owner, first.id())).undone()).isTrue();
    }

    @Test
    void aRecordIsNotMergedIntoItselfNorIntoOrFromAMergedRecord() {
        twoRecordsOfOnePerson();
        UUID third = client(owner, values("given_name", "Iryna", "family_name", "Lysenko"));
        assertThat(problems(merges.merge(owner, survivor, version(survivor), survivor, version(survivor), Map.of())))
                .containsEntry("merged", "clientmerge.same");
        done(merges.merge(owner, survivor, version(survivor), mergedRecord, version(mergedRecord), Map.of()));
        assertThat(problems(merges.merge(owner, mergedRecord, version(mergedRecord), third, version(third), Map.of())))
                .containsEntry("survivor", "clientmerge.survivorMerged");
        assertThat(problems(merges.merge(owner, third, version(third), mergedRecord, version(mergedRecord), Map.of())))
                .containsEntry("merged", "clientmerge.alreadyMerged");
        assertThat(store.find(third).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void staleVersionsOfEitherRecordAreRefusedAndNothingIsSaved() {
        twoRecordsOfOnePerson();
        long s = version(survivor);
        long m = version(mergedRecord);
        done(clients.update(owner, mergedRecord, m, Map.of("phone", "+380631110000")));
        assertThat(problems(merges.merge(owner, survivor, s, mergedRecord, m, Map.of()))).containsEntry("version", "clientmerge.stale");
        done(clients.update(owner, survivor, s, Map.of("phone", "+380631110001")));
        assertThat(problems(merges.merge(owner, survivor, s, mergedRecord, version(mergedRecord), Map.of())))
                .containsEntry("version", "clientmerge.stale");
        assertThat(store.find(mergedRecord).orElseThrow().status()).isEqualTo(ClientStatus.ACTIVE);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM client_merge WHERE survivor_id = ?").param(survivor.toString())
                .query(Long.class).single()).isZero();
    }

    @Test
    void choicesAreOnlyForDifferingFieldsSeenInFullOnBoth() {
        twoRecordsOfOnePerson();
        UUID third = client(owner, values("given_name", "Olena", "family_name", "Kovalenko", "emergency_contact", "Someone else"));
        // equal values, unknown fields: nothing to choose
        assertThat(problems(merges.merge(owner, survivor, version(survivor), mergedRecord, version(mergedRecord),
                Map.of("given_name", MergeChoice.MERGED, "no_such_field", MergeChoice.SURVIVOR))))
                .containsEntry("given_name", "clientmerge.choice.invalid").containsEntry("field", "clientmerge.choice.invalid");
        // an administrator sees emergency contacts masked: may not pick the other record's
        assertThat(problems(merges.merge(administrator, third, version(third), mergedRecord, version(mergedRecord),
                Map.of("emergency_contact", MergeChoice.MERGED)))).containsEntry("emergency_contact", "clientmerge.choice.invalid");
        // …but the survivor keeps its own masked value, and a value only the other has is still carried over
        MergeRecord merge = done(merges.merge(administrator, third, version(third), mergedRecord, version(mergedRecord), Map.of()));
        assertThat(store.values(third)).containsEntry("emergency_contact", "Someone else").containsEntry("address", "12 " + CANARY + " Street, Kyiv");
        assertThat(merge.changedFields()).doesNotContain("emergency_contact");
    }

    /** Attack: merging records one may not merge — a role without the permission, and a client out of reach. */
    @Test
    void mergingNeedsTheMergePermissionOnBothRecordsAndAClientOutOfReachLooksAbsent() {
        twoRecordsOfOnePerson();
        teams.assign(owner, survivor, ((Actor.Staff) practitioner).staffId(), TeamRole.LEAD);
        teams.assign(owner, mergedRecord, ((Actor.Staff) practitioner).staffId(), TeamRole.LEAD);
        assertThatThrownBy(() -> merges.merge(practitioner, survivor, version(survivor), mergedRecord, version(mergedRecord), Map.of()))
                .isInstanceOfSatisfying(AccessRefused.class, r -> assertThat(r.looksAbsent()).isFalse());

        RoleDefinition merger = created(roles.create(owner, new Roles.RoleDraft("Records clerk", Reach.CARE_TEAM,
                EnumSet.of(Permission.CLIENT_READ, Permission.CLIENT_MERGE),
                Map.of(Sensitivity.NORMAL, Visibility.FULL, Sensitivity.RESTRICTED, Visibility.FULL))));
        Actor clerk = person(StaffRole.valueOf(merger.key()), "kateryna.clerk");
        teams.assign(owner, survivor, ((Actor.Staff) clerk).staffId(), TeamRole.MEMBER);
        assertThatThrownBy(() -> merges.merge(clerk, survivor, version(survivor), mergedRecord, version(mergedRecord), Map.of()))
                .isInstanceOfSatisfying(AccessRefused.class, r -> assertThat(r.looksAbsent()).isTrue());
        UUID nobodys = UUID.randomUUID();
        assertThatThrownBy(() -> merges.merge(clerk, survivor, version(survivor), nobodys, 1, Map.of()))
                .isInstanceOfSatisfying(AccessRefused.class, r -> assertThat(r.looksAbsent()).isTrue());
        assertThatThrownBy(() -> merges.compare(clerk, survivor, mergedRecord))
                .isInstanceOfSatisfying(AccessRefused.class, r -> assertThat(r.looksAbsent()).isTrue());
        assertThat(store.find(mergedRecord).orElseThrow().status()).isEqualTo(ClientStatus.ACTIVE);

        teams.assign(owner, mergedRecord, ((Actor.Staff) clerk).staffId(), TeamRole.MEMBER);
        MergeRecord merge = done(merges.merge(clerk, survivor, version(survivor), mergedRecord, version(mergedRecord), Map.of()));
        // undoing needs the permission too: the practitioner sees the merge, may not undo it
        assertThat(merges.find(practitioner, merge.id()).id()).isEqualTo(merge.id());
        assertThatThrownBy(() -> merges.unmerge(practitioner, merge.id()))
                .isInstanceOfSatisfying(AccessRefused.class, r -> assertThat(r.looksAbsent()).isFalse());
        // an unknown merge: absent for who holds the permission, refused for who does not
        assertThatThrownBy(() -> merges.unmerge(clerk, UUID.randomUUID()))
                .isInstanceOfSatisfying(AccessRefused.class, r -> assertThat(r.looksAbsent()).isTrue());
        assertThatThrownBy(() -> merges.unmerge(practitioner, UUID.randomUUID()))
                .isInstanceOfSatisfying(AccessRefused.class, r -> assertThat(r.looksAbsent()).isFalse());
    }

    @Test
    void careTeamsDoNotChangeAndTheMergedRecordsTeamIsReported() {
        twoRecordsOfOnePerson();
        StaffId pavlo = ((Actor.Staff) practitioner).staffId();
        teams.assign(owner, mergedRecord, pavlo, TeamRole.LEAD);
        MergeRecord merge = done(merges.merge(owner, survivor, version(survivor), mergedRecord, version(mergedRecord), Map.of()));
        assertThat(merge.teamNotCarried()).extracting(m -> m.staff()).containsExactly(pavlo);
        assertThat(teams.members(owner, survivor)).noneMatch(m -> m.staff().equals(pavlo));
        assertThatThrownBy(() -> clients.profile(practitioner, survivor)).isInstanceOf(AccessRefused.class);
    }

    @Test
    void theComparisonSaysPerFieldWhetherTheValuesAgreeAndRecordsBothAsViewed() {
        twoRecordsOfOnePerson();
        long viewedBefore = audited("clients.viewed", survivor) + audited("clients.viewed", mergedRecord);
        MergeComparison comparison = done(merges.compare(administrator, survivor, mergedRecord));
        Map<String, MergeAgreement> agreements = new LinkedHashMap<>();
        comparison.fields().forEach(f -> agreements.put(f.field().key(), f.agreement()));
        assertThat(agreements).containsEntry("given_name", MergeAgreement.EQUAL).containsEntry("family_name", MergeAgreement.DIFFERENT)
                .containsEntry("email", MergeAgreement.DIFFERENT).containsEntry("tags", MergeAgreement.ONLY_FIRST)
                .containsEntry("address", MergeAgreement.ONLY_SECOND).containsEntry("emergency_contact", MergeAgreement.ONLY_SECOND)
                .containsEntry("alerts", MergeAgreement.EMPTY);
        assertThat(comparison.fields()).filteredOn(MergeField::choosable).extracting(f -> f.field().key())
                .containsExactlyInAnyOrder("family_name", "email", "phone");
        assertThat(comparison.mayMerge()).isTrue();
        assertThat(comparison.notMergeable()).isNull();
        assertThat(audited("clients.viewed", survivor) + audited("clients.viewed", mergedRecord)).isEqualTo(viewedBefore + 2);
        assertThat(problems(merges.compare(owner, survivor, survivor))).containsEntry("second", "clientmerge.same");
    }

    @Test
    void closeSpellingsAcrossScriptsAreOfferedAsDuplicatesWithinTheAskersScopeOnly() {
        UUID cyrillic = client(owner, values("given_name", "Олена", "family_name", "Коваленко", "email", "olena.c@example.org"));
        UUID typo = client(owner, values("given_name", "Olana", "family_name", "Kovalenco"));
        UUID otherBirthDate = client(owner, values("given_name", "Olena", "family_name", "Kovalenko", "date_of_birth", "1990-01-01"));
        UUID stranger = client(owner, values("given_name", "Olena", "family_name", "Shevchenko"));
        UUID mine = client(owner, values("given_name", "Olena", "family_name", "Kovalenko", "date_of_birth", "1975-06-30"));

        List<DuplicateCandidate> found = merges.duplicatesOf(owner, typo);
        assertThat(found).extracting(c -> c.client().id()).contains(cyrillic, otherBirthDate, mine).doesNotContain(stranger, typo);
        assertThat(found).filteredOn(c -> c.client().id().equals(cyrillic)).singleElement()
                .satisfies(c -> assertThat(c.reasons()).containsExactly(DuplicateFinder.SIMILAR_NAME));
        // both have a date of birth, and they differ: not the same person
        assertThat(merges.duplicatesOf(owner, mine)).extracting(c -> c.client().id()).doesNotContain(otherBirthDate).contains(cyrillic, typo);
        assertThat(audited("clients.duplicates_listed", typo)).isEqualTo(1);

        // a practitioner sees only the candidates on their teams (and never a count of the others)
        StaffId pavlo = ((Actor.Staff) practitioner).staffId();
        teams.assign(owner, typo, pavlo, TeamRole.LEAD);
        teams.assign(owner, cyrillic, pavlo, TeamRole.MEMBER);
        assertThat(merges.duplicatesOf(practitioner, typo)).extracting(c -> c.client().id()).containsExactly(cyrillic);

        // creating: the close spelling is offered before a new record is made
        ClientResult<ClientProfile> creating = clients.create(owner, new NewClient(ClientStatus.ACTIVE,
                values("given_name", "Olena", "family_name", "Kovalenkoo"), false));
        assertThat(creating).isInstanceOfSatisfying(ClientResult.PossibleDuplicates.class, d -> assertThat(d.candidates()).isNotEmpty());

        // a merged record is no longer offered, and has no duplicates itself
        done(merges.merge(owner, mine, version(mine), typo, version(typo), Map.of()));
        assertThat(merges.duplicatesOf(owner, cyrillic)).extracting(c -> c.client().id()).doesNotContain(typo).contains(mine);
        assertThat(merges.duplicatesOf(owner, typo)).isEmpty();
    }

    long audited(String action, UUID client) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = ? AND client_id = ?").param(action).param(client.toString())
                .query(Long.class).single();
    }

    static <T> T created(AccessResult<T> result) {
        assertThat(result).isInstanceOf(AccessResult.Done.class);
        return ((AccessResult.Done<T>) result).value();
    }

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock movableClock() {
            return new MutableClock(Instant.parse("2026-11-30T09:00:00Z"));
        }
    }
}
