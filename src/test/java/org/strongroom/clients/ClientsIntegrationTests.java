package org.strongroom.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.strongroom.access.AccessRefused;
import org.strongroom.access.Actor;
import org.strongroom.access.Sensitivity;
import org.strongroom.access.Visibility;
import org.strongroom.crypto.DecryptionFailed;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffRole;
import org.strongroom.identity.StaffStatus;
import org.strongroom.identity.internal.Accounts;
import org.strongroom.testing.MutableClock;
import org.strongroom.testing.TestFolders;

/**
 * Client records against a real database (SQLite here, PostgreSQL in the subclass), real keys and
 * a real audit trail: values are encrypted per client and bound to their place, edits keep their
 * history and refuse stale versions, bad input saves nothing, duplicates are caught, and every
 * read and change asks the access policy and lands in the trail.
 */
@Import(ClientsIntegrationTests.Clocks.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "strongroom.data-dir=target/test-data/clients-core", "strongroom.audit.checkpoint-poll=1h",
        "strongroom.audit.verify-schedule=-", "strongroom.organisation.time-zone=Europe/Kyiv"})
class ClientsIntegrationTests {

    static {
        TestFolders.fresh("clients-core");
    }

    @Autowired
    Clients clients;
    @Autowired
    FieldCatalogue catalogue;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;
    @Value("${strongroom.data-dir}")
    String dataDir;

    Actor owner;
    Actor administrator;
    Actor practitioner;
    Actor colleague;
    Actor frontDesk;
    Actor auditor;

    @BeforeEach
    void people() {
        jdbc.sql("DELETE FROM care_team_member").update();
        jdbc.sql("DELETE FROM staff_member").update();
        owner = person(StaffRole.OWNER, "olha.owner");
        administrator = person(StaffRole.ADMINISTRATOR, "andrii.admin");
        practitioner = person(StaffRole.PRACTITIONER, "petro.practitioner");
        colleague = person(StaffRole.PRACTITIONER, "kira.colleague");
        frontDesk = person(StaffRole.STAFF, "fiona.frontdesk");
        auditor = person(StaffRole.AUDITOR, "artem.auditor");
    }

    Actor person(StaffRole role, String handle) {
        StaffId id = StaffId.random();
        accounts.insert(id, handle + "." + id.toString().substring(0, 8) + "@example.org",
                handle.replace('.', ' '), null, role, StaffStatus.ACTIVE, clock.instant());
        return new Actor.Staff(id, role);
    }

    static Map<String, String> values(String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }

    static String unique(String base) {
        return base + UUID.randomUUID().toString().substring(0, 6);
    }

    ClientProfile created(Actor actor, Map<String, String> values) {
        ClientResult<ClientProfile> result = clients.create(actor, new NewClient(ClientStatus.ACTIVE, values, true));
        assertThat(result).as("create").isInstanceOf(ClientResult.Done.class);
        return ((ClientResult.Done<ClientProfile>) result).value();
    }

    long count() {
        return jdbc.sql("SELECT COUNT(*) FROM client").query(Long.class).single();
    }

    List<String> actions() {
        return jdbc.sql("SELECT action FROM audit_entry ORDER BY seq").query(String.class).list();
    }

    Map<String, Object> lastEntry() {
        return jdbc.sql("SELECT action, reason, resource_type, resource_id, client_id FROM audit_entry"
                + " WHERE seq = (SELECT MAX(seq) FROM audit_entry)").query().singleRow();
    }

    @Test
    void aNewClientGetsAReferenceNumberAndItsValuesNormalisedAndShownBack() {
        ClientProfile made = created(administrator, values("given_name", "  Олена ", "family_name", "Коваленко",
                "email", "Olena.K@Example.ORG", "phone", "050 123 45 67", "date_of_birth", "1988-04-12", "tags", "group, Anxiety,group"));

        assertThat(made.reference()).matches("C-2026-\\d{5}");
        ClientProfile read = clients.profile(administrator, made.id());
        assertThat(read.shown("given_name")).isEqualTo("Олена");
        assertThat(read.shown("email")).isEqualTo("olena.k@example.org");
        assertThat(read.shown("phone")).isEqualTo("+380501234567");
        assertThat(read.shown("tags")).isEqualTo("Anxiety\ngroup");
        assertThat(read.displayName()).isEqualTo("Олена Коваленко");
        assertThat(read.version()).isEqualTo(1);
        assertThat(actions()).contains("clients.created", "clients.viewed");
        assertThat(lastEntry()).containsEntry("action", "clients.viewed").containsEntry("reason", "role_wide")
                .containsEntry("client_id", made.id().toString());
    }

