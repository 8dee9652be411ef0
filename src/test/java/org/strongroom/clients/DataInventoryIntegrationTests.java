package org.strongroom.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
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
import org.strongroom.access.Actor;
import org.strongroom.access.Permission;
import org.strongroom.access.Reach;
import org.strongroom.access.Roles;
import org.strongroom.access.Sensitivity;
import org.strongroom.access.Visibility;
import org.strongroom.clients.internal.export.InventoryFiles;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffRole;
import org.strongroom.identity.StaffStatus;
import org.strongroom.identity.internal.Accounts;
import org.strongroom.testing.MutableClock;
import org.strongroom.testing.TestFolders;

/**
 * The data inventory against a real database (SQLite here, PostgreSQL in the subclass): counts
 * from live values (merged records left out), who sees each field exactly as each built-in role's
 * definition says, reveals counted from the audit trail, minimisation candidates — and no value
 * anywhere in the report or its files.
 */
@Import(DataInventoryIntegrationTests.Clocks.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "strongroom.data-dir=target/test-data/data-inventory", "strongroom.audit.checkpoint-poll=1h",
        "strongroom.audit.verify-schedule=-"})
class DataInventoryIntegrationTests {

    static {
        TestFolders.fresh("data-inventory");
    }

    /** Fictitious canary values: they must never appear in the inventory. */
    static final String CANARY_NAME = "Zelmira";
    static final String CANARY_CONTACT = "Kvitoslava Canary-Contact 4471";

    @Autowired
    DataInventory inventory;
    @Autowired
    Clients clients;
    @Autowired
    FieldCatalogue catalogue;
    @Autowired
    Roles roles;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;

