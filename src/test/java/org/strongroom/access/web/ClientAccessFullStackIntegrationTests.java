package org.strongroom.access.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.strongroom.access.AccessDecision;
import org.strongroom.access.AccessPolicy;
import org.strongroom.access.Actor;
import org.strongroom.access.Basis;
import org.strongroom.access.Permission;
import org.strongroom.crypto.ClientKeys;
import org.strongroom.identity.ApiScope;
import org.strongroom.identity.ApiTokenCreation;
import org.strongroom.identity.ApiTokenRequest;
import org.strongroom.identity.ApiTokens;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffRole;
import org.strongroom.identity.StaffStatus;
import org.strongroom.identity.internal.Accounts;
import org.strongroom.testing.HttpsClient;
import org.strongroom.testing.HttpsClient.Response;
import org.strongroom.testing.StaffSignIn;

/**
 * The access pages and the access API end to end over real HTTPS, with a real sign-in (password
 * and authenticator app) for the administrator and personal access tokens for the API: changes to
 * care teams and grants count from the very next request (checked with the policy itself), bad
 * input changes nothing, and the attacks named on each test fail. Runs on SQLite and PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "strongroom.organisation.time-zone=Europe/Kyiv")
abstract class ClientAccessFullStackIntegrationTests {

    static final String PASSWORD = "amber-orchard-lantern-73";
    static final String ADMIN_EMAIL = "oksana.hnatiuk@example.org";
    static final String ADMIN_NAME = "Oksana Hnatiuk";
    static final String PRACTITIONER_NAME = "Dmytro Savchuk";
    static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");
    static final Pattern UUIDS = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** Per server (each subclass has its own): the administrator's signed-in browser and the people's ids. */
    static final Map<Integer, HttpsClient> BROWSERS = new ConcurrentHashMap<>();
    static final Map<Integer, StaffId[]> PEOPLE = new ConcurrentHashMap<>();
    static final Map<Integer, String[]> TOKENS = new ConcurrentHashMap<>();

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
    ApiTokens tokens;
    @Autowired
    AccessPolicy policy;
    @Autowired
    Clock clock;
    @Autowired
    ClientKeys clientKeys;

    HttpsClient admin;
    StaffId adminId;
    StaffId practitioner;
    StaffId colleague;
    String adminToken;
    String practitionerToken;
    HttpClient api;

    @BeforeEach
    void people() {
        if (!BROWSERS.containsKey(port)) {
            StaffId a = account(ADMIN_EMAIL, ADMIN_NAME, StaffRole.ADMINISTRATOR);
            StaffId p = account("dmytro.savchuk@example.org", PRACTITIONER_NAME, StaffRole.PRACTITIONER);
            StaffId c = account("iryna.lysenko@example.org", "Iryna Lysenko", StaffRole.PRACTITIONER);
            HttpsClient browser = new HttpsClient(port, certificate());
            StaffSignIn.signIn(browser, ADMIN_EMAIL, PASSWORD);
            BROWSERS.put(port, browser);
            PEOPLE.put(port, new StaffId[] {a, p, c});
            TOKENS.put(port, new String[] {token(a), token(p)});
        }
        admin = BROWSERS.get(port);
        adminId = PEOPLE.get(port)[0];
        practitioner = PEOPLE.get(port)[1];
        colleague = PEOPLE.get(port)[2];
        adminToken = TOKENS.get(port)[0];
        practitionerToken = TOKENS.get(port)[1];
        api = HttpClient.newBuilder().sslContext(HttpsClient.trusting(certificate()))
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    }

    // --- pages ---

    @Test
    void administratorAddsPractitionerToTeamAndTheNextRequestIsAllowedAndAfterRemovalDenied() {
        UUID client = newClient();
        assertThat(readDecision(practitioner, client).allowed()).isFalse();

        Response added = admin.submit(page(client), page(client) + "/team",
                Map.of("staffId", practitioner.toString(), "teamRole", "LEAD"));
        assertThat(added.status()).isEqualTo(302);
        assertThat(added.header("location")).endsWith(page(client));
        AccessDecision allowed = readDecision(practitioner, client);
        assertThat(allowed.allowed()).isTrue();
        assertThat(allowed.basis()).isEqualTo(Basis.CARE_TEAM);

        Response shown = admin.get(page(client));
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.body()).contains("The care team was updated.", PRACTITIONER_NAME, "data-basis=\"care_team\"",
                "as Lead", "Read progress notes", "data-member=\"" + practitioner + "\"", "hx-get=\"/audit/clients/" + client + "\"",
                "Role reaches every client")
                .doesNotContain("<script>").doesNotContain("style=\"");
        assertThat(auditCount("access.team_member_added", client)).isEqualTo(1);

        Response removed = admin.submit(page(client), page(client) + "/team/" + practitioner + "/remove", Map.of());
        assertThat(removed.status()).isEqualTo(302);
        assertThat(readDecision(practitioner, client).allowed()).isFalse();
        assertThat(admin.get(page(client)).body()).contains("The person was taken off the care team.")
                .doesNotContain("data-member=\"" + practitioner + "\"");
    }

    @Test
    void changingAPartKeepsOneMembership() {
        UUID client = newClient();
        admin.submit(page(client), page(client) + "/team", Map.of("staffId", practitioner.toString(), "teamRole", "MEMBER"));
        admin.submit(page(client), page(client) + "/team", Map.of("staffId", practitioner.toString(), "teamRole", "SUPPORT"));
        assertThat(jdbc.sql("SELECT team_role FROM care_team_member WHERE client_id = ?").param(client.toString())
                .query(String.class).list()).containsExactly("SUPPORT");
    }

    @Test
    void badTeamInputIsA422WithTheMessageAtTheFieldAndNothingSaved() {
        UUID client = newClient();
        Response unknown = admin.submit(page(client), page(client) + "/team",
                Map.of("staffId", UUID.randomUUID().toString(), "teamRole", "LEAD"));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.body()).contains("Nothing was saved.", "Choose an active staff member.", "aria-invalid=\"true\"",
                "id=\"team-staff-error\"");
        Response role = admin.submit(page(client), page(client) + "/team",
                Map.of("staffId", practitioner.toString(), "teamRole", "OWNER"));
        assertThat(role.status()).isEqualTo(422);
        assertThat(role.body()).contains("part on the team.", "id=\"team-role-error\"");
        assertThat(teamSize(client)).isZero();
    }

    @Test
    void grantWithEndInThePastBeyondNinetyDaysOrForOneselfIsA422AndNothingIsStored() {
        UUID client = newClient();
        LocalDate today = LocalDate.now(KYIV);
        Response past = grantForm(client, practitioner, today.minusDays(1).toString());
        assertThat(past.status()).isEqualTo(422);
        assertThat(past.body()).contains("The end must be in the future.", "id=\"grant-until-error\"", "aria-invalid=\"true\"");

        Response tooLate = grantForm(client, practitioner, today.plusDays(95) + "T12:00");
        assertThat(tooLate.status()).isEqualTo(422);
        assertThat(tooLate.body()).contains("A grant can last at most 90 days");

        Response self = grantForm(client, adminId, today.plusDays(3).toString());
        assertThat(self.status()).isEqualTo(422);
        assertThat(self.body()).contains("You cannot grant access to yourself.", "id=\"grant-staff-error\"");

        Response garbage = grantForm(client, practitioner, "next tuesday");
        assertThat(garbage.status()).isEqualTo(422);
        assertThat(garbage.body()).contains("Enter the end as a date (2026-12-01) or a date and time");

        assertThat(grantCount(client)).isZero();
        assertThat(readDecision(practitioner, client).allowed()).isFalse();

        // An id no client has: nothing to show and nothing to change there — the page is a 404.
        UUID unknownClient = UUID.randomUUID();
        assertThat(admin.get(page(unknownClient)).status()).isEqualTo(404);
        Response noClient = admin.submit(page(client), page(unknownClient) + "/grants", Map.of("staffId",
                practitioner.toString(), "until", today.plusDays(3).toString(), "reason", "Cover during leave"));
        assertThat(noClient.status()).isEqualTo(404);
        Response noTeam = admin.submit(page(client), page(unknownClient) + "/team",
                Map.of("staffId", practitioner.toString(), "teamRole", "LEAD"));
        assertThat(noTeam.status()).isEqualTo(404);
        assertThat(teamSize(unknownClient)).isZero();
        assertThat(grantCount(unknownClient)).isZero();
    }

    @Test
    void grantGivesAccessRenewMovesItsEndAndRevokeEndsItAtOnce() {
        UUID client = newClient();
        Response granted = admin.submit(page(client), page(client) + "/grants", Map.of("staffId", practitioner.toString(),
                "until", LocalDate.now(KYIV).plusDays(7).toString(), "reason", "Cover while the lead is on leave"));
        assertThat(granted.status()).isEqualTo(302);
        AccessDecision allowed = readDecision(practitioner, client);
        assertThat(allowed.allowed()).isTrue();
        assertThat(allowed.basis()).isEqualTo(Basis.GRANT);
        String grantId = jdbc.sql("SELECT id FROM access_grant WHERE client_id = ?").param(client.toString()).query(String.class).single();
        long expires = LocalDate.now(KYIV).plusDays(8).atStartOfDay(KYIV).toInstant().toEpochMilli();
        assertThat(expiresAt(grantId)).as("a date means to the end of that day in the organisation's zone").isEqualTo(expires);
        assertThat(admin.get(page(client)).body()).contains("Access was granted.", "data-status=\"ACTIVE\"",
                "Cover while the lead is on leave", "data-basis=\"grant\"", "granted by " + ADMIN_NAME);

        String newEnd = LocalDate.now(KYIV).plusDays(20) + "T18:30";
        Response renewed = admin.submit(page(client), page(client) + "/grants/" + grantId + "/renew", Map.of("until", newEnd));
        assertThat(renewed.status()).isEqualTo(302);
        assertThat(expiresAt(grantId)).isEqualTo(java.time.LocalDateTime.parse(newEnd).atZone(KYIV).toInstant().toEpochMilli());

        Response badRenew = admin.submit(page(client), page(client) + "/grants/" + grantId + "/renew",
                Map.of("until", LocalDate.now(KYIV).plusDays(200).toString()));
        assertThat(badRenew.status()).isEqualTo(422);
        assertThat(badRenew.body()).contains("A grant can last at most 90 days", "id=\"renew-" + grantId + "-error\"");

        Response revoked = admin.submit(page(client), page(client) + "/grants/" + grantId + "/revoke", Map.of());
        assertThat(revoked.status()).isEqualTo(302);
        assertThat(readDecision(practitioner, client).allowed()).isFalse();
        assertThat(admin.get(page(client)).body()).contains("The grant was revoked.", "data-status=\"REVOKED\"");
        assertThat(auditCount("access.grant_revoked", client)).isEqualTo(1);
    }

    @Test
    void malformedIdsInPagePathsAreNotFound() {
        assertThat(admin.get("/admin/access/clients/not-a-client").status()).isEqualTo(404);
        assertThat(admin.get("/admin/access/clients/1-1-1-1-1").status()).isEqualTo(404);
        assertThat(admin.get("/admin/access/staff/nobody").status()).isEqualTo(404);
        assertThat(admin.get("/admin/access/staff/" + UUID.randomUUID()).status()).isEqualTo(404);
        UUID client = newClient();
        assertThat(admin.submit(page(client), "/admin/access/clients/not-a-client/team",
                Map.of("staffId", practitioner.toString(), "teamRole", "LEAD")).status()).isEqualTo(404);
        assertThat(admin.submit(page(client), page(client) + "/grants/not-a-grant/revoke", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void startPageOpensAClientByIdAndListsPeople() {
        Response start = admin.get("/admin/access");
        assertThat(start.status()).isEqualTo(200);
        assertThat(start.body()).contains("Open a client", PRACTITIONER_NAME, "/admin/access/staff/" + practitioner);
        UUID client = newClient();
        Response open = admin.get("/admin/access?client=" + client);
        assertThat(open.status()).isEqualTo(302);
        assertThat(open.header("location")).endsWith(page(client));
        Response bad = admin.get("/admin/access?client=robert%27);--");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("That is not a client id.", "aria-invalid=\"true\"");
    }

    @Test
    void personPageListsTheirTeamsAndGrants() {
        UUID onTeam = newClient();
        UUID granted = newClient();
        admin.submit(page(onTeam), page(onTeam) + "/team", Map.of("staffId", colleague.toString(), "teamRole", "MEMBER"));
        admin.submit(page(granted), page(granted) + "/grants", Map.of("staffId", colleague.toString(),
                "until", LocalDate.now(KYIV).plusDays(2).toString(), "reason", ""));
        Response person = admin.get("/admin/access/staff/" + colleague);
        assertThat(person.status()).isEqualTo(200);
        assertThat(person.body()).contains("Care teams and grants of Iryna Lysenko", "data-client=\"" + onTeam + "\"",
                "/admin/access/clients/" + granted, "No reason given", "/audit/staff/" + colleague);
    }

    /**
     * Attack: insecure direct object reference — revoking or renewing a grant of one client through
     * another client's address (which the attacker may manage). The grant is looked up among that
     * client's own grants only, so it is not found and stays as it was.
     */
    @Test
    void aGrantOfAnotherClientUnderThisClientsAddressIsNotFound() {
        UUID mine = newClient();
        UUID other = newClient();
        Response created = call("POST", "/api/v1/clients/" + other + "/grants", adminToken, "application/json",
                "{\"staffId\":\"" + practitioner + "\",\"until\":\"" + Instant.now().plus(Duration.ofDays(5)) + "\"}");
        assertThat(created.status()).isEqualTo(201);
        String grantId = jdbc.sql("SELECT id FROM access_grant WHERE client_id = ?").param(other.toString()).query(String.class).single();

        assertThat(admin.submit(page(mine), page(mine) + "/grants/" + grantId + "/revoke", Map.of()).status()).isEqualTo(404);
        assertThat(admin.submit(page(mine), page(mine) + "/grants/" + grantId + "/renew",
                Map.of("until", LocalDate.now(KYIV).plusDays(30).toString())).status()).isEqualTo(404);
        assertProblem(call("DELETE", "/api/v1/clients/" + mine + "/grants/" + grantId, adminToken, null, null), 404);
        assertProblem(call("POST", "/api/v1/clients/" + mine + "/grants/" + grantId + "/renew", adminToken, "application/json",
                "{\"until\":\"" + Instant.now().plus(Duration.ofDays(30)) + "\"}"), 404);
        assertProblem(call("GET", "/api/v1/clients/" + mine + "/grants/" + grantId, adminToken, null, null), 404);
        assertThat(readDecision(practitioner, other).allowed()).as("untouched").isTrue();
        assertThat(jdbc.sql("SELECT revoked_at FROM access_grant WHERE id = ?").param(grantId).query(Long.class).optional()).isEmpty();

        assertThat(call("DELETE", "/api/v1/clients/" + other + "/grants/" + grantId, adminToken, null, null).status()).isEqualTo(204);
        assertThat(readDecision(practitioner, other).allowed()).isFalse();
    }

    // --- API ---

    @Test
    void apiPutsAPersonOnTheTeamAndDeletesThemWithImmediateEffect() {
        UUID client = newClient();
        Response put = call("PUT", team(client, practitioner), adminToken, "application/json", "{\"teamRole\":\"LEAD\"}");
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.header("content-type")).startsWith("application/json");
        assertThat(put.body()).contains("\"staffId\":\"" + practitioner + "\"", "\"teamRole\":\"LEAD\"", "\"addedBy\":\"" + adminId + "\"");
        assertThat(readDecision(practitioner, client).allowed()).isTrue();

        Response list = call("GET", "/api/v1/clients/" + client + "/team", adminToken, null, null);
        assertThat(list.body()).contains("\"clientId\":\"" + client + "\"", "\"teamRole\":\"LEAD\"").doesNotContain(PRACTITIONER_NAME, "@");
        Response who = call("GET", "/api/v1/clients/" + client + "/access", adminToken, null, null);
        assertThat(who.status()).isEqualTo(200);
        assertThat(who.body()).contains("\"staffId\":\"" + practitioner + "\"", "\"basis\":\"CARE_TEAM\"", "\"teamRole\":\"LEAD\"",
                "\"note.read\"", "\"basis\":\"ROLE_WIDE\"").doesNotContain(PRACTITIONER_NAME, "@example.org");

        assertThat(call("DELETE", team(client, practitioner), adminToken, null, null).status()).isEqualTo(204);
        assertThat(readDecision(practitioner, client).allowed()).isFalse();
        assertProblem(call("DELETE", team(client, practitioner), adminToken, null, null), 404);
    }

    /**
     * Attack: mass assignment — extra properties in the body (a role, another person's id, a
     * client id) hoping the server binds them. The whole request is refused and nothing changes.
     */
    @Test
    void apiPutWithAnExtraPropertyIsA400AndChangesNothing() {
        UUID client = newClient();
        for (String body : new String[] {"{\"teamRole\":\"LEAD\",\"role\":\"OWNER\"}",
                "{\"teamRole\":\"LEAD\",\"staffId\":\"" + colleague + "\"}",
                "{\"teamRole\":\"LEAD\",\"clientId\":\"" + UUID.randomUUID() + "\"}",
                "{\"teamRole\":\"MEMBER\",\"teamRole\":\"LEAD\"}"}) {
            Response refused = call("PUT", team(client, practitioner), adminToken, "application/json", body);
            assertProblem(refused, 400);
            assertThat(refused.body()).as(body).doesNotContain("OWNER", "role\"", colleague.toString());
        }
        assertThat(teamSize(client)).isZero();
        assertThat(accounts.findCredentials(practitioner).orElseThrow().role()).isEqualTo(StaffRole.PRACTITIONER);
    }

    /** Attack: malformed, oversized or mistyped bodies aimed at the parser. Each is a 4xx problem and nothing changes. */
    @Test
    void apiMalformedHugeOrMistypedBodiesAreProblemsAndChangeNothing() {
        UUID client = newClient();
        assertProblem(call("PUT", team(client, practitioner), adminToken, "application/json", "{\"teamRole\":"), 400);
        assertProblem(call("PUT", team(client, practitioner), adminToken, "application/json", ""), 400);
        assertProblem(call("PUT", team(client, practitioner), adminToken, "application/json", "{\"teamRole\":1}"), 400);
        assertProblem(call("PUT", team(client, practitioner), adminToken, "application/json",
                "{\"teamRole\":\"" + "L".repeat(AccessApiBodies.MAX_BYTES) + "\"}"), 413);
        assertProblem(call("PUT", team(client, practitioner), adminToken, "text/plain", "{\"teamRole\":\"LEAD\"}"), 415);
        assertProblem(call("PUT", team(client, practitioner), adminToken, "application/x-www-form-urlencoded", "teamRole=LEAD"), 415);
        Response lower = call("PUT", team(client, practitioner), adminToken, "application/json", "{\"teamRole\":\"lead\"}");
        assertProblem(lower, 422);
        assertThat(lower.body()).contains("\"field\":\"teamRole\"", "teamRole must be one of LEAD, MEMBER, SUPPORT.");
        assertProblem(call("POST", "/api/v1/clients/" + client + "/grants", adminToken, "application/json",
                "{\"staffId\":\"" + practitioner + "\",\"until\":\"" + Instant.now().plus(Duration.ofDays(3)) + "\",\"kind\":\"BREAK_GLASS\"}"), 400);
        assertThat(teamSize(client)).isZero();
        assertThat(grantCount(client)).isZero();
    }

    @Test
    void apiPathIdsThatAreNotIdsAreNotFoundProblems() {
        Response unknown = call("GET", "/api/v1/no-such-thing", adminToken, null, null);
        for (String path : new String[] {"/api/v1/clients/not-a-uuid/access", "/api/v1/clients/not-a-uuid/team",
                "/api/v1/clients/1-1-1-1-1/grants", "/api/v1/clients/" + UUID.randomUUID() + "/grants/not-a-grant"}) {
            Response refused = call("GET", path, adminToken, null, null);
            assertProblem(refused, 404);
            assertThat(refused.body()).as(path).isEqualTo(unknown.body());
        }
        assertProblem(call("PUT", "/api/v1/clients/" + UUID.randomUUID() + "/team/someone", adminToken, "application/json",
                "{\"teamRole\":\"LEAD\"}"), 404);
        UUID noSuchClient = UUID.randomUUID();
        Response noTeam = call("PUT", team(noSuchClient, practitioner), adminToken, "application/json", "{\"teamRole\":\"LEAD\"}");
        assertProblem(noTeam, 404);
        assertThat(noTeam.body()).isEqualTo(unknown.body());
        assertProblem(call("POST", "/api/v1/clients/" + noSuchClient + "/grants", adminToken, "application/json",
                "{\"staffId\":\"" + practitioner + "\",\"until\":\"" + Instant.now().plus(Duration.ofDays(3)) + "\"}"), 404);
        assertThat(teamSize(noSuchClient)).isZero();
        assertThat(grantCount(noSuchClient)).isZero();
    }

    /** Attack: a practitioner's token asking who can access a client (organisation-wide knowledge they lack). */
    @Test
    void apiPractitionerTokenAskingWhoCanAccessIsA403WithNoData() {
        UUID client = newClient();
        call("PUT", team(client, practitioner), adminToken, "application/json", "{\"teamRole\":\"LEAD\"}");
        Response refused = call("GET", "/api/v1/clients/" + client + "/access", practitionerToken, null, null);
        assertProblem(refused, 403);
        assertThat(UUIDS.matcher(refused.body()).find()).as("no id in the answer").isFalse();
        assertThat(refused.body()).doesNotContain("access.review", "no_permission", "basis");
        assertThat(jdbc.sql("""
                SELECT COUNT(*) FROM audit_entry
                WHERE action = 'access.denied' AND actor_id = ? AND resource_id = 'access.review' AND reason = 'no_permission'
                """).param(practitioner.toString()).query(Long.class).single()).as("the reason goes to the trail").isPositive();

        assertProblem(call("GET", "/api/v1/roles", practitionerToken, null, null), 403);
        assertProblem(call("PUT", team(client, colleague), practitionerToken, "application/json", "{\"teamRole\":\"LEAD\"}"), 403);
        assertThat(teamSize(client)).isEqualTo(1);
    }

    /** Attack: a read-only token (clients.read) used to change a care team. */
    @Test
    void apiReadOnlyTokenCannotChangeATeamEvenForAnAdministrator() {
        UUID client = newClient();
        ApiTokenCreation result = tokens.create(PEOPLE.get(port)[0], new ApiTokenRequest("Read only",
                EnumSet.of(ApiScope.CLIENTS_READ), clock.instant().plus(Duration.ofDays(1))));
        String readOnly = ((ApiTokenCreation.Created) result).token().secret();
        assertThat(call("GET", "/api/v1/clients/" + client + "/team", readOnly, null, null).status()).isEqualTo(200);
        Response refused = call("PUT", team(client, practitioner), readOnly, "application/json", "{\"teamRole\":\"LEAD\"}");
        assertProblem(refused, 403);
        assertThat(refused.header("www-authenticate")).contains("insufficient_scope", "clients.write");
        assertThat(teamSize(client)).isZero();
    }

    /** The practitioner's own view of one client: why and what, over the API; out of reach is a 404. */
    @Test
    void apiMyAccessExplainsTheCallersOwnAccess() {
        UUID client = newClient();
        call("PUT", team(client, practitioner), adminToken, "application/json", "{\"teamRole\":\"LEAD\"}");
        Response mine = call("GET", "/api/v1/clients/" + client + "/my-access", practitionerToken, null, null);
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.body()).contains("\"basis\":\"CARE_TEAM\"", "\"teamRole\":\"LEAD\"", "note.read",
                "\"HIGHLY_RESTRICTED\":\"FULL\"");
        assertProblem(call("GET", "/api/v1/clients/" + newClient() + "/my-access", practitionerToken, null, null), 404);
    }

    /** A client out of the practitioner's reach looks exactly like one that does not exist. */
    @Test
    void apiClientOutOfReachLooksAbsent() {
        Response outOfReach = call("GET", "/api/v1/clients/" + UUID.randomUUID() + "/team", practitionerToken, null, null);
        assertProblem(outOfReach, 404);
        assertThat(outOfReach.body()).isEqualTo(call("GET", "/api/v1/no-such-thing", practitionerToken, null, null).body());
    }

    @Test
    void apiGrantsAreCreatedWithLocationRenewedAndRevoked() {
        UUID client = newClient();
        Instant until = Instant.now().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);
        Response created = call("POST", "/api/v1/clients/" + client + "/grants", adminToken, "application/json",
                "{\"staffId\":\"" + practitioner + "\",\"until\":\"" + until + "\",\"reason\":\"Holiday cover\"}");
        assertThat(created.status()).isEqualTo(201);
        String location = created.header("location");
        assertThat(location).startsWith("/api/v1/clients/" + client + "/grants/");
        assertThat(created.body()).contains("\"kind\":\"GRANT\"", "\"status\":\"ACTIVE\"", "\"expiresAt\":\"" + until + "\"",
                "\"reason\":\"Holiday cover\"", "\"createdBy\":\"" + adminId + "\"");
        assertThat(call("GET", location, adminToken, null, null).body()).contains("\"status\":\"ACTIVE\"");
        assertThat(readDecision(practitioner, client).allowed()).isTrue();

        Instant later = until.plus(Duration.ofDays(5));
        Response renewed = call("POST", location + "/renew", adminToken, "application/json", "{\"until\":\"" + later + "\"}");
        assertThat(renewed.status()).isEqualTo(200);
        assertThat(renewed.body()).contains("\"expiresAt\":\"" + later + "\"");
        assertProblem(call("POST", location + "/renew", adminToken, "application/json", "{\"until\":\"2026-12-01\"}"), 422);

        assertThat(call("GET", "/api/v1/clients/" + client + "/grants", adminToken, null, null).body())
                .contains(location.substring(location.lastIndexOf('/') + 1));
        assertThat(call("DELETE", location, adminToken, null, null).status()).isEqualTo(204);
        assertThat(readDecision(practitioner, client).allowed()).isFalse();
        assertThat(call("GET", location, adminToken, null, null).body()).contains("\"status\":\"REVOKED\"", "\"revokedBy\":\"" + adminId + "\"");
    }

    @Test
    void apiGrantsWithEndInThePastBeyondNinetyDaysOrForOneselfAre422AndNothingIsStored() {
        UUID client = newClient();
        String grants = "/api/v1/clients/" + client + "/grants";
        Response past = call("POST", grants, adminToken, "application/json",
                "{\"staffId\":\"" + practitioner + "\",\"until\":\"" + Instant.now().minus(Duration.ofHours(1)) + "\"}");
        assertProblem(past, 422);
        assertThat(past.body()).contains("\"type\":\"tag:strongroom.org,2026:problems/invalid-request\"", "\"field\":\"until\"",
                "\"code\":\"access.grant.untilPast\"");
        Response late = call("POST", grants, adminToken, "application/json",
                "{\"staffId\":\"" + practitioner + "\",\"until\":\"" + Instant.now().plus(Duration.ofDays(91)) + "\"}");
        assertProblem(late, 422);
        assertThat(late.body()).contains("\"code\":\"access.grant.untilTooLate\"");
        Response self = call("POST", grants, adminToken, "application/json",
                "{\"staffId\":\"" + adminId + "\",\"until\":\"" + Instant.now().plus(Duration.ofDays(3)) + "\"}");
        assertProblem(self, 422);
        assertThat(self.body()).contains("\"field\":\"staffId\"", "\"code\":\"access.grant.self\"");
        Response noOffset = call("POST", grants, adminToken, "application/json",
                "{\"staffId\":\"" + practitioner + "\",\"until\":\"2026-12-01T10:00\"}");
        assertProblem(noOffset, 422);
        assertThat(grantCount(client)).isZero();
    }

    @Test
    void apiRolesListsDefinitionsWithPermissionCodesAndVisibility() {
        Response roles = call("GET", "/api/v1/roles", adminToken, null, null);
        assertThat(roles.status()).isEqualTo(200);
        assertThat(roles.body()).contains("{\"key\":\"OWNER\",\"label\":\"Owner\",\"builtIn\":true,\"reach\":\"ORGANISATION\"",
                "\"key\":\"PRACTITIONER\"", "\"reach\":\"CARE_TEAM\"", "\"break_glass.use\"",
                "\"visibility\":{\"NORMAL\":\"FULL\",\"RESTRICTED\":\"MASKED\",\"HIGHLY_RESTRICTED\":\"HIDDEN\"}")
                .doesNotContain("\"key\":\"CLIENT\"");
    }

    // --- helpers ---

    Path certificate() {
        return Path.of(environment.getRequiredProperty("strongroom.data-dir"), "tls", "server.crt");
    }

    StaffId account(String email, String name, StaffRole role) {
        StaffId id = StaffId.random();
        accounts.insert(id, email, name, passwords.encode(PASSWORD), role, StaffStatus.ACTIVE, clock.instant());
        return id;
    }

    String token(StaffId owner) {
        ApiTokenCreation result = tokens.create(owner, new ApiTokenRequest("Access API test",
                EnumSet.of(ApiScope.CLIENTS_READ, ApiScope.CLIENTS_WRITE), clock.instant().plus(Duration.ofDays(1))));
        return ((ApiTokenCreation.Created) result).token().secret();
    }

    AccessDecision readDecision(StaffId staff, UUID client) {
        StaffRole role = accounts.findCredentials(staff).orElseThrow().role();
        return policy.decide(new Actor.Staff(staff, role), Permission.CLIENT_READ, client);
    }

    /** A client as the clients module will make one: an id and its own data key. */
    UUID newClient() {
        UUID client = UUID.randomUUID();
        clientKeys.create(client);
        return client;
    }

    static String page(UUID client) {
        return "/admin/access/clients/" + client;
    }

    static String team(UUID client, StaffId staff) {
        return "/api/v1/clients/" + client + "/team/" + staff;
    }

    Response grantForm(UUID client, StaffId staff, String until) {
        return admin.submit(page(client), page(client) + "/grants", Map.of("staffId", staff.toString(), "until", until, "reason", ""));
    }

    long teamSize(UUID client) {
        return jdbc.sql("SELECT COUNT(*) FROM care_team_member WHERE client_id = ?").param(client.toString()).query(Long.class).single();
    }

    long grantCount(UUID client) {
        return jdbc.sql("SELECT COUNT(*) FROM access_grant WHERE client_id = ?").param(client.toString()).query(Long.class).single();
    }

    long expiresAt(String grantId) {
        return jdbc.sql("SELECT expires_at FROM access_grant WHERE id = ?").param(grantId).query(Long.class).single();
    }

    long auditCount(String action, UUID client) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = ? AND client_id = ?")
                .param(action).param(client.toString()).query(Long.class).single();
    }

    Response call(String method, String path, String token, @Nullable String contentType, @Nullable String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = api.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void assertProblem(Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("content-type")).startsWith("application/problem+json");
        assertThat(response.body()).contains("\"status\":" + status, "\"title\":\"", "\"detail\":\"");
        assertThat(response.body()).doesNotContain("Exception", "tools.jackson", "at [Source");
    }
}