    @Test
    void referenceNumbersCountUpWithoutGaps() {
        String first = created(administrator, values("given_name", "Ada", "family_name", unique("Lovelace"))).reference();
        String second = created(administrator, values("given_name", "Ada", "family_name", unique("Lovelace"))).reference();
        long a = Long.parseLong(first.substring(first.lastIndexOf('-') + 1));
        long b = Long.parseLong(second.substring(second.lastIndexOf('-') + 1));
        assertThat(b).isEqualTo(a + 1);
    }

    @Test
    void badInputIsRefusedAtEachFieldAndNothingIsSaved() {
        long before = count();
        ClientResult<ClientProfile> result = clients.create(administrator, new NewClient(ClientStatus.ACTIVE,
                values("given_name", "Ivan", "family_name", "", "email", "not-an-email", "phone", "12",
                        "date_of_birth", "2999-01-01", "emergency_contact", "Tab\tinside", "no_such_field", "x"), false));

        assertThat(result).isInstanceOfSatisfying(ClientResult.Rejected.class, r -> assertThat(r.problems())
                .containsEntry("family_name", "clients.value.required")
                .containsEntry("email", "clients.value.email")
                .containsEntry("phone", "clients.value.phone")
                .containsEntry("date_of_birth", "clients.value.dateInFuture")
                .containsEntry("emergency_contact", "clients.value.controlCharacters")
                .containsEntry("no_such_field", "clients.value.unknownField"));
        assertThat(count()).isEqualTo(before);
        assertThat(clients.create(administrator, new NewClient(ClientStatus.MERGED, values("given_name", "A", "family_name", "B"), true)))
                .isInstanceOf(ClientResult.Rejected.class);
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void aStaleEditIsRefusedAndTellsWhichFieldsChangedMeanwhile() {
        ClientProfile made = created(administrator, values("given_name", "Taras", "family_name", unique("Shevchuk"), "phone", "+380501112233"));
        var first = clients.update(administrator, made.id(), made.version(), values("phone", "+380671112233"));
        assertThat(first).isInstanceOf(ClientResult.Done.class);

        var stale = clients.update(frontDesk, made.id(), made.version(), values("email", "taras@example.org"));

        assertThat(stale).isInstanceOfSatisfying(ClientResult.Conflict.class, c -> {
            assertThat(c.changedFields()).containsExactly("phone");
            assertThat(c.current().shown("phone")).isEqualTo("+380671112233");
            assertThat(c.current().version()).isEqualTo(2);
        });
        assertThat(clients.profile(administrator, made.id()).shown("email")).isNull();
    }

    @Test
    void everyChangeKeepsItsHistoryWithOldAndNewValues() {
        ClientProfile made = created(administrator, values("given_name", "Marta", "family_name", unique("Bondar"), "email", "marta@example.org"));
        clients.update(administrator, made.id(), 1, values("email", "marta.b@example.org", "referral_source", "Website"));
        clients.changeStatus(administrator, made.id(), 2, ClientStatus.CLOSED);

        List<HistoryEntry> history = clients.history(administrator, made.id());

        assertThat(history).extracting(HistoryEntry::fieldKey, HistoryEntry::cause, HistoryEntry::oldValue, HistoryEntry::newValue)
                .contains(org.assertj.core.groups.Tuple.tuple("status", "close", "ACTIVE", "CLOSED"),
                        org.assertj.core.groups.Tuple.tuple("email", "edit", "marta@example.org", "marta.b@example.org"),
                        org.assertj.core.groups.Tuple.tuple("referral_source", "edit", null, "Website"),
                        org.assertj.core.groups.Tuple.tuple("email", "create", null, "marta@example.org"));
        assertThat(history.get(0).fieldKey()).isEqualTo("status");
        assertThat(actions()).contains("clients.updated", "clients.closed", "clients.history_viewed");
        ClientProfile closed = clients.profile(administrator, made.id());
        assertThat(closed.status()).isEqualTo(ClientStatus.CLOSED);
        assertThat(closed.closedAt()).isNotNull();
        assertThat(clients.changeStatus(administrator, made.id(), closed.version(), ClientStatus.ACTIVE)).isInstanceOf(ClientResult.Done.class);
        assertThat(actions()).contains("clients.reopened");
    }

    @Test
    void aPractitionerWhoCreatesAClientLeadsItsTeamAndAnotherPractitionerCannotTellItExists() {
        ClientProfile made = created(practitioner, values("given_name", "Roman", "family_name", unique("Hnatiuk")));

        assertThat(clients.profile(practitioner, made.id()).displayName()).startsWith("Roman");
        assertThat(actions()).contains("access.team_member_added");
        AccessRefused refused = org.assertj.core.api.Assertions.catchThrowableOfType(AccessRefused.class,
                () -> clients.profile(colleague, made.id()));
        assertThat(refused.looksAbsent()).isTrue();
        AccessRefused missing = org.assertj.core.api.Assertions.catchThrowableOfType(AccessRefused.class,
                () -> clients.profile(colleague, UUID.randomUUID()));
        assertThat(missing.looksAbsent()).isTrue();
        assertThatThrownBy(() -> clients.update(colleague, made.id(), 1, values("given_name", "Hijack")))
                .isInstanceOf(AccessRefused.class);
        assertThat(clients.profile(practitioner, made.id()).shown("given_name")).isEqualTo("Roman");
        AccessRefused auditorRefused = org.assertj.core.api.Assertions.catchThrowableOfType(AccessRefused.class,
                () -> clients.profile(auditor, made.id()));
        assertThat(auditorRefused).isNotNull();
    }

    @Test
    void theFrontDeskSeesRestrictedValuesMaskedCannotEditThemAndRevealsOnPurposeOnTheRecord() {
        ClientProfile made = created(administrator, values("given_name", "Nina", "family_name", unique("Lysenko"),
                "emergency_contact", "Brother Oleh +380501234599", "alerts", "Peanut allergy"));

        ClientProfile seen = clients.profile(frontDesk, made.id());
        assertThat(seen.value("emergency_contact")).hasValueSatisfying(v -> {
            assertThat(v.visibility()).isEqualTo(Visibility.MASKED);
            assertThat(v.shown()).startsWith("••••").doesNotContain("Oleh");
            assertThat(v.editable()).isFalse();
        });
        assertThat(clients.update(frontDesk, made.id(), made.version(), values("emergency_contact", "Someone else")))
                .isInstanceOfSatisfying(ClientResult.Rejected.class,
                        r -> assertThat(r.problems()).containsEntry("emergency_contact", "clients.value.notEditable"));

        var revealed = clients.reveal(frontDesk, made.id(), "emergency_contact", "client_request");

        assertThat(revealed).isInstanceOfSatisfying(ClientResult.Done.class,
                d -> assertThat(d.value()).isEqualTo(java.util.Optional.of("Brother Oleh +380501234599")));
        assertThat(lastEntry()).containsEntry("action", "access.field_revealed").containsEntry("client_id", made.id().toString());
        assertThat(clients.reveal(frontDesk, made.id(), "emergency_contact", "because")).isInstanceOf(ClientResult.Rejected.class);
        assertThat(clients.reveal(administrator, made.id(), "given_name", "client_request")).isInstanceOf(ClientResult.Rejected.class);
    }

    @Test
    void theSameEmailOrNameAndBirthDateIsFlaggedAsAPossibleDuplicateOnlyToThoseWhoMaySeeIt() {
        String family = unique("Melnyk");
        String email = unique("s.melnyk") + "@example.org";
        ClientProfile first = created(administrator, values("given_name", "Olena", "family_name", family, "email", email,
                "date_of_birth", "1990-02-03"));

        var byEmail = clients.create(frontDesk, new NewClient(ClientStatus.PROSPECT, values("given_name", "S", "family_name", "X",
                "email", email.toUpperCase()), false));
        assertThat(byEmail).isInstanceOf(ClientResult.PossibleDuplicates.class);
        List<DuplicateCandidate> emailMatches = ((ClientResult.PossibleDuplicates<ClientProfile>) byEmail).candidates();
        assertThat(emailMatches).singleElement().satisfies(c -> {
            assertThat(c.client().id()).isEqualTo(first.id());
            assertThat(c.reasons()).containsExactly("email");
        });
        var byNameAndBirth = clients.create(frontDesk, new NewClient(ClientStatus.PROSPECT, values("given_name", "ОЛЕНА",
                "family_name", family, "date_of_birth", "1990-02-03"), false));
        assertThat(byNameAndBirth).isInstanceOf(ClientResult.PossibleDuplicates.class);
        assertThat(((ClientResult.PossibleDuplicates<ClientProfile>) byNameAndBirth).candidates())
                .extracting(DuplicateCandidate::reasons).containsExactly(java.util.Set.of("name_birth_date"));
        // a practitioner never learns that a client outside their teams matched
        assertThat(clients.create(practitioner, new NewClient(ClientStatus.PROSPECT, values("given_name", "Sofia", "family_name", "Y",
                "email", email), false))).isInstanceOf(ClientResult.Done.class);
        // acknowledged: created anyway
        assertThat(clients.create(frontDesk, new NewClient(ClientStatus.PROSPECT, values("given_name", "Sofia", "family_name", "Z",
                "email", email), true))).isInstanceOf(ClientResult.Done.class);
    }

    /** Attack: a database user copies one client's ciphertext into another client's row (or field). */
    @Test
    void aCiphertextCopiedToAnotherClientOrFieldDoesNotDecrypt() {
        ClientProfile victim = created(administrator, values("given_name", "Vira", "family_name", unique("Tkachenko"), "email", "vira@example.org"));
        ClientProfile other = created(administrator, values("given_name", "Oleh", "family_name", unique("Savchuk"), "email", "oleh@example.org"));
        byte[] stolen = jdbc.sql("SELECT ciphertext FROM client_value WHERE client_id = ? AND field_key = 'email'")
                .param(victim.id().toString()).query(byte[].class).single();

        jdbc.sql("UPDATE client_value SET ciphertext = ? WHERE client_id = ? AND field_key = 'email'").param(stolen)
                .param(other.id().toString()).update();
        assertThatThrownBy(() -> clients.profile(administrator, other.id())).isInstanceOf(DecryptionFailed.class);

        jdbc.sql("UPDATE client_value SET ciphertext = ? WHERE client_id = ? AND field_key = 'given_name'").param(stolen)
                .param(victim.id().toString()).update();
        assertThatThrownBy(() -> clients.profile(administrator, victim.id())).isInstanceOf(DecryptionFailed.class);
    }

    /** Canary: names, emails, phones, dates and notes typed into records never reach the data folder in clear. */
    @Test
    void noPersonalValueIsStoredInClear() throws Exception {
        String canary = "Zqcanary" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String email = canary.toLowerCase() + "@example.org";
        ClientProfile made = created(administrator, values("given_name", canary, "family_name", canary + "Fam", "email", email,
                "phone", "+380931234567", "alerts", canary + " alert", "address", canary + " street 1", "tags", canary + "tag"));
        clients.update(administrator, made.id(), 1, values("alerts", canary + " changed"));
        clients.history(administrator, made.id());
        clients.reveal(frontDesk, made.id(), "alerts", "client_request");

        List<String> needles = List.of(canary, canary.toLowerCase(), email, "+380931234567", "380931234567");
        boolean referenceSeen = false;
        for (Path file : filesToScan()) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (java.nio.file.NoSuchFileException | java.nio.file.AccessDeniedException gone) {
                continue; // another process's temporary file, removed or locked while we looked
            }
            String latin = new String(bytes, StandardCharsets.ISO_8859_1);
            String utf16 = new String(bytes, StandardCharsets.UTF_16LE);
            referenceSeen |= latin.contains(made.reference());
            for (String needle : needles) {
                assertThat(latin).as(file + " holds " + needle).doesNotContain(needle);
                assertThat(utf16).as(file + " holds " + needle + " (UTF-16)").doesNotContain(needle);
            }
        }
        // the scan reads where the rows are: the reference number, stored in clear by design, is found
        assertThat(referenceSeen).as("the scan sees the client table").isTrue();
    }

