package org.strongroom.access.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.strongroom.access.Permission;
import org.strongroom.crypto.ClientKeys;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffRole;
import org.strongroom.identity.StaffStatus;
import org.strongroom.identity.internal.Accounts;
import org.strongroom.testing.HttpsClient;
import org.strongroom.testing.HttpsClient.Response;
import org.strongroom.testing.StaffSignIn;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;

import jakarta.mail.internet.MimeMessage;

/**
 * The access pages over real HTTPS with real sign-ins (password and authenticator app) and a real
 * SMTP server (GreenMail): the permission matrix (editable for the owner, read-only for an
 * administrator), the custom role form (create, edit, stale edit, delete, bad input), the
 * break-the-glass review queue and break-the-glass itself, with the refusals of each role that
 * may not use a page. The server's clock runs in real time; the last tests move it past the
 * step-up window (after every sign-in is done, so authenticator codes still match).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"strongroom.organisation.time-zone=Europe/Kyiv", "strongroom.audit.checkpoint-poll=1h"})
@Import(AccessPagesFullStackIntegrationTests.Clocks.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class AccessPagesFullStackIntegrationTests {

    static final String PASSWORD = "quartz-meadow-lantern-39";
    static final String OWNER_EMAIL = "olena.kovalenko@example.org";
    static final String OWNER_NAME = "Olena Kovalenko";
    static final String ADMIN_EMAIL = "dmytro.savchuk@example.org";
    static final String ADMIN_NAME = "Dmytro Savchuk";
    static final String PRACTITIONER_EMAIL = "iryna.lysenko@example.org";
    static final String PRACTITIONER_NAME = "Iryna Lysenko";
    static final String DESK_EMAIL = "petro.moroz@example.org";
    static final String DESK_NAME = "Petro Moroz";
    static final String REASON = "Client collapsed in the waiting room; need allergy details now.";
    static final UUID CLIENT = UUID.fromString("5b9e2c1a-0000-4000-8000-000000000061");
    static final UUID OWNERS_CLIENT = UUID.fromString("5b9e2c1a-0000-4000-8000-000000000062");
    static final UUID STALE_CLIENT = UUID.fromString("5b9e2c1a-0000-4000-8000-000000000063");

    /** One SMTP server for both databases' servers (the subclasses share it; it ends with the test JVM). */
    static final GreenMail MAIL = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    static {
        MAIL.start();
    }

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("strongroom.mail.host", () -> "localhost");
        registry.add("strongroom.mail.port", () -> MAIL.getSmtp().getPort());
        registry.add("strongroom.mail.starttls", () -> "false");
        registry.add("strongroom.mail.from", () -> "strongroom@example.org");
    }

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
    ClientKeys clientKeys;

    /** Per server (the subclasses' contexts differ): owner, administrator, practitioner, front desk. */
    static final Map<Integer, HttpsClient[]> SIGNED_IN = new ConcurrentHashMap<>();

    HttpsClient owner;
    HttpsClient admin;
    HttpsClient practitioner;
    HttpsClient desk;

    @BeforeEach
    void people() {
        if (!SIGNED_IN.containsKey(port)) {
            account(OWNER_EMAIL, OWNER_NAME, StaffRole.OWNER);
            account(ADMIN_EMAIL, ADMIN_NAME, StaffRole.ADMINISTRATOR);
            account(PRACTITIONER_EMAIL, PRACTITIONER_NAME, StaffRole.PRACTITIONER);
            account(DESK_EMAIL, DESK_NAME, StaffRole.STAFF);
            // The clients module comes later; a client exists for access as far as it has a key (reasons are sealed with it).
            for (UUID client : List.of(CLIENT, OWNERS_CLIENT, STALE_CLIENT)) {
                clientKeys.create(client);
            }
            HttpsClient[] clients = {client(), client(), client(), client()};
            StaffSignIn.signIn(clients[0], OWNER_EMAIL, PASSWORD);
            StaffSignIn.signIn(clients[1], ADMIN_EMAIL, PASSWORD);
            StaffSignIn.signIn(clients[2], PRACTITIONER_EMAIL, PASSWORD);
            StaffSignIn.signIn(clients[3], DESK_EMAIL, PASSWORD);
            SIGNED_IN.put(port, clients);
        }
        HttpsClient[] clients = SIGNED_IN.get(port);
        owner = clients[0];
        admin = clients[1];
        practitioner = clients[2];
        desk = clients[3];
    }

    HttpsClient client() {
        return new HttpsClient(port, Path.of(environment.getRequiredProperty("strongroom.data-dir"), "tls", "server.crt"));
    }

    StaffId account(String email, String name, StaffRole role) {
        StaffId id = StaffId.random();
        accounts.insert(id, email, name, passwords.encode(PASSWORD), role, StaffStatus.ACTIVE, clock.instant());
        return id;
    }

    long customRoles() {
        return jdbc.sql("SELECT COUNT(*) FROM access_role").query(Long.class).single();
    }

    long breakGlassUses(UUID client) {
        return jdbc.sql("SELECT COUNT(*) FROM access_grant WHERE kind = 'BREAK_GLASS' AND client_id = ?")
                .param(client.toString()).query(Long.class).single();
    }

    /** A role form as a browser sends it: label, reach, the permissions ticked, visibility per level, version. */
    static Map<String, String> roleForm(String label, String reach, String version, String... permissions) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("label", label);
        form.put("reach", reach);
        form.put("view.NORMAL", "FULL");
        form.put("view.RESTRICTED", "MASKED");
        form.put("view.HIGHLY_RESTRICTED", "HIDDEN");
        form.put("version", version);
        for (int i = 0; i < permissions.length; i++) {
            // HttpsClient posts a map; repeated fields are joined below.
            form.put("permission#" + i, permissions[i]);
        }
        return form;
    }

    /** Posts a form whose keys {@code permission#n} stand for repeated {@code permission} fields. */
    Response postForm(HttpsClient http, String page, String action, Map<String, String> form) {
        String token = HttpsClient.csrfToken(http.get(page).body());
        Map<String, String> body = new LinkedHashMap<>();
        List<String> repeated = new ArrayList<>();
        form.forEach((k, v) -> {
            if (k.startsWith("permission#")) {
                repeated.add(v);
            } else {
                body.put(k, v);
            }
        });
        body.put("_csrf", token);
        // The test client takes a map; encode repeated fields by hand into one raw body.
        StringBuilder raw = new StringBuilder();
        body.forEach((k, v) -> append(raw, k, v));
        repeated.forEach(v -> append(raw, "permission", v));
        return http.postEncoded(action, raw.toString());
    }

    private static void append(StringBuilder raw, String key, String value) {
        if (!raw.isEmpty()) {
            raw.append('&');
        }
        raw.append(java.net.URLEncoder.encode(key, java.nio.charset.StandardCharsets.UTF_8)).append('=')
                .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
    }

    static int count(String html, String needle) {
        int n = 0;
        for (int i = html.indexOf(needle); i >= 0; i = html.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    @Order(1)
    void matrixShowsEveryPermissionRowAndEveryBuiltInColumn() {
        Response page = owner.get("/admin/roles");
        assertThat(page.status()).isEqualTo(200);
        String html = page.body();
        for (Permission permission : Permission.values()) {
            assertThat(html).as(permission.code()).contains("data-permission=\"" + permission.code() + "\"");
        }
        for (String role : List.of("OWNER", "ADMINISTRATOR", "PRACTITIONER", "STAFF", "AUDITOR", "CLIENT")) {
            assertThat(html).as(role).contains("<th scope=\"col\" data-role=\"" + role + "\">");
        }
        assertThat(html).contains("<caption id=\"matrix-caption\">").contains("<th scope=\"rowgroup\" colspan=\"7\">Clients</th>")
                .contains("<th scope=\"rowgroup\" colspan=\"7\">Reach and visibility</th>")
                .contains("Runs the office").contains("href=\"/admin/roles/new\"");
        // Six built-in columns per permission row, each with words, not only a mark.
        int cells = Permission.values().length * 6;
        assertThat(count(html, "<span class=\"visually-hidden\">allowed</span>")
                + count(html, "<span class=\"visually-hidden\">not allowed</span>")).isEqualTo(cells);
        // The owner holds every permission: as many "allowed" as permissions in the owner's column at least.
        assertThat(count(html, "<span class=\"visually-hidden\">allowed</span>")).isGreaterThanOrEqualTo(Permission.values().length);
    }

    @Test
    @Order(1)
    void administratorSeesTheMatrixReadOnlyAndCannotChangeRoles() {
        Response page = admin.get("/admin/access/roles");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("data-permission=\"client.read\"").contains("only someone allowed to manage roles")
                .doesNotContain("href=\"/admin/roles/new\"");
        assertThat(admin.get("/admin/roles").status()).isEqualTo(403);
        assertThat(admin.get("/admin/roles/new").status()).isEqualTo(403);
        long before = customRoles();
        Response post = postForm(admin, "/admin/access/roles", "/admin/roles/new",
                roleForm("Sneaky role", "ORGANISATION", "0", "client.read"));
        assertThat(post.status()).isEqualTo(403);
        assertThat(customRoles()).isEqualTo(before);
    }

    /** Attack: a practitioner or front-desk member opening the owner's pages. */
    @Test
    @Order(1)
    void practitionerAndFrontDeskCannotReachRolesOrTheReviewQueue() {
        for (HttpsClient http : List.of(practitioner, desk)) {
            for (String path : List.of("/admin/roles", "/admin/roles/new", "/admin/access/roles", "/admin/access/reviews")) {
                Response page = http.get(path);
                assertThat(page.status()).as(path).isEqualTo(403);
                assertThat(page.body()).as(path).doesNotContain("data-permission").doesNotContain("<table");
            }
        }
        Response review = practitioner.submit("/", "/admin/access/reviews/" + UUID.randomUUID(),
                Map.of("verdict", "justified", "note", ""));
        assertThat(review.status()).isEqualTo(403);
    }

    @Test
    @Order(2)
    void ownerCreatesEditsAndDeletesACustomRole() {
        Response form = owner.get("/admin/roles/new");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("<label for=\"role-label\">Name</label>").contains("id=\"perm-client.read\"")
                .contains("<legend>Clients</legend>").contains("name=\"view.RESTRICTED\"").contains("name=\"version\" value=\"0\"");

        Response created = postForm(owner, "/admin/roles/new", "/admin/roles/new",
                roleForm("Billing clerk", "ORGANISATION", "0", "client.read", "appointment.read"));
        assertThat(created.status()).isEqualTo(302);
        assertThat(created.header("location")).endsWith("/admin/roles");
        String key = jdbc.sql("SELECT role_key FROM access_role WHERE label = 'Billing clerk'").query(String.class).single();
        Response matrix = owner.get("/admin/roles");
        assertThat(matrix.body()).contains("The role \u201cBilling clerk\u201d was created.")
                .contains("data-role=\"" + key + "\"").contains("href=\"/admin/roles/" + key + "\"");

        Response edit = owner.get("/admin/roles/" + key);
        assertThat(edit.status()).isEqualTo(200);
        assertThat(edit.body()).contains("value=\"Billing clerk\"").contains("name=\"version\" value=\"1\"")
                .contains("Accounts holding this role: 0.");
        Response saved = postForm(owner, "/admin/roles/" + key, "/admin/roles/" + key,
                roleForm("Billing clerks", "ORGANISATION", "1", "client.read"));
        assertThat(saved.status()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT version FROM access_role WHERE role_key = ?").param(key).query(Long.class).single()).isEqualTo(2);

        // A second tab still holding version 1: refused, shown the role as it now is.
        Response stale = postForm(owner, "/admin/roles/" + key, "/admin/roles/" + key,
                roleForm("Billing team", "CARE_TEAM", "1", "client.read", "client.update"));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body()).contains("Someone changed this role while you were editing it")
                .contains("value=\"Billing clerks\"").contains("name=\"version\" value=\"2\"");
        assertThat(jdbc.sql("SELECT label FROM access_role WHERE role_key = ?").param(key).query(String.class).single())
                .isEqualTo("Billing clerks");

        // Held by someone: not deleted.
        StaffId holder = account("halyna.rudenko@example.org", "Halyna Rudenko", StaffRole.valueOf(key));
        Response held = postForm(owner, "/admin/roles/" + key, "/admin/roles/" + key + "/delete", Map.of("version", "2"));
        assertThat(held.status()).isEqualTo(409);
        assertThat(held.body()).contains("Someone still holds this role").contains("Accounts holding this role: 1.");
        assertThat(customRoles()).isOne();

        accounts.updateRole(holder, StaffRole.STAFF);
        Response deleted = postForm(owner, "/admin/roles/" + key, "/admin/roles/" + key + "/delete", Map.of("version", "2"));
        assertThat(deleted.status()).isEqualTo(302);
        assertThat(customRoles()).isZero();
        assertThat(owner.get("/admin/roles/" + key).status()).isEqualTo(404);
        assertThat(owner.get("/admin/roles/OWNER").status()).as("built-in roles have no form").isEqualTo(404);
        assertThat(owner.get("/admin/roles/not%20a%20key").status()).isEqualTo(404);
    }

    /** Attack: mass assignment and malformed values in the role form (each answered at its field, never a 500). */
    @Test
    @Order(3)
    void badRolePostsAreRefusedAtTheirFieldAndStoreNothing() {
        Map<String, Map<String, String>> cases = new LinkedHashMap<>();
        cases.put("Give the role a name.", roleForm("", "CARE_TEAM", "0", "client.read"));
        cases.put("One of the permissions sent is not known.", roleForm("Night cover", "CARE_TEAM", "0", "client.read", "client.read_all"));
        cases.put("Keep the role name under 80 characters.", roleForm("x".repeat(10_000), "CARE_TEAM", "0", "client.read"));
        cases.put("Choose which clients the role reaches.", roleForm("Portal twin", "OWN_RECORD", "0", "client.read"));
        cases.put("Choose which clients the role reaches.", roleForm("Galaxy", "GALAXY", "0", "client.read"));
        cases.put("Choose at least one permission.", roleForm("Nothing at all", "NONE", "0"));
        Map<String, String> badView = roleForm("Odd view", "CARE_TEAM", "0", "client.read");
        badView.put("view.HIGHLY_RESTRICTED", "TRANSPARENT");
        cases.put("Choose full, masked or hidden.", badView);
        long before = customRoles();
        cases.forEach((message, form) -> {
            Response refused = postForm(owner, "/admin/roles/new", "/admin/roles/new", form);
            assertThat(refused.status()).as(message).isEqualTo(422);
            assertThat(refused.body()).as(message).contains(message).contains("aria-invalid=\"true\"")
                    .contains("The role was not saved.").doesNotContain("Exception").doesNotContain("x".repeat(300));
        });
        assertThat(customRoles()).isEqualTo(before);
        Response empty = postForm(owner, "/admin/roles/new", "/admin/roles/new", roleForm("", "CARE_TEAM", "0", "client.read"));
        assertThat(empty.body()).contains("aria-invalid=\"true\" aria-describedby=\"role-label-hint role-label-error\"");
    }

    @Test
    @Order(4)
    void practitionerBreaksTheGlassWithAFreshFactorAndEveryOwnerIsMailed() throws Exception {
        MAIL.purgeEmailFromAllMailboxes();
        Response form = practitioner.get("/access/break-glass?client=" + CLIENT);
        assertThat(form.status()).as("fresh right after sign-in: the form, no detour").isEqualTo(200);
        assertThat(form.body()).contains("Every owner is told by mail at once.").contains("for 1 h and then closes by itself")
                .contains("access history").contains("<label for=\"reason\">")
                .contains("name=\"client\" value=\"" + CLIENT + "\"");

        Response opened = practitioner.submit("/access/break-glass?client=" + CLIENT, "/access/break-glass",
                Map.of("client", CLIENT.toString(), "reason", REASON));
        assertThat(opened.status()).isEqualTo(200);
        assertThat(opened.body()).contains("Emergency access is open").containsPattern("until \\d\\d:\\d\\d\\.")
                .contains("href=\"/clients/" + CLIENT + "\"").doesNotContain(REASON);
        assertThat(breakGlassUses(CLIENT)).isOne();

        assertThat(MAIL.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage mail = MAIL.getReceivedMessages()[0];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(OWNER_EMAIL);
        String body = GreenMailUtil.getBody(mail);
        assertThat(body).contains(PRACTITIONER_NAME).contains(CLIENT.toString()).contains("/admin/access/reviews")
                .doesNotContain("allergy");
    }

    /** Break-the-glass without a reason, with a reason too short, or for an id that is not one. */
    @Test
    @Order(4)
    void breakTheGlassWithoutAReasonOpensNothing() {
        UUID other = UUID.fromString("5b9e2c1a-0000-4000-8000-000000000064");
        Response none = practitioner.submit("/access/break-glass?client=" + other, "/access/break-glass",
                Map.of("client", other.toString(), "reason", "  "));
        assertThat(none.status()).isEqualTo(422);
        assertThat(none.body()).contains("Say why you need this record now.").contains("aria-invalid=\"true\"")
                .contains("The record was not opened.");
        Response shortOne = practitioner.submit("/access/break-glass?client=" + other, "/access/break-glass",
                Map.of("client", other.toString(), "reason", "urgent"));
        assertThat(shortOne.status()).isEqualTo(422);
        assertThat(shortOne.body()).contains("Give a reason of at least 10 characters.").contains(">urgent</textarea>");
        assertThat(breakGlassUses(other)).isZero();

        assertThat(practitioner.get("/access/break-glass?client=not-a-client").status()).isEqualTo(404);
        assertThat(practitioner.get("/access/break-glass").status()).isEqualTo(404);
        assertThat(practitioner.submit("/", "/access/break-glass", Map.of("client", "42", "reason", REASON)).status()).isEqualTo(404);
    }

    /** Attack: a front-desk member (no break_glass.use) opening a record through break-the-glass. */
    @Test
    @Order(4)
    void frontDeskCannotBreakTheGlass() {
        assertThat(desk.get("/access/break-glass?client=" + CLIENT).status()).isEqualTo(403);
        long before = jdbc.sql("SELECT COUNT(*) FROM access_grant").query(Long.class).single();
        Response post = desk.submit("/", "/access/break-glass", Map.of("client", CLIENT.toString(), "reason", REASON));
        assertThat(post.status()).isEqualTo(403);
        assertThat(post.body()).doesNotContain("break_glass");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM access_grant").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    @Order(5)
    void administratorMarksAUseNotJustifiedOnlyWithANote() {
        Response queue = admin.get("/admin/access/reviews");
        assertThat(queue.status()).isEqualTo(200);
        assertThat(queue.body()).contains("Break-the-glass reviews (waiting: 1)").contains(PRACTITIONER_NAME).contains(REASON)
                .contains("<caption>Uses waiting for review, oldest first</caption>").contains("<th scope=\"col\">Reason given</th>");
        String grant = jdbc.sql("SELECT id FROM access_grant WHERE kind = 'BREAK_GLASS' AND client_id = ?")
                .param(CLIENT.toString()).query(String.class).single();

        Response noNote = admin.submit("/admin/access/reviews", "/admin/access/reviews/" + grant,
                Map.of("verdict", "unjustified", "note", ""));
        assertThat(noNote.status()).isEqualTo(422);
        assertThat(noNote.body()).contains("Say why the use was not justified.")
                .contains("aria-invalid=\"true\" aria-describedby=\"note-hint-" + grant + " note-error-" + grant + "\"");
        assertThat(state(grant)).isEqualTo("PENDING");

        Response noVerdict = admin.submit("/admin/access/reviews", "/admin/access/reviews/" + grant, Map.of("note", "hm"));
        assertThat(noVerdict.status()).isEqualTo(422);
        assertThat(noVerdict.body()).contains("Choose justified or not justified.");

        Response done = admin.submit("/admin/access/reviews", "/admin/access/reviews/" + grant,
                Map.of("verdict", "unjustified", "note", "The client was on another practitioner's team, who was in the building."));
        assertThat(done.status()).isEqualTo(302);
        assertThat(state(grant)).isEqualTo("UNJUSTIFIED");
        Response after = admin.get("/admin/access/reviews");
        assertThat(after.body()).contains("Break-the-glass reviews (waiting: 0)").contains("The use was marked not justified.")
                .contains("Nothing is waiting for review.").contains("Not justified").contains("who was in the building")
                .doesNotContain("action=\"/admin/access/reviews/" + grant + "\"");

        Response again = admin.submit("/admin/access/reviews", "/admin/access/reviews/" + grant,
                Map.of("verdict", "justified", "note", ""));
        assertThat(again.status()).isEqualTo(409);
        assertThat(state(grant)).isEqualTo("UNJUSTIFIED");
        assertThat(admin.submit("/admin/access/reviews", "/admin/access/reviews/" + UUID.randomUUID(),
                Map.of("verdict", "justified", "note", "")).status()).isEqualTo(404);
        assertThat(admin.submit("/admin/access/reviews", "/admin/access/reviews/nope",
                Map.of("verdict", "justified", "note", "")).status()).isEqualTo(404);
    }

    /**
     * An owner reaches every client, so the break-the-glass form refuses them (they need no
     * emergency) and nothing is recorded, mailed or queued.
     */
    @Test
    @Order(6)
    void someoneWhoAlreadyReachesTheClientIsToldTheyNeedNoEmergencyAccess() {
        Response refused = owner.submit("/access/break-glass?client=" + OWNERS_CLIENT, "/access/break-glass",
                Map.of("client", OWNERS_CLIENT.toString(), "reason", "Checking the record during a fire drill evacuation."));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("You can already open this record").doesNotContain("break-glass-form");
        assertThat(breakGlassUses(OWNERS_CLIENT)).isZero();
    }

    /** Nobody reviews their own break-the-glass use, not even an owner (a use from before they became one). */
    @Test
    @Order(7)
    void ownersOwnUseIsNotTheirsToReview() {
        StaffId ownerId = accounts.findIdByEmail(OWNER_EMAIL).orElseThrow();
        String grant = UUID.randomUUID().toString();
        long now = clock.millis();
        jdbc.sql("""
                        INSERT INTO access_grant (id, client_id, staff_id, kind, starts_at, expires_at, created_at, created_by, review_state)
                        VALUES (?, ?, ?, 'BREAK_GLASS', ?, ?, ?, ?, 'PENDING')""")
                .param(grant).param(OWNERS_CLIENT.toString()).param(ownerId.toString()).param(now).param(now + 3_600_000L)
                .param(now).param(ownerId.toString()).update();
        Response queue = owner.get("/admin/access/reviews");
        assertThat(queue.body()).contains("Someone else must review your own break-the-glass use.")
                .doesNotContain("action=\"/admin/access/reviews/" + grant + "\"");
        Response refused = owner.submit("/admin/access/reviews", "/admin/access/reviews/" + grant,
                Map.of("verdict", "justified", "note", ""));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("Someone else must review your own break-the-glass use.");
        assertThat(state(grant)).isEqualTo("PENDING");
    }

    /** Break-the-glass without step-up: the form is not even shown, and a stale POST opens nothing and keeps no reason. */
    @Test
    @Order(9)
    void withoutAFreshSecondFactorTheStepUpComesFirst() {
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        Response detour = practitioner.get("/access/break-glass?client=" + STALE_CLIENT);
        assertThat(detour.status()).isEqualTo(302);
        assertThat(detour.header("location"))
                .endsWith("/mfa/challenge?stepUp&continue=%2Faccess%2Fbreak-glass%3Fclient%3D" + STALE_CLIENT);

        String token = HttpsClient.csrfToken(practitioner.get("/").body());
        Response stale = practitioner.post("/access/break-glass",
                Map.of("client", STALE_CLIENT.toString(), "reason", REASON, "_csrf", token));
        assertThat(stale.status()).isEqualTo(403);
        assertThat(stale.body()).contains("Confirm your second factor again").contains(">" + REASON + "</textarea>")
                .contains("href=\"/mfa/challenge?stepUp&amp;continue=%2Faccess%2Fbreak-glass%3Fclient%3D" + STALE_CLIENT + "\"");
        assertThat(breakGlassUses(STALE_CLIENT)).isZero();
        // The reason is personal data: it is not kept in the (database-stored) session either.
        List<byte[]> attributes = jdbc.sql("SELECT attribute_bytes FROM spring_session_attributes").query(byte[].class).list();
        assertThat(attributes).isNotEmpty().noneMatch(bytes -> new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).contains("allergy"));
    }

    String state(String grant) {
        return jdbc.sql("SELECT review_state FROM access_grant WHERE id = ?").param(grant).query(String.class).single();
    }
}
