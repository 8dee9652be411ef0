package org.strongroom.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.strongroom.identity.internal.Accounts;
import org.strongroom.identity.internal.SignIns;
import org.strongroom.testing.HttpsClient;
import org.strongroom.testing.HttpsClient.Response;
import org.strongroom.testing.MutableClock;

/**
 * Personal access tokens end to end over real HTTPS: the bearer chain of {@code /api/**}, its
 * problem+json refusals, and the {@code /account/tokens} page. Runs on SQLite and on PostgreSQL
 * (the subclasses choose the database).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(ApiTokensFullStackIntegrationTests.Clocks.class)
abstract class ApiTokensFullStackIntegrationTests {

    static final String SESSION_COOKIE = "__Host-strongroom";

    @LocalServerPort
    int port;
    @Autowired
    Environment environment;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApiTokens tokens;
    @Autowired
    Accounts accounts;
    @Autowired
    MutableClock clock;
    @Autowired
    SessionRepository<? extends Session> sessions;

    HttpClient client;

    @BeforeEach
    void client() {
        client = HttpClient.newBuilder().sslContext(HttpsClient.trusting(certificate()))
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    }

    Path certificate() {
        return Path.of(environment.getRequiredProperty("strongroom.data-dir"), "tls", "server.crt");
    }

    @Test
    void meAnswersWithIdRoleAndTokenOnlyAndCreatesNoSession() {
        StaffId owner = person(StaffRole.OWNER);
        NewApiToken token = token(owner, Duration.ofDays(30), ApiScope.CLIENTS_READ, ApiScope.AUDIT_READ);

        Response me = call("GET", "/api/v1/me", token.secret(), null);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.header("content-type")).startsWith("application/json");
        assertThat(me.body()).contains("\"id\":\"" + owner + "\"", "\"role\":\"OWNER\"", "\"" + token.id() + "\"",
                "\"scopes\":[\"audit.read\",\"clients.read\"]", "\"expiresAt\":\"" + token.expiresAt() + "\"");
        assertThat(me.body()).doesNotContain("@example.org", "Kravets", token.secret());
        assertNoSession(me);
        assertSecurityHeaders(me);
    }

    /** Canary: even for an account whose saved language would be cached in a session, a bearer request creates none. */
    @Test
    void bearerRequestsNeverCreateASession() {
        StaffId staff = person(StaffRole.STAFF);
        accounts.updateLocale(staff, "uk");
        NewApiToken token = token(staff, Duration.ofDays(1), ApiScope.CLIENTS_READ);
        long sessionsBefore = sessionCount();
        for (String path : new String[] {"/api/v1/me", "/api/v1/tokens", "/api/v1/staff", "/api/v1/no-such-thing", "/api/v1/tokens?status=bogus"}) {
            assertNoSession(call("GET", path, token.secret(), null));
        }
        assertNoSession(call("POST", "/api/v1/me", token.secret(), null));
        assertNoSession(call("GET", "/api/v1/me", "srpat_forged", null));
        assertNoSession(call("GET", "/api/v1/me", null, null));
        assertThat(sessionCount()).isEqualTo(sessionsBefore);
    }

    @Test
    void ownTokensNeedNoScopeAndShowNoSecret() {
        StaffId staff = person(StaffRole.STAFF);
        NewApiToken first = token(staff, Duration.ofDays(7), ApiScope.DOCUMENTS_READ);
        NewApiToken second = token(staff, Duration.ofDays(7), ApiScope.CLIENTS_WRITE);
        tokens.revoke(first.id());
        token(person(StaffRole.STAFF), Duration.ofDays(7), ApiScope.CLIENTS_READ);

        Response list = call("GET", "/api/v1/tokens", second.secret(), null);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains(first.id().toString(), second.id().toString(), "\"status\":\"REVOKED\"",
                "\"status\":\"ACTIVE\"", "\"label\":\"Integration test token\"", "\"lastUsedAt\"");
        assertThat(list.body()).doesNotContain(first.secret(), second.secret());
        assertThat(list.body().split("\"id\"")).as("only the caller's two tokens").hasSize(3);

        Response active = call("GET", "/api/v1/tokens?status=ACTIVE", second.secret(), null);
        assertThat(active.body()).contains(second.id().toString()).doesNotContain(first.id().toString());
    }

    @Test
    void malformedInputIsA400Problem() {
        NewApiToken token = token(person(StaffRole.STAFF), Duration.ofDays(1), ApiScope.CLIENTS_READ);
        Response bad = call("GET", "/api/v1/tokens?status=bogus", token.secret(), null);
        assertProblem(bad, 400, "about:blank", "Bad Request");
        assertThat(bad.body()).doesNotContain("bogus", "Exception", "ApiTokenSummary");
    }

    /** Attack: using a token beyond its scopes (a leaked read-clients token reaching the staff list). */
    @Test
    void staffListWithoutUsersReadScopeIsForbiddenAsInsufficientScope() {
        NewApiToken token = token(person(StaffRole.OWNER), Duration.ofDays(1), ApiScope.CLIENTS_READ, ApiScope.AUDIT_READ);
        Response refused = call("GET", "/api/v1/staff", token.secret(), null);
        assertProblem(refused, 403, "tag:strongroom.org,2026:problems/insufficient-scope", "Insufficient scope");
        assertThat(refused.header("www-authenticate")).isEqualTo(
                "Bearer realm=\"strongroom\", error=\"insufficient_scope\", scope=\"users.read\"");
        assertNoSession(refused);
    }

    /** Attack: a scope granted to an account whose role does not allow the operation. */
    @Test
    void staffListWithScopeButWithoutOwnerOrAdministratorRoleIsForbidden() {
        NewApiToken token = token(person(StaffRole.STAFF), Duration.ofDays(1), ApiScope.USERS_READ);
        Response refused = call("GET", "/api/v1/staff", token.secret(), null);
        assertProblem(refused, 403, "about:blank", "Forbidden");
        assertThat(refused.header("www-authenticate")).isNull();
    }

    /** Every refusal lands in the audit trail with the token, the area, the request and the reason. */
    @Test
    void refusedRequestIsAuditedWithTokenAreaAndRequestId() {
        NewApiToken token = token(person(StaffRole.STAFF), Duration.ofDays(1), ApiScope.USERS_READ);
        Response refused = call("GET", "/api/v1/staff", token.secret(), null);
        String requestId = refused.header("x-request-id");
        assertThat(requestId).isNotBlank();
        var row = jdbc.sql("""
                SELECT actor_type, actor_id, action, outcome, reason, resource_type, resource_id, source_address, user_agent_hash
                FROM audit_entry WHERE request_id = :request
                """).param("request", requestId).query().listOfRows();
        assertThat(row).hasSize(1);
        assertThat(row.get(0)).containsEntry("actor_type", "token").containsEntry("actor_id", token.id().toString())
                .containsEntry("action", "access.denied").containsEntry("outcome", "denied")
                .containsEntry("reason", "scope_or_role").containsEntry("resource_type", "route")
                .containsEntry("resource_id", "/api").containsEntry("source_address", "127.0.0.1");
        assertThat((String) row.get(0).get("user_agent_hash")).hasSize(43);
    }

    @Test
    void staffListShowsIdsRolesAndStatusesOnly() {
        StaffId administrator = person(StaffRole.ADMINISTRATOR);
        StaffId disabled = person(StaffRole.STAFF);
        TestStaff.disable(accounts, disabled, clock.instant());
        NewApiToken token = token(administrator, Duration.ofDays(1), ApiScope.USERS_READ);
        Response list = call("GET", "/api/v1/staff", token.secret(), null);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("{\"id\":\"" + administrator + "\",\"role\":\"ADMINISTRATOR\",\"status\":\"ACTIVE\"}",
                "{\"id\":\"" + disabled + "\",\"role\":\"STAFF\",\"status\":\"DISABLED\"}");
        assertThat(list.body()).doesNotContain("@", "Kravets", "email", "name");
    }

    /**
     * Attack: probing which refusal applies (expired, revoked, disabled, unknown, malformed) to
     * learn about tokens. Every case gets the same status, challenge and body, byte for byte.
     */
    @Test
    void everyInvalidTokenGetsTheSame401() {
        StaffId owner = person(StaffRole.OWNER);
        NewApiToken expired = token(owner, Duration.ofHours(1), ApiScope.CLIENTS_READ);
        NewApiToken revoked = token(owner, Duration.ofDays(1), ApiScope.CLIENTS_READ);
        StaffId leaver = person(StaffRole.STAFF);
        NewApiToken ofDisabled = token(leaver, Duration.ofDays(1), ApiScope.CLIENTS_READ);
        NewApiToken valid = token(owner, Duration.ofDays(1), ApiScope.CLIENTS_READ);
        for (NewApiToken usable : List.of(expired, revoked, ofDisabled, valid)) {
            assertThat(call("GET", "/api/v1/me", usable.secret(), null).status()).isEqualTo(200);
        }
        clock.advance(Duration.ofMinutes(61));
        tokens.revoke(revoked.id());
        TestStaff.disable(accounts, leaver, clock.instant());

        String unknown = org.strongroom.identity.internal.TokenFormat.generate();
        String wrongChecksum = valid.secret().substring(0, 54) + (valid.secret().endsWith("0") ? "1" : "0");
        Response reference = call("GET", "/api/v1/me", expired.secret(), null);
        assertProblem(reference, 401, "tag:strongroom.org,2026:problems/invalid-token", "Invalid token");
        assertThat(reference.header("www-authenticate")).startsWith("Bearer realm=\"strongroom\", error=\"invalid_token\"");
        assertSecurityHeaders(reference);
        for (String presented : new String[] {revoked.secret(), ofDisabled.secret(), unknown, wrongChecksum, "not-a-token",
                valid.secret().substring(6), "srpat_" + "A".repeat(49), "x".repeat(2000), ""}) {
            Response refused = call("GET", "/api/v1/me", presented, null);
            assertThat(refused.status()).as(presented).isEqualTo(401);
            assertThat(refused.body()).as(presented).isEqualTo(reference.body());
            assertThat(refused.header("www-authenticate")).as(presented).isEqualTo(reference.header("www-authenticate"));
            assertNoSession(refused);
        }
        assertThat(call("GET", "/api/v1/me", valid.secret(), null).status()).isEqualTo(200);
        assertThat(callWithHeaders("GET", "/api/v1/me", List.of("Authorization", "Bearer " + valid.secret(),
                "Authorization", "Bearer " + unknown)).status()).as("two Authorization headers").isEqualTo(401);
    }

    @Test
    void missingTokenGetsAChallengeWithoutErrorCode() {
        Response none = call("GET", "/api/v1/me", null, null);
        assertProblem(none, 401, "tag:strongroom.org,2026:problems/authentication-required", "Authentication required");
        assertThat(none.header("www-authenticate")).isEqualTo("Bearer realm=\"strongroom\"");
        Response basic = callWithHeaders("GET", "/api/v1/me", List.of("Authorization", "Basic b3duZXI6cGFzc3dvcmQ="));
        assertThat(basic.status()).isEqualTo(401);
        assertThat(basic.header("www-authenticate")).isEqualTo("Bearer realm=\"strongroom\"");
        Response queryParameter = call("GET", "/api/v1/me?access_token="
                + token(person(StaffRole.OWNER), Duration.ofDays(1), ApiScope.CLIENTS_READ).secret(), null, null);
        assertThat(queryParameter.status()).as("tokens in the URL are not accepted").isEqualTo(401);
    }

    /**
     * Attack: cross-site request forgery against the API, or a stolen browser session used on it.
     * The API ignores the session cookie entirely: a complete browser sign-in is not enough.
     */
    @Test
    void browserSessionCookieIsNotAcceptedByTheApi() {
        StaffId owner = person(StaffRole.OWNER);
        String cookie = plantCompleteSession(owner, clock.instant());
        HttpsClient browser = browser(cookie);
        assertThat(browser.get("/account/tokens").status()).as("the session itself is valid").isEqualTo(200);

        for (String method : new String[] {"GET", "POST", "DELETE"}) {
            Response refused = call(method, "/api/v1/me", null, cookie);
            assertThat(refused.status()).as(method).isEqualTo(401);
            assertThat(refused.header("content-type")).startsWith("application/problem+json");
        }
        assertThat(call("GET", "/api/v1/staff", null, cookie).status()).isEqualTo(401);
    }

    @Test
    void bearerRequestsNeedNoCsrfToken() {
        NewApiToken token = token(person(StaffRole.OWNER), Duration.ofDays(1), ApiScope.CLIENTS_READ);
        Response post = call("POST", "/api/v1/me", token.secret(), null);
        assertProblem(post, 405, "about:blank", "Method Not Allowed");
        assertThat(post.header("allow")).contains("GET");
    }

    @Test
    void unknownAddressesAndUnacceptableMediaTypesAreProblems() {
        NewApiToken token = token(person(StaffRole.OWNER), Duration.ofDays(1), ApiScope.CLIENTS_READ);
        Response missing = call("GET", "/api/v1/no-such-thing", token.secret(), null);
        assertProblem(missing, 404, "about:blank", "Not Found");
        assertSecurityHeaders(missing);
        assertProblem(call("GET", "/api/v2/me", token.secret(), null), 404, "about:blank", "Not Found");
        Response html = callWithHeaders("GET", "/api/v1/me", List.of("Authorization", "Bearer " + token.secret(), "Accept", "text/html"));
        assertProblem(html, 406, "about:blank", "Not Acceptable");
        assertThat(call("GET", "/api/v1/no-such-thing", null, null).status()).as("authentication first").isEqualTo(401);
    }

    @Test
    void tokensPageListsOwnTokensOnly() {
        StaffId owner = person(StaffRole.OWNER);
        token(owner, Duration.ofDays(7), ApiScope.AUDIT_READ);
        token(person(StaffRole.STAFF), Duration.ofDays(7), ApiScope.CLIENTS_READ);
        HttpsClient browser = browser(plantCompleteSession(owner, clock.instant()));
        Response page = browser.get("/account/tokens");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Personal access tokens", "Integration test token", "audit.read", "Active", "Never")
                .doesNotContain("clients.read</code></td>");
        assertThat(page.body()).contains("/assets/tokens.js").doesNotContain("<script>").doesNotContain("style=\"");
    }

    /** Creating a token is sensitive: a session whose last second factor is stale must step up first. */
    @Test
    void creatingATokenNeedsAFreshSecondFactor() {
        StaffId owner = person(StaffRole.OWNER);
        HttpsClient browser = browser(plantCompleteSession(owner, clock.instant().minus(Duration.ofMinutes(30))));
        Response page = browser.get("/account/tokens");
        assertThat(page.body()).contains("you will be asked for your second factor first");
        Response create = browser.submit("/account/tokens", "/account/tokens",
                Map.of("label", "Stale session", "scopes", "clients.read", "expiresInDays", "30"));
        assertThat(create.status()).isEqualTo(302);
        assertThat(create.header("location")).endsWith("/mfa/challenge?stepUp&continue=/account/tokens");
        assertThat(tokens.listOf(owner)).isEmpty();
    }

    @Test
    void createdTokenIsShownOnceWorksAndCanBeRevokedFromThePage() {
        StaffId owner = person(StaffRole.OWNER);
        HttpsClient browser = browser(plantCompleteSession(owner, clock.instant()));
        Response created = browser.submit("/account/tokens", "/account/tokens",
                Map.of("label", "Reporting robot", "scopes", "users.read", "expiresInDays", "90"));
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.header("cache-control")).contains("no-store");
        assertThat(created.body()).contains("You will not see this token again.", "Reporting robot", "data-copy=\"new-token\"");
        java.util.regex.Matcher shown = java.util.regex.Pattern.compile("value=\"(srpat_[^\"]+)\"").matcher(created.body());
        assertThat(shown.find()).isTrue();
        String secret = shown.group(1);
        ApiTokenSummary stored = tokens.listOf(owner).get(0);
        assertThat(stored.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(90)));
        assertThat(stored.scopes()).containsExactly(ApiScope.USERS_READ);

        assertThat(call("GET", "/api/v1/staff", secret, null).status()).isEqualTo(200);
        assertThat(browser.get("/account/tokens").body()).doesNotContain(secret).contains("Reporting robot");

        Response revoke = browser.submit("/account/tokens", "/account/tokens/" + stored.id() + "/revoke", Map.of());
        assertThat(revoke.status()).isEqualTo(302);
        assertThat(revoke.header("location")).endsWith("/account/tokens?revoked");
        assertThat(call("GET", "/api/v1/me", secret, null).status()).isEqualTo(401);
        assertThat(browser.get("/account/tokens?revoked").body()).contains("The token was revoked.", "Revoked");
    }

    @Test
    void pageRefusesBadInputAndOthersTokens() {
        StaffId owner = person(StaffRole.OWNER);
        HttpsClient browser = browser(plantCompleteSession(owner, clock.instant()));
        Response refused = browser.submit("/account/tokens", "/account/tokens",
                Map.of("label", "", "scopes", "clients.delete", "expiresInDays", "1000"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("The token was not created.", "Choose scopes from the list.",
                "Choose when the token expires.", "aria-invalid=\"true\"");
        assertThat(tokens.listOf(owner)).isEmpty();

        NewApiToken someoneElses = token(person(StaffRole.STAFF), Duration.ofDays(1), ApiScope.CLIENTS_READ);
        Response revoke = browser.submit("/account/tokens", "/account/tokens/" + someoneElses.id() + "/revoke", Map.of());
        assertThat(revoke.status()).isEqualTo(404);
        assertThat(call("GET", "/api/v1/me", someoneElses.secret(), null).status()).isEqualTo(200);
        assertThat(browser.submit("/account/tokens", "/account/tokens/not-an-id/revoke", Map.of()).status()).isEqualTo(404);
    }

    // --- helpers ---

    StaffId person(StaffRole role) {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        return TestStaff.insert(accounts, role, "mykola.kravets." + unique + "@example.org", "Mykola Kravets", clock.instant());
    }

    NewApiToken token(StaffId owner, Duration lifetime, ApiScope... scopes) {
        ApiTokenCreation result = tokens.create(owner, new ApiTokenRequest("Integration test token",
                EnumSet.of(scopes[0], scopes), clock.instant().plus(lifetime)));
        assertThat(result).isInstanceOf(ApiTokenCreation.Created.class);
        return ((ApiTokenCreation.Created) result).token();
    }

    /**
     * A browser session as a complete sign-in (password and second factor) leaves it, stored in
     * the real session table; returns the cookie value. Stands in for the sign-in flow, which
     * belongs to other tests.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    String plantCompleteSession(StaffId staff, Instant lastFactorAt) {
        SessionRepository repository = sessions;
        Session session = (Session) repository.createSession();
        session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
                new SecurityContextImpl(SignIns.complete(new StaffPrincipal(staff, StaffRole.OWNER))));
        session.setAttribute(SignIns.LAST_FACTOR_AT, lastFactorAt.toEpochMilli());
        repository.save(session);
        return Base64.getEncoder().encodeToString(session.getId().getBytes(StandardCharsets.UTF_8));
    }

    HttpsClient browser(String cookie) {
        HttpsClient browser = new HttpsClient(port, certificate());
        browser.cookies().put(SESSION_COOKIE, cookie);
        return browser;
    }

    long sessionCount() {
        return jdbc.sql("SELECT COUNT(*) FROM spring_session").query(Long.class).single();
    }

    Response call(String method, String path, @Nullable String token, @Nullable String cookie) {
        List<String> headers = new java.util.ArrayList<>(List.of("Accept", "application/json"));
        if (token != null) {
            headers.addAll(List.of("Authorization", "Bearer " + token));
        }
        if (cookie != null) {
            headers.addAll(List.of("Cookie", SESSION_COOKIE + "=" + cookie));
        }
        return callWithHeaders(method, path, headers);
    }

    Response callWithHeaders(String method, String path, List<String> nameValues) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody());
        boolean accept = false;
        for (int i = 0; i < nameValues.size(); i += 2) {
            request.header(nameValues.get(i), nameValues.get(i + 1));
            accept |= nameValues.get(i).equalsIgnoreCase("Accept");
        }
        if (!accept) {
            request.header("Accept", "application/json");
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void assertNoSession(Response response) {
        assertThat(response.headers().allValues("set-cookie")).as("Set-Cookie on " + response.status()).isEmpty();
    }

    static void assertProblem(Response response, int status, String type, String title) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("content-type")).startsWith("application/problem+json");
        assertThat(response.body()).contains("\"type\":\"" + type + "\"", "\"title\":\"" + title + "\"",
                "\"status\":" + status, "\"detail\":\"");
        assertSecurityHeaders(response);
    }

    static void assertSecurityHeaders(Response response) {
        assertThat(response.header("strict-transport-security")).as("HSTS").startsWith("max-age=");
        assertThat(response.header("content-security-policy")).as("CSP").contains("default-src 'self'");
        assertThat(response.header("x-content-type-options")).isEqualTo("nosniff");
        assertThat(response.header("cache-control")).contains("no-store");
    }

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock movableClock() {
            return new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        }
    }
}