    /** The files that hold what the server wrote: the data folder (database, WAL, logs, keys) and, on PostgreSQL, its files. */
    List<Path> filesToScan() throws Exception {
        if (jdbc.sql("SELECT 1").query(Integer.class).single() == 1 && !postgres()) {
            jdbc.sql("PRAGMA wal_checkpoint(PASSIVE)").query((rs, n) -> 0).list();
        }
        List<Path> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of(dataDir))) {
            files.filter(Files::isRegularFile).forEach(out::add);
        }
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> files = Files.list(tmp)) {
            files.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().startsWith("sqlite")
                    || p.getFileName().toString().startsWith("strongroom")).forEach(out::add);
        }
        out.addAll(databaseFiles());
        assertThat(out).isNotEmpty();
        return out;
    }

    boolean postgres() {
        return false;
    }

    /** The database server's own files, for PostgreSQL (the SQLite database is in the data folder). */
    List<Path> databaseFiles() throws Exception {
        return List.of();
    }

    @Test
    void onlyOwnersAndAdministratorsChangeTheCatalogueAndAFieldWithoutAPurposeCannotBeSwitchedOn() {
        FieldDefinition nationalId = catalogue.find("national_id").orElseThrow();
        FieldChange enableWithoutPurpose = new FieldChange("national_id", null, nationalId.type(), nationalId.sensitivity(),
                nationalId.category(), "", false, nationalId.searchMode(), null, true, List.of(), nationalId.version());

        assertThat(catalogue.save(owner, enableWithoutPurpose)).isInstanceOfSatisfying(ClientResult.Rejected.class,
                r -> assertThat(r.problems()).containsEntry("purpose", "clients.catalogue.purposeNeeded"));
        assertThatThrownBy(() -> catalogue.save(frontDesk, enableWithoutPurpose)).isInstanceOf(AccessRefused.class);
        assertThatThrownBy(() -> catalogue.save(practitioner, enableWithoutPurpose)).isInstanceOf(AccessRefused.class);

        String key = "allergy_" + UUID.randomUUID().toString().substring(0, 4);
        var added = catalogue.save(owner, new FieldChange(key, "Preferred session time", FieldType.CHOICE, Sensitivity.NORMAL,
                FieldCategory.OTHER, "To book sessions at times the client can attend.", false, SearchMode.NONE, "P1Y", true,
                List.of("Morning", "Afternoon", "Evening"), null));
        assertThat(added).isInstanceOf(ClientResult.Done.class);
        ClientProfile made = created(administrator, values("given_name", "Yurii", "family_name", unique("Koval"), key, "Evening"));
        assertThat(clients.profile(administrator, made.id()).shown(key)).isEqualTo("Evening");
        assertThat(clients.update(administrator, made.id(), 1, values(key, "Night"))).isInstanceOfSatisfying(ClientResult.Rejected.class,
                r -> assertThat(r.problems()).containsEntry(key, "clients.value.choice"));
        assertThat(actions()).contains("clients.field_created");

        FieldDefinition stale = catalogue.find(key).orElseThrow();
        catalogue.save(owner, new FieldChange(key, "Session time", FieldType.CHOICE, Sensitivity.NORMAL, FieldCategory.OTHER,
                "To book sessions.", false, SearchMode.NONE, null, true, List.of("Morning", "Evening"), stale.version()));
        assertThat(catalogue.save(owner, new FieldChange(key, "Time", FieldType.CHOICE, Sensitivity.NORMAL, FieldCategory.OTHER,
                "To book sessions.", false, SearchMode.NONE, null, true, List.of("Morning"), stale.version())))
                .isInstanceOfSatisfying(ClientResult.Rejected.class, r -> assertThat(r.problems()).containsKey("version"));
    }

    @Test
    void theFrontDeskMayNotCloseARecordAndARefusalChangesNothing() {
        ClientProfile made = created(administrator, values("given_name", "Iryna", "family_name", unique("Pavlenko")));
        assertThatThrownBy(() -> clients.changeStatus(frontDesk, made.id(), 1, ClientStatus.CLOSED)).isInstanceOf(AccessRefused.class);
        assertThat(clients.profile(administrator, made.id()).status()).isEqualTo(ClientStatus.ACTIVE);
        assertThat(clients.changeStatus(frontDesk, made.id(), 1, ClientStatus.INACTIVE)).isInstanceOf(ClientResult.Done.class);
        Map<String, Object> row = new HashMap<>(jdbc.sql("SELECT status, version FROM client WHERE id = ?")
                .param(made.id().toString()).query().singleRow());
        assertThat(row.get("status")).isEqualTo("INACTIVE");
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