    Actor owner;
    Actor administrator;
    Actor frontDesk;
    Actor auditor;
    Actor practitioner;

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock movableClock() {
            return new MutableClock(Instant.parse("2026-11-30T09:00:00Z"));
        }
    }

    @BeforeEach
    void people() {
        for (String table : List.of("client_value_history", "client_search_index", "client_value", "client", "care_team_member",
                "access_grant", "access_role", "staff_member")) {
            jdbc.sql("DELETE FROM " + table).update();
        }
        owner = person(StaffRole.OWNER, "olena.owner");
        administrator = person(StaffRole.ADMINISTRATOR, "adam.admin");
        frontDesk = person(StaffRole.STAFF, "fedir.frontdesk");
        auditor = person(StaffRole.AUDITOR, "anna.auditor");
        practitioner = person(StaffRole.PRACTITIONER, "pavlo.practitioner");
    }

    Actor person(StaffRole role, String handle) {
        StaffId id = StaffId.random();
        accounts.insert(id, handle + "." + id.toString().substring(0, 8) + "@example.org", handle.replace('.', ' '), null, role,
                StaffStatus.ACTIVE, clock.instant());
        return new Actor.Staff(id, role);
    }

    UUID client(String given, String family, Map<String, String> more) {
        Map<String, String> values = new HashMap<>(more);
        values.put("given_name", given);
        values.put("family_name", family);
        ClientResult<ClientProfile> made = clients.create(owner, new NewClient(ClientStatus.ACTIVE, values, true));
        assertThat(made).isInstanceOf(ClientResult.Done.class);
        return ((ClientResult.Done<ClientProfile>) made).value().id();
    }

    InventoryField field(InventoryReport report, String key) {
        return report.fields().stream().filter(f -> f.field().key().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void countsClientsWithAValuePerFieldLeavingMergedRecordsOut() {
        for (int i = 0; i < 20; i++) {
            client(CANARY_NAME + i, "Koval", i < 10 ? Map.of("email", "person" + i + "@example.org") : Map.of());
        }
        UUID merged = client(CANARY_NAME, "Merged", Map.of("email", "merged@example.org", "referral_source", "Flyer"));
        jdbc.sql("UPDATE client SET status = 'MERGED' WHERE id = ?").param(merged.toString()).update();

        InventoryReport report = inventory.report(owner);
        assertThat(report.clients()).isEqualTo(20);
        assertThat(field(report, "given_name").filled()).isEqualTo(20);
        assertThat(field(report, "given_name").fillRate()).isEqualTo(1.0);
        assertThat(field(report, "email").filled()).isEqualTo(10);
        assertThat(field(report, "email").percent()).isEqualTo(50);
        assertThat(field(report, "referral_source").filled()).isZero();
        assertThat(report.fields()).hasSize(catalogue.all().size());
        assertThat(lastAction()).isEqualTo("clients.inventory_viewed");
    }

    @Test
    void whoSeesEachFieldMatchesEveryBuiltInRoleDefinition() {
        InventoryReport report = inventory.report(owner);
        assertThat(report.roles()).extracting(InventoryRole::key)
                .startsWith("OWNER", "ADMINISTRATOR", "PRACTITIONER", "STAFF", "AUDITOR", "CLIENT");
        InventoryField email = field(report, "email");
        InventoryField emergency = field(report, "emergency_contact");
        assertThat(email.field().sensitivity()).isEqualTo(Sensitivity.NORMAL);
        assertThat(emergency.field().sensitivity()).isEqualTo(Sensitivity.RESTRICTED);
        assertThat(email.visibility()).containsEntry("OWNER", Visibility.FULL).containsEntry("ADMINISTRATOR", Visibility.FULL)
                .containsEntry("PRACTITIONER", Visibility.FULL).containsEntry("STAFF", Visibility.FULL)
                .containsEntry("AUDITOR", Visibility.HIDDEN).containsEntry("CLIENT", Visibility.FULL);
        assertThat(emergency.visibility()).containsEntry("OWNER", Visibility.FULL).containsEntry("ADMINISTRATOR", Visibility.MASKED)
                .containsEntry("PRACTITIONER", Visibility.FULL).containsEntry("STAFF", Visibility.MASKED)
                .containsEntry("AUDITOR", Visibility.HIDDEN);
        InventoryRole auditorRole = report.roles().stream().filter(r -> r.key().equals("AUDITOR")).findFirst().orElseThrow();
        assertThat(auditorRole.readsClients()).isFalse();
        assertThat(auditorRole.reach()).isEqualTo(Reach.NONE);
        InventoryRole practitionerRole = report.roles().stream().filter(r -> r.key().equals("PRACTITIONER")).findFirst().orElseThrow();
        assertThat(practitionerRole.reach()).isEqualTo(Reach.CARE_TEAM);
    }

    @Test
    void customRolesAreListedWithTheirVisibilityForThoseWhoMaySeeTheRoleMatrix() {
        roles.create(owner, new Roles.RoleDraft("Billing clerk", Reach.ORGANISATION, java.util.Set.of(Permission.CLIENT_READ),
                Map.of(Sensitivity.NORMAL, Visibility.MASKED, Sensitivity.RESTRICTED, Visibility.HIDDEN)));
        InventoryReport report = inventory.report(auditor);
        assertThat(report.customRolesShown()).isTrue();
        InventoryRole clerk = report.roles().stream().filter(r -> "Billing clerk".equals(r.label())).findFirst().orElseThrow();
        assertThat(field(report, "email").visibility()).containsEntry(clerk.key(), Visibility.MASKED);
        assertThat(field(report, "emergency_contact").visibility()).containsEntry(clerk.key(), Visibility.HIDDEN);
    }

    @Test
    void onlyComplianceReadersAndSettingsManagersMayReadIt() {
        assertThat(inventory.report(auditor).fields()).isNotEmpty();
        assertThat(inventory.report(administrator).fields()).isNotEmpty();
        assertThatThrownBy(() -> inventory.report(frontDesk)).isInstanceOf(AccessRefused.class);
        assertThatThrownBy(() -> inventory.report(practitioner)).isInstanceOf(AccessRefused.class);
    }

    @Test
    void suggestsSwitchingOffRarelyFilledFieldsAndHidingNeverRevealedMaskedOnes() {
        UUID withContact = null;
        for (int i = 0; i < 25; i++) {
            UUID id = client(CANARY_NAME + i, "Shevchenko", i == 0 ? Map.of("referral_source", "Flyer", "emergency_contact", CANARY_CONTACT)
                    : Map.of("email", "p" + i + "@example.org", "phone", "+380501234" + String.format("%03d", i)));
            if (i == 0) {
                withContact = id;
            }
        }
        InventoryReport before = inventory.report(owner);
        assertThat(field(before, "referral_source").suggestions()).containsExactly(InventorySuggestion.RARELY_FILLED);
        assertThat(field(before, "emergency_contact").suggestions())
                .contains(InventorySuggestion.RARELY_FILLED, InventorySuggestion.NEVER_REVEALED);
        assertThat(field(before, "email").suggestions()).isEmpty();
        assertThat(field(before, "given_name").suggestions()).isEmpty();
        assertThat(field(before, "national_id").suggestions()).as("off and empty: nothing to do").isEmpty();

        assertThat(clients.reveal(administrator, withContact, "emergency_contact", "verify_identity")).isInstanceOf(ClientResult.Done.class);
        InventoryReport after = inventory.report(owner);
        assertThat(field(after, "emergency_contact").reveals()).isEqualTo(1);
        assertThat(field(after, "emergency_contact").suggestions()).containsExactly(InventorySuggestion.RARELY_FILLED);

        clock.advance(DataInventory.REVEAL_WINDOW.plusDays(1));
        assertThat(field(inventory.report(owner), "emergency_contact").reveals()).as("only the window counts").isZero();
    }

    @Test
    void aFieldSwitchedOffWhileValuesRemainIsACandidate() {
        client(CANARY_NAME, "Bondar", Map.of("referral_source", "Flyer"));
        FieldDefinition referral = catalogue.find("referral_source").orElseThrow();
        catalogue.save(owner, new FieldChange("referral_source", null, referral.type(), referral.sensitivity(), referral.category(),
                referral.purpose(), false, referral.searchMode(), null, false, List.of(), referral.version()));
        assertThat(field(inventory.report(owner), "referral_source").suggestions()).containsExactly(InventorySuggestion.OFF_BUT_KEPT);
    }

    /** Attack: reading client values through the inventory (or its files) instead of the records. */
    @Test
    void noValueAppearsInTheReportOrItsFiles() throws Exception {
        for (int i = 0; i < 3; i++) {
            client(CANARY_NAME, "Canaryenko", Map.of("emergency_contact", CANARY_CONTACT, "email", "zelmira.canary@example.org"));
        }
        InventoryReport report = inventory.export(owner, "csv");
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        InventoryFiles.csv(report, f -> f.key(), csv);
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        InventoryFiles.json(report, f -> f.key(), json);
        for (String text : List.of(report.toString(), csv.toString(StandardCharsets.UTF_8), json.toString(StandardCharsets.UTF_8))) {
            assertThat(text).doesNotContain(CANARY_NAME).doesNotContain("Canary").doesNotContain("zelmira");
        }
        assertThat(csv.toString(StandardCharsets.UTF_8)).contains("emergency_contact").contains("sees:ADMINISTRATOR");
        assertThat(json.toString(StandardCharsets.UTF_8)).contains("\"clientsWithValue\":3");
        assertThat(lastAction()).isEqualTo("clients.inventory_exported");
    }

    String lastAction() {
        return jdbc.sql("SELECT action FROM audit_entry ORDER BY seq DESC LIMIT 1").query(String.class).single();
    }
}
