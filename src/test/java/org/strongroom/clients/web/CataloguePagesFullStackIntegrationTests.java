package org.strongroom.clients.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.strongroom.access.Actor;
import org.strongroom.clients.ClientProfile;
import org.strongroom.clients.ClientResult;
import org.strongroom.clients.ClientStatus;
import org.strongroom.clients.Clients;
import org.strongroom.clients.FieldCatalogue;
import org.strongroom.clients.NewClient;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffRole;
import org.strongroom.identity.StaffStatus;
import org.strongroom.identity.internal.Accounts;
import org.strongroom.testing.HttpsClient;
import org.strongroom.testing.HttpsClient.Response;
import org.strongroom.testing.StaffSignIn;

/**
 * The field catalogue, the data inventory and the export of clients over real HTTPS with real
 * sign-ins: the owner edits a field's purpose and retention, switching a field on without a
 * purpose is refused at the field, a stale edit is refused with a message, someone without
 * {@code settings.manage} gets 403; the inventory and its files; an export downloads as an
 * attachment only with a fresh second factor and only for a role holding {@code client.export}.
 * The last tests move the server's clock past the step-up window.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"strongroom.organisation.time-zone=Europe/Kyiv", "strongroom.audit.checkpoint-poll=1h"})
@Import(CataloguePagesFullStackIntegrationTests.Clocks.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class CataloguePagesFullStackIntegrationTests {

    static final String PASSWORD = "amber-willow-compass-52";
    static final String OWNER_EMAIL = "halyna.petrenko@example.org";
    static final String DESK_EMAIL = "yurii.kravets@example.org";
    static final String CANARY = "Zoreslava-Canary-5512";

    /** Real time plus an offset the tests can move forward (so authenticator codes match until it moves). */
    static final class RunningClock extends Clock {
        private volatile Duration offset = Duration.ZERO;

        void advance(Duration by) {
            offset = offset.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        RunningClock runningClock() {
            return new RunningClock();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    Environment environment;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Accounts accounts;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    RunningClock clock;
    @Autowired
    Clients clients;
    @Autowired
    FieldCatalogue catalogue;

    static final Map<Integer, Object[]> SIGNED_IN = new ConcurrentHashMap<>();

    HttpsClient owner;
    HttpsClient desk;
    ClientProfile client;

    @BeforeEach
    void people() {
        if (!SIGNED_IN.containsKey(port)) {
            StaffId ownerId = account(OWNER_EMAIL, "Halyna Petrenko", StaffRole.OWNER);
            account(DESK_EMAIL, "Yurii Kravets", StaffRole.STAFF);
            ClientResult<ClientProfile> made = clients.create(new Actor.Staff(ownerId, StaffRole.OWNER), new NewClient(ClientStatus.ACTIVE,
                    Map.of("given_name", "=HYPERLINK(\"https://evil.example\")", "family_name", CANARY,
                            "emergency_contact", "Ostap " + CANARY + " +380671234567"), true));
            HttpsClient[] people = {client(), client()};
            StaffSignIn.signIn(people[0], OWNER_EMAIL, PASSWORD);
            StaffSignIn.signIn(people[1], DESK_EMAIL, PASSWORD);
            SIGNED_IN.put(port, new Object[] {people[0], people[1], ((ClientResult.Done<ClientProfile>) made).value()});
        }
        Object[] state = SIGNED_IN.get(port);
        owner = (HttpsClient) state[0];
        desk = (HttpsClient) state[1];
        client = (ClientProfile) state[2];
    }

    HttpsClient client() {
        return new HttpsClient(port, Path.of(environment.getRequiredProperty("strongroom.data-dir"), "tls", "server.crt"));
    }

    StaffId account(String email, String name, StaffRole role) {
        StaffId id = StaffId.random();
        accounts.insert(id, email, name, passwords.encode(PASSWORD), role, StaffStatus.ACTIVE, clock.instant());
        return id;
    }

    static Map<String, String> fieldForm(String sensitivity, String category, String purpose, String amount, String unit,
                                         boolean enabled, long version) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("sensitivity", sensitivity);
        form.put("category", category);
        form.put("purpose", purpose);
        form.put("retentionAmount", amount);
        form.put("retentionUnit", unit);
        if (enabled) {
            form.put("enabled", "on");
        }
        form.put("version", Long.toString(version));
        return form;
    }

    @Test
    @Order(1)
    void ownerSeesEveryFieldAndTheRuleThatAFieldNeedsAPurpose() {
        Response page = owner.get("/admin/catalogue");
        assertThat(page.status()).isEqualTo(200);
        for (var field : catalogue.all()) {
            assertThat(page.body()).as(field.key()).contains("data-field=\"" + field.key() + "\"");
        }
        assertThat(page.body()).contains("A field can be switched on only once its purpose is written down")
                .contains("No purpose yet: needed before it can be switched on").contains("href=\"/admin/catalogue/new\"");
    }

    @Test
    @Order(2)
    void ownerChangesAPurposeAndRetention() {
        long version = catalogue.find("referral_source").orElseThrow().version();
        Response saved = owner.submit("/admin/catalogue/referral_source", "/admin/catalogue/referral_source",
                fieldForm("NORMAL", "OTHER", "To thank whoever referred the client.", "18", "M", true, version));
        assertThat(saved.status()).isEqualTo(302);
        assertThat(saved.header("location")).endsWith("/admin/catalogue");
        var now = catalogue.find("referral_source").orElseThrow();
        assertThat(now.purpose()).isEqualTo("To thank whoever referred the client.");
        assertThat(now.retention()).isEqualTo(java.time.Period.ofMonths(18));
        assertThat(owner.get("/admin/catalogue").body()).contains("Saved: Referral source.").contains("18 months");
    }

    @Test
    @Order(2)
    void switchingAFieldOnWithoutAPurposeIsRefusedAtThePurpose() {
        long version = catalogue.find("pronouns").orElseThrow().version();
        Response refused = owner.submit("/admin/catalogue/pronouns", "/admin/catalogue/pronouns",
                fieldForm("NORMAL", "IDENTITY", "  ", "", "Y", true, version));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("data-error-summary").contains("href=\"#field-purpose\"")
                .contains("id=\"field-purpose-error\"")
                .contains("Say why this data is collected: a field without a purpose cannot be switched on.")
                .containsPattern("id=\"field-purpose\"[^>]*aria-invalid=\"true\"");
        assertThat(catalogue.find("pronouns").orElseThrow().enabled()).isFalse();
    }

    @Test
    @Order(2)
    void ownerAddsACustomField() {
        Map<String, String> form = fieldForm("RESTRICTED", "HEALTH", "To plan sessions around the client's shifts.", "2", "Y", true, 0);
        form.put("key", "shift_pattern");
        form.put("label", "Shift pattern");
        form.put("type", "CHOICE");
        form.put("searchMode", "NONE");
        form.put("choices", "Days\nNights\nRotating");
        form.remove("version");
        Response saved = owner.submit("/admin/catalogue/new", "/admin/catalogue/new", form);
        assertThat(saved.status()).isEqualTo(302);
        assertThat(catalogue.find("shift_pattern").orElseThrow().choices()).containsExactly("Days", "Nights", "Rotating");
        assertThat(owner.get("/admin/catalogue").body()).contains("Saved: Shift pattern.").contains("data-field=\"shift_pattern\"");
    }

    @Test
    @Order(3)
    void aStaleEditIsRefusedWithAMessage() {
        long version = catalogue.find("occupation").orElseThrow().version();
        Response first = owner.submit("/admin/catalogue/occupation", "/admin/catalogue/occupation",
                fieldForm("NORMAL", "OTHER", "To adapt advice to the client's work.", "", "Y", false, version));
        assertThat(first.status()).isEqualTo(302);
        owner.get("/admin/catalogue");
        Response stale = owner.submit("/admin/catalogue/occupation", "/admin/catalogue/occupation",
                fieldForm("NORMAL", "OTHER", "Something else entirely.", "", "Y", false, version));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body()).contains("Someone changed this field while you were editing. Reload to see their change.")
                .contains("To adapt advice to the client&#39;s work.");
        assertThat(catalogue.find("occupation").orElseThrow().purpose()).isEqualTo("To adapt advice to the client's work.");
    }

    @Test
    @Order(3)
    void someoneWithoutSettingsManageCannotReadOrChangeTheCatalogue() {
        assertThat(desk.get("/admin/catalogue").status()).isEqualTo(403);
        assertThat(desk.get("/admin/catalogue/email").status()).isEqualTo(403);
        long version = catalogue.find("email").orElseThrow().version();
        Response posted = desk.submit("/", "/admin/catalogue/email", fieldForm("RESTRICTED", "CONTACT", "x", "", "Y", true, version));
        assertThat(posted.status()).isEqualTo(403);
        assertThat(catalogue.find("email").orElseThrow().version()).isEqualTo(version);
        assertThat(desk.get("/compliance/data-inventory").status()).isEqualTo(403);
        assertThat(desk.get("/clients/export").status()).isEqualTo(403);
    }

    @Test
    @Order(4)
    void theInventoryShowsCountsAChartForTheEyeAndATableForEveryone() {
        Response page = owner.get("/compliance/data-inventory");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<svg aria-hidden=\"true\"").contains("<caption id=\"inventory-caption\">")
                .contains("data-field=\"emergency_contact\"").contains("data-role=\"AUDITOR\" data-visibility=\"HIDDEN\"")
                .doesNotContain(CANARY);
        Response csv = owner.get("/compliance/data-inventory/export?format=csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("content-disposition")).startsWith("attachment; filename=\"strongroom-data-inventory-").endsWith(".csv\"");
        assertThat(csv.header("cache-control")).isEqualTo("no-store");
        assertThat(csv.body()).contains("emergency_contact").doesNotContain(CANARY);
        assertThat(owner.get("/compliance/data-inventory/export?format=json").body()).startsWith("{\"generatedAt\":");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'clients.inventory_exported'").query(Long.class).single())
                .isEqualTo(2);
    }

    @Test
    @Order(4)
    void anExportDownloadsAsAnAttachmentWithValuesAsTheRoleSeesThem() {
        Response page = owner.get("/clients/export");
        assertThat(page.status()).isEqualTo(200);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("mode", "references");
        form.put("references", client.reference());
        form.put("field", "given_name");
        form.put("format", "csv");
        Response download = owner.submit("/clients/export", "/clients/export", form);
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("content-disposition")).startsWith("attachment; filename=\"strongroom-clients-").endsWith(".csv\"");
        assertThat(download.header("cache-control")).isEqualTo("no-store");
        assertThat(download.header("content-type")).startsWith("text/csv");
        assertThat(download.body()).contains(client.reference() + ",ACTIVE,\"'=HYPERLINK(\"\"https://evil.example\"\")\"");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'clients.exported' AND client_id = ?")
                .param(client.id().toString()).query(Long.class).single()).isOne();

        form.put("references", client.reference() + "\nC-1999-00001");
        Response refused = owner.submit("/clients/export", "/clients/export", form);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.header("content-disposition")).isNull();
        assertThat(refused.body()).contains("Nothing was exported").contains("C-1999-00001");
    }

    /** Attack: someone at a signed-in owner's unattended screen takes client records away in bulk. */
    @Test
    @Order(10)
    void anExportWithAStaleSecondFactorAsksForAFreshOneFirst() {
        clock.advance(Duration.ofMinutes(6));
        long before = jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'clients.exported'").query(Long.class).single();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("mode", "references");
        form.put("references", client.reference());
        form.put("field", "family_name");
        form.put("format", "json");
        Response refused = owner.submit("/clients/export", "/clients/export", form);
        assertThat(refused.status()).isEqualTo(302);
        assertThat(refused.header("location")).contains("/mfa/challenge?stepUp&continue=%2Fclients%2Fexport%3Fmode%3Dreferences");
        assertThat(refused.header("content-disposition")).isNull();
        assertThat(refused.body()).doesNotContain(CANARY);
        assertThat(owner.get("/clients/export").body()).contains("Downloading asks for a fresh code");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'clients.exported'").query(Long.class).single())
                .isEqualTo(before);
    }
}
