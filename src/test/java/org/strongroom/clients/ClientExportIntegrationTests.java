package org.strongroom.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffRole;
import org.strongroom.identity.StaffStatus;
import org.strongroom.identity.internal.Accounts;
import org.strongroom.testing.MutableClock;
import org.strongroom.testing.TestFolders;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Exports of selected clients against a real database (SQLite here, PostgreSQL in the subclass):
 * {@code client.export} on every client or nothing, one audit entry per client, values as the
 * role sees them, and files that hostile values cannot break (formula injection in CSV, escaping
 * in JSON).
 */
@Import(ClientExportIntegrationTests.Clocks.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "strongroom.data-dir=target/test-data/client-export", "strongroom.audit.checkpoint-poll=1h",
        "strongroom.audit.verify-schedule=-"})
class ClientExportIntegrationTests {

    static {
        TestFolders.fresh("client-export");
    }

    static final String CANARY = "Yevdokiia-Canary-7731";
    static final String HOSTILE_TEXT = "He said \"stop\" \\ then left\nsecond line\ttab </script><b>";

    @Autowired
    ClientExports exports;
    @Autowired
    Clients clients;
    @Autowired
    Roles roles;
    @Autowired
    CareTeams teams;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;

    Actor owner;
    Actor administrator;
    Actor practitioner;
    Actor caseWorker;

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
        exportedBefore = exportedAll() + exportedBefore;
        owner = person(StaffRole.OWNER, "olena.owner");
        administrator = person(StaffRole.ADMINISTRATOR, "adam.admin");
        practitioner = person(StaffRole.PRACTITIONER, "pavlo.practitioner");
        AccessResult<RoleDefinition> role = roles.create(owner, new Roles.RoleDraft("Case worker", Reach.CARE_TEAM,
                Set.of(Permission.CLIENT_READ, Permission.CLIENT_EXPORT),
                Map.of(Sensitivity.NORMAL, Visibility.FULL, Sensitivity.RESTRICTED, Visibility.HIDDEN)));
        caseWorker = person(StaffRole.valueOf(((AccessResult.Done<RoleDefinition>) role).value().key()), "kira.caseworker");
    }

    Actor person(StaffRole role, String handle) {
        StaffId id = StaffId.random();
        accounts.insert(id, handle + "." + id.toString().substring(0, 8) + "@example.org", handle.replace('.', ' '), null, role,
                StaffStatus.ACTIVE, clock.instant());
        return new Actor.Staff(id, role);
    }

    ClientProfile client(String given, String family, Map<String, String> more) {
        Map<String, String> values = new HashMap<>(more);
        values.put("given_name", given);
        values.put("family_name", family);
        ClientResult<ClientProfile> made = clients.create(owner, new NewClient(ClientStatus.ACTIVE, values, true));
        assertThat(made).as(made.toString()).isInstanceOf(ClientResult.Done.class);
        return ((ClientResult.Done<ClientProfile>) made).value();
    }

    record Download(ExportOutcome outcome, String text, List<String> opened) {
    }

    Download export(Actor actor, ExportSelection selection, List<String> fields, ExportFileFormat format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> opened = new ArrayList<>();
        ExportOutcome outcome = exports.export(actor, new ExportRequest(selection, fields, format), (f, n) -> {
            opened.add(f + ":" + n);
            return out;
        });
        return new Download(outcome, out.toString(StandardCharsets.UTF_8), opened);
    }

    long exported(UUID client) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'clients.exported' AND client_id = ?")
                .param(client.toString()).query(Long.class).single();
    }

    /** Export entries written by this test (the trail keeps those of earlier tests: it is append-only). */
    long exportedAll() {
        return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'clients.exported'").query(Long.class).single() - exportedBefore;
    }

    long exportedBefore;

    @Test
    void exportsTheChosenClientsAndRecordsEachOnce() throws IOException {
        ClientProfile a = client("Oksana", "Melnyk", Map.of("email", "oksana.melnyk@example.org"));
        ClientProfile b = client("Taras", CANARY, Map.of("phone", "+380501112233"));
        Download csv = export(owner, new ExportSelection.References(List.of(a.reference(), " " + b.reference().toLowerCase() + " ")),
                List.of("given_name", "family_name", "email", "phone"), ExportFileFormat.CSV);
        assertThat(csv.outcome()).isEqualTo(new ExportOutcome.Done(2, true));
        assertThat(csv.opened()).containsExactly("CSV:2");
        assertThat(csv.text()).startsWith("\uFEFFreference,status,given_name,family_name,email,phone\r\n")
                .contains(a.reference() + ",ACTIVE,Oksana,Melnyk,oksana.melnyk@example.org,\r\n")
                .contains(b.reference() + ",ACTIVE,Taras," + CANARY + ",,'+380501112233\r\n");
        assertThat(exported(a.id())).isOne();
        assertThat(exported(b.id())).isOne();
        assertThat(jdbc.sql("SELECT reason FROM audit_entry WHERE action = 'clients.exported' AND client_id = ?")
                .param(a.id().toString()).query(String.class).single()).isEqualTo("role_wide");
    }

    /** The canary value leaves only in the download: not in the audit trail's entries about the export. */
    @Test
    void theValueItselfAppearsOnlyInTheDownload() throws IOException {
        ClientProfile a = client("Marta", CANARY, Map.of());
        Download json = export(owner, new ExportSelection.Ids(List.of(a.id())), List.of("family_name"), ExportFileFormat.JSON);
        assertThat(json.text()).contains(CANARY);
        List<String> trail = jdbc.sql("SELECT COALESCE(action, '') || '|' || COALESCE(resource_id, '') || '|' || COALESCE(reason, '') "
                + "|| '|' || COALESCE(client_id, '') FROM audit_entry").query(String.class).list();
        assertThat(String.join("\n", trail)).doesNotContain(CANARY).doesNotContain("Canary");
    }

    /** Attack: a case worker takes a client outside their care team away in a bulk export. */
    @Test
    void oneClientOutOfReachRefusesTheWholeExportAndLooksLikeAMissingOne() throws IOException {
        ClientProfile mine = client("Ivan", "Franko", Map.of());
        ClientProfile notMine = client("Lesia", "Ukrainka", Map.of());
        teams.assign(owner, mine.id(), ((Actor.Staff) caseWorker).staffId(), TeamRole.MEMBER);

        Download refused = export(caseWorker, new ExportSelection.References(List.of(mine.reference(), notMine.reference())),
                List.of("given_name"), ExportFileFormat.CSV);
        assertThat(refused.outcome()).isEqualTo(new ExportOutcome.NotFound(List.of(notMine.reference())));
        Download missing = export(caseWorker, new ExportSelection.References(List.of(mine.reference(), "C-1999-99999")),
                List.of("given_name"), ExportFileFormat.CSV);
        assertThat(missing.outcome()).isEqualTo(new ExportOutcome.NotFound(List.of("C-1999-99999")));
        assertThat(refused.opened()).isEmpty();
        assertThat(refused.text()).isEmpty();
        assertThat(exportedAll()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'access.denied' AND client_id = ?")
                .param(notMine.id().toString()).query(Long.class).single()).isOne();

        Download allowed = export(caseWorker, new ExportSelection.References(List.of(mine.reference())), List.of("given_name"),
                ExportFileFormat.CSV);
        assertThat(allowed.outcome()).isEqualTo(new ExportOutcome.Done(1, true));
        assertThat(exported(mine.id())).isOne();
    }

    @Test
    void aRoleWithoutClientExportIsRefusedOutright() {
        ClientProfile a = client("Roman", "Horbach", Map.of());
        teams.assign(owner, a.id(), ((Actor.Staff) practitioner).staffId(), TeamRole.LEAD);
        assertThatThrownBy(() -> export(practitioner, new ExportSelection.Ids(List.of(a.id())), List.of("given_name"),
                ExportFileFormat.CSV)).isInstanceOfSatisfying(AccessRefused.class, r -> assertThat(r.looksAbsent()).isFalse());
        assertThat(exportedAll()).isZero();
    }

    /** A role cannot export more than it sees: masked stays masked, a hidden field cannot be asked for. */
    @Test
    void valuesLeaveAsTheRoleSeesThem() throws IOException {
        ClientProfile a = client("Nadiia", "Savchenko", Map.of("emergency_contact", "Petro Savchenko +380671234567"));
        Download admin = export(administrator, new ExportSelection.Ids(List.of(a.id())), List.of("given_name", "emergency_contact"),
                ExportFileFormat.CSV);
        assertThat(admin.text()).contains(",Nadiia,\u2022\u2022\u2022\u2022 4567\r\n").doesNotContain("Petro");

        teams.assign(owner, a.id(), ((Actor.Staff) caseWorker).staffId(), TeamRole.MEMBER);
        Download hidden = export(caseWorker, new ExportSelection.Ids(List.of(a.id())), List.of("emergency_contact"), ExportFileFormat.CSV);
        assertThat(hidden.outcome()).isEqualTo(new ExportOutcome.Rejected(Map.of("fields", "clientinventory.export.fieldUnknown")));
        assertThat(exports.exportableFields(caseWorker)).extracting(FieldDefinition::key).doesNotContain("emergency_contact");
        assertThat(exportedAll()).as("the administrator's export only").isOne();
    }

    /** Attack: formula injection (OWASP "CSV Injection") through values someone typed into a record. */
    @Test
    void csvCellsCannotBecomeFormulas() throws IOException {
        ClientProfile a = client("=HYPERLINK(\"https://evil.example\",\"x\")", "+Koval", Map.of("preferred_name", "@SUM(A1:A9)",
                "referral_source", "-2+3", "address", "\tStreet 1, Kyiv\r\nsecond line"));
        Download csv = export(owner, new ExportSelection.Ids(List.of(a.id())),
                List.of("given_name", "family_name", "preferred_name", "referral_source", "address"), ExportFileFormat.CSV);
        String row = csv.text().split("\r\n", 2)[1];
        assertThat(row).contains(",\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"x\"\")\",'+Koval,'@SUM(A1:A9),'-2+3,");
        List<String> cells = parseCsv(row);
        assertThat(cells).hasSize(7);
        for (String cell : cells) {
            assertThat(cell).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("-").doesNotStartWith("@")
                    .doesNotStartWith("\t").doesNotStartWith("\r");
        }
    }

    /** Hostile values (quotes, backslashes, newlines, tabs, markup) leave the JSON well-formed and round-trip exactly. */
    @Test
    void jsonEscapesHostileValues() throws IOException {
        ClientProfile a = client("Ol\u2019ha", "K\u00f6nig-\u0428\u0435\u0432\u0447\u0435\u043d\u043a\u043e",
                Map.of("alerts", HOSTILE_TEXT));
        Download json = export(owner, new ExportSelection.Ids(List.of(a.id())), List.of("given_name", "family_name", "alerts"),
                ExportFileFormat.JSON);
        JsonNode root = JsonMapper.builder().build().readTree(json.text());
        JsonNode values = root.get("clients").get(0).get("values");
        assertThat(values.get("alerts").asString()).isEqualTo(HOSTILE_TEXT);
        assertThat(values.get("family_name").asString()).isEqualTo("K\u00f6nig-\u0428\u0435\u0432\u0447\u0435\u043d\u043a\u043e");
        assertThat(root.get("clients").get(0).get("reference").asString()).isEqualTo(a.reference());
        assertThat(json.text()).doesNotContain("</script>").doesNotContain("\ttab");
    }

    @Test
    void filtersTakeTheMatchingClientsTheAskerMayRead() throws IOException {
        ClientProfile tagged = client("Sofiia", "Tkachenko", Map.of("tags", "Family therapy, Evening"));
        client("Bohdan", "Tkachenko", Map.of("tags", "Evening"));
        ClientProfile closed = client("Mariia", "Rudenko", Map.of("tags", "family therapy"));
        clients.changeStatus(owner, closed.id(), closed.version(), ClientStatus.CLOSED);

        Download byTag = export(owner, new ExportSelection.Matching(Set.of(), "FAMILY THERAPY", null, null), List.of("given_name"),
                ExportFileFormat.CSV);
        assertThat(byTag.outcome()).isEqualTo(new ExportOutcome.Done(2, true));
        Download activeTagged = export(owner, new ExportSelection.Matching(Set.of(ClientStatus.ACTIVE), "family therapy", null, null),
                List.of("given_name"), ExportFileFormat.CSV);
        assertThat(activeTagged.outcome()).isEqualTo(new ExportOutcome.Done(1, true));
        assertThat(activeTagged.text()).contains(tagged.reference()).doesNotContain(closed.reference());
        Download none = export(owner, new ExportSelection.Matching(Set.of(ClientStatus.PROSPECT), null, null, null), List.of("given_name"),
                ExportFileFormat.CSV);
        assertThat(none.outcome()).isEqualTo(new ExportOutcome.Rejected(Map.of("selection", "clientinventory.export.nothingMatched")));
    }

    /** RFC 4180 cells of one record (quoted cells may hold commas, doubled quotes and line breaks). */
    static List<String> parseCsv(String text) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' || c == '\n') {
                break;
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
