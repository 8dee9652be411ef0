package org.strongroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.strongroom.identity.OwnerSetup;
import org.strongroom.testing.HttpsClient;
import org.strongroom.testing.HttpsClient.Response;
import org.strongroom.testing.StaffSignIn;

/**
 * The whole server over real HTTPS on a random port: TLS policy, security headers on every kind
 * of response, the one-time setup link, sign-in and sign-out. Runs once on SQLite and once on
 * PostgreSQL (the subclasses choose the database).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(FullStackIntegrationTests.FailingEndpoint.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class FullStackIntegrationTests {

    static final String OWNER_EMAIL = "olena.kovalenko@example.org";
    static final String OWNER_NAME = "Olena Kovalenko";
    static final String OWNER_PASSWORD = "quiet-harbour-lantern-47";

    @LocalServerPort
    int port;

    @Autowired
    OwnerSetup setup;

    @Autowired
    Environment environment;

    @Autowired
    JdbcClient jdbc;

    HttpsClient http;

    @BeforeEach
    void client() {
        http = new HttpsClient(port, certificate());
    }

    Path certificate() {
        return Path.of(environment.getRequiredProperty("strongroom.data-dir"), "tls", "server.crt");
    }

    @Test
    @Order(1)
    void setupLinkWorksOnceAndOnlyOnce() {
        String token = setup.issueSetupToken().orElseThrow(() -> new AssertionError("an owner exists already"));

        Response form = http.get("/setup?token=" + token);
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("name=\"token\"");

        Map<String, String> owner = Map.of("token", token, "name", OWNER_NAME, "email", OWNER_EMAIL,
                "password", OWNER_PASSWORD, "passwordConfirm", OWNER_PASSWORD);
        Response created = http.submit("/setup?token=" + token, "/setup", owner);
        assertThat(created.status()).isEqualTo(302);
        assertThat(created.header("location")).endsWith("/login?created");

        HttpsClient other = new HttpsClient(port, certificate());
        Response reused = other.submit("/login", "/setup", Map.of("token", token, "name", "Mallory Example",
                "email", "mallory@example.org", "password", "another-long-passphrase-9", "passwordConfirm", "another-long-passphrase-9"));
        assertThat(reused.status()).isEqualTo(403);
        assertThat(reused.body()).contains("This setup link cannot be used");
        assertThat(other.get("/setup?token=" + token).status()).isEqualTo(403);
        assertThat(setup.issueSetupToken()).isEmpty();
    }

    @Test
    @Order(2)
    void forgedSetupLinkIsRefused() {
        assertThat(http.get("/setup?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").status()).isEqualTo(403);
        assertThat(http.get("/setup?token=%27%20OR%201%3D1--").status()).isEqualTo(403);
        assertThat(http.get("/setup").status()).isEqualTo(403);
    }

    @Test
    @Order(3)
    void signInShowsTheHomePage() {
        signIn();
        Response home = http.get("/");
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.body()).contains("Welcome, " + OWNER_NAME).contains(OWNER_EMAIL);
    }

    @Test
    @Order(3)
    void wrongPasswordIsRefusedWithoutSayingWhichPartWasWrong() {
        Response wrong = http.submit("/login", "/login", Map.of("email", OWNER_EMAIL, "password", "not-the-password-123"));
        Response unknown = http.submit("/login", "/login", Map.of("email", "nobody@example.org", "password", "not-the-password-123"));
        assertThat(wrong.header("location")).endsWith("/login?failed");
        assertThat(unknown.header("location")).isEqualTo(wrong.header("location"));
        assertThat(http.get("/").status()).isEqualTo(302);
    }

    /** Attack: a stolen password without the second factor. */
    @Test
    @Order(4)
    void aPasswordAloneReachesOnlyTheSecondFactorPage() {
        signIn();
        http = new HttpsClient(port, certificate());
        Response password = http.submit("/login", "/login", Map.of("email", OWNER_EMAIL, "password", OWNER_PASSWORD));
        assertThat(password.header("location")).endsWith("/mfa/challenge");
        for (String path : List.of("/", "/account", "/settings/keys", "/clients/3f0c1a2e-0000-4000-8000-000000000001", "/admin/users")) {
            Response page = http.get(path);
            assertThat(page.status()).as(path).isEqualTo(302);
            assertThat(page.header("location")).as(path).endsWith("/mfa/challenge");
        }
        assertThat(http.submit("/mfa/challenge", "/account/security/recovery-codes", Map.of()).status()).isEqualTo(302);
        Response wrong = http.submit("/mfa/challenge", "/mfa/challenge", Map.of("code", "000000"));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.body()).contains("That code is not right");
        assertThat(http.get("/").status()).isEqualTo(302);
    }

    /** Attack: replaying a one-time code captured at an earlier sign-in. */
    @Test
    @Order(4)
    void aOneTimeCodeCannotBeReplayed() {
        signIn();
        StaffSignIn.Authenticator app = StaffSignIn.authenticator(http, OWNER_EMAIL);
        String code = app.codeWaitingIfNeeded();
        HttpsClient first = new HttpsClient(port, certificate());
        first.submit("/login", "/login", Map.of("email", OWNER_EMAIL, "password", OWNER_PASSWORD));
        assertThat(first.submit("/mfa/challenge", "/mfa/challenge", Map.of("code", code)).status()).isEqualTo(302);
        assertThat(first.get("/").status()).isEqualTo(200);

        HttpsClient replay = new HttpsClient(port, certificate());
        replay.submit("/login", "/login", Map.of("email", OWNER_EMAIL, "password", OWNER_PASSWORD));
        assertThat(replay.submit("/mfa/challenge", "/mfa/challenge", Map.of("code", code)).status()).isEqualTo(422);
        assertThat(replay.get("/").status()).isEqualTo(302);
    }

    @Test
    @Order(4)
    void stepUpAsksForAFreshCodeAndReturnsOnlyToALocalPage() {
        signIn();
        Response page = http.get("/mfa/challenge?stepUp&continue=/account/security");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Confirm it is you");
        Response back = StaffSignIn.secondFactor(http, OWNER_EMAIL, "?stepUp&continue=/account/security");
        assertThat(back.header("location")).endsWith("/account/security");
        Response offsite = StaffSignIn.secondFactor(http, OWNER_EMAIL, "?stepUp&continue=//evil.example/x");
        assertThat(offsite.header("location")).doesNotContain("evil").endsWith("/");
        Response codes = http.submit("/account/security", "/account/security/recovery-codes", Map.of());
        assertThat(codes.status()).isEqualTo(200);
        assertThat(codes.body()).contains("Save your recovery codes");
        StaffSignIn.authenticator(http, OWNER_EMAIL).rememberRecoveryCodes(codes.body());
    }

    /**
     * The owner invites a colleague (no mail server: the link is shown), the colleague sets a
     * password and must enrol a second factor before anything else; then the owner disables the
     * account and the colleague's live session ends at its next request (attack: an ex-employee
     * keeping an open session).
     */
    @Test
    @Order(6)
    void invitedColleagueEnrolsAndLosesTheSessionWhenDisabled() {
        signIn();
        String email = "serhii.koval." + port + "@example.org";
        Response invited = http.submit("/admin/users", "/admin/users/invite",
                Map.of("name", "Serhii Koval", "email", email, "role", "STAFF"));
        assertThat(invited.status()).isEqualTo(200);
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("id=\"invitation-link\"[^>]*>https://localhost:\\d+(/invitation\\?token=[A-Za-z0-9_-]+)<")
                .matcher(invited.body());
        assertThat(link.find()).as("the link is shown to hand over").isTrue();

        HttpsClient colleague = new HttpsClient(port, certificate());
        Response accepted = colleague.submit(link.group(1), "/invitation", Map.of("token", link.group(1).substring("/invitation?token=".length()),
                "password", "linen-harbour-violet-72", "passwordConfirm", "linen-harbour-violet-72"));
        assertThat(accepted.header("location")).endsWith("/login?welcome");
        assertThat(colleague.get(link.group(1)).status()).as("the link works once").isEqualTo(403);

        Response password = colleague.submit("/login", "/login", Map.of("email", email, "password", "linen-harbour-violet-72"));
        assertThat(password.header("location")).endsWith("/mfa/enrol");
        assertThat(colleague.get("/").header("location")).as("nothing but enrolment").endsWith("/mfa/enrol");
        colleague = new HttpsClient(port, certificate());
        StaffSignIn.signIn(colleague, email, "linen-harbour-violet-72");
        assertThat(colleague.get("/").status()).isEqualTo(200);
        assertThat(colleague.get("/admin/users").status()).as("staff do not manage accounts").isEqualTo(403);

        String id = jdbc.sql("SELECT id FROM staff_member WHERE role = 'STAFF' AND status = 'ACTIVE'").query(String.class).list()
                .stream().filter(candidate -> http.get("/admin/users").body().contains("data-staff=\"" + candidate + "\""))
                .findFirst().orElseThrow();
        Response disabled = http.submit("/admin/users", "/admin/users/" + id + "/disable", Map.of());
        assertThat(disabled.header("location")).endsWith("/admin/users");
        Response after = colleague.get("/");
        assertThat(after.status()).isEqualTo(302);
        assertThat(after.header("location")).contains("/login");
        HttpsClient again = new HttpsClient(port, certificate());
        Response refused = again.submit("/login", "/login", Map.of("email", email, "password", "linen-harbour-violet-72"));
        assertThat(refused.header("location")).as("same answer as a wrong password").endsWith("/login?failed");
    }

    /**
     * Identity events land in the audit trail by id and code only: a failed password step (no
     * email), a complete sign-in, a refused code, a sign-out. Canary: the submitted email appears
     * nowhere in the trail.
     */
    @Test
    @Order(7)
    void signInsFactorsAndSignOutsAreAuditedWithoutPersonalData() {
        signIn();
        long before = jdbc.sql("SELECT COUNT(*) FROM audit_entry").query(Long.class).single();
        HttpsClient other = new HttpsClient(port, certificate());
        other.submit("/login", "/login", Map.of("email", "canary.person@example.org", "password", "wrong-password-canary"));
        other.submit("/login", "/login", Map.of("email", OWNER_EMAIL, "password", OWNER_PASSWORD));
        other.submit("/mfa/challenge", "/mfa/challenge", Map.of("code", "000000"));
        StaffSignIn.secondFactor(other, OWNER_EMAIL, "");
        other.submit("/", "/logout", Map.of());

        List<String> actions = jdbc.sql("SELECT action || ' ' || outcome || ' ' || COALESCE(reason, '-') FROM audit_entry WHERE seq > :before ORDER BY seq")
                .param("before", before).query(String.class).list();
        assertThat(actions).contains("identity.sign_in failed bad_credentials",
                "identity.second_factor.sign_in failed authenticator_app.refused",
                "identity.sign_in succeeded -", "identity.sign_out succeeded -");
        // The helper uses an app code or, when every time step in the window is spent, a recovery code.
        assertThat(actions).anyMatch(a -> a.matches("identity\\.second_factor\\.sign_in succeeded (authenticator_app|recovery_code)\\.accepted"));
        List<String> everything = jdbc.sql("SELECT action || '|' || COALESCE(actor_id, '') || '|' || COALESCE(resource_id, '') || '|' || COALESCE(reason, '') || '|' || COALESCE(source_address, '') FROM audit_entry")
                .query(String.class).list();
        assertThat(everything).noneMatch(row -> row.contains("canary") || row.contains("@") || row.contains(OWNER_NAME));
    }

    /** Attack: replaying a session cookie captured before sign-out. */
    @Test
    @Order(4)
    void signOutEndsTheSessionOnTheServer() {
        signIn();
        Map<String, String> captured = Map.copyOf(http.cookies());
        Response out = http.submit("/", "/logout", Map.of());
        assertThat(out.status()).isEqualTo(302);
        assertThat(out.header("location")).endsWith("/login?signedOut");

        HttpsClient replay = new HttpsClient(port, certificate());
        replay.cookies().putAll(captured);
        Response afterReplay = replay.get("/");
        assertThat(afterReplay.status()).isEqualTo(302);
        assertThat(afterReplay.header("location")).endsWith("/login");
    }

    @Test
    @Order(4)
    void sessionIdChangesAtSignIn() {
        http.get("/login");
        String before = http.cookies().get("__Host-strongroom");
        signIn();
        assertThat(http.cookies().get("__Host-strongroom")).isNotNull().isNotEqualTo(before);
    }

    @Test
    @Order(5)
    void securityHeadersOnOkNotFoundMethodNotAllowedAndServerError() {
        assertSecurityHeaders(http.get("/login"), 200);
        assertSecurityHeaders(http.get("/assets/no-such-file.css"), 404);
        assertSecurityHeaders(http.method("TRACE", "/login"), 405);
        assertSecurityHeaders(http.method("OPTIONS", "/"), 405);
        signIn();
        assertSecurityHeaders(http.submit("/", "/", Map.of()), 405);
        assertSecurityHeaders(http.get("/no-such-page"), 404);
        Response failure = http.get("/test-only/fail");
        assertSecurityHeaders(failure, 500);
        assertThat(failure.body()).doesNotContain("IllegalStateException", "deliberate", "Tomcat", "Spring",
                "at org.", "Whitelabel");
    }

    /** Canary: the database-stored session must identify the person by id only. */
    @Test
    @Order(5)
    void sessionRowsHoldNoNameOrEmail() {
        signIn();
        assertThat(http.get("/").status()).isEqualTo(200);
        List<byte[]> attributes = jdbc.sql("SELECT attribute_bytes FROM spring_session_attributes").query(byte[].class).list();
        List<String> principals = jdbc.sql("SELECT principal_name FROM spring_session WHERE principal_name IS NOT NULL")
                .query(String.class).list();
        assertThat(attributes).isNotEmpty();
        assertThat(principals).isNotEmpty().allSatisfy(p -> assertThat(p).matches("[0-9a-f-]{36}"));
        for (byte[] bytes : attributes) {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            assertThat(text).doesNotContain(OWNER_EMAIL, OWNER_NAME, "Kovalenko", OWNER_PASSWORD);
        }
    }

    @Test
    @Order(5)
    void ownerSeesTheKeyStatusAndStrangersDoNot() {
        assertThat(http.get("/settings/keys").status()).isEqualTo(302);
        signIn();
        Response keys = http.get("/settings/keys");
        assertThat(keys.status()).isEqualTo(200);
        assertThat(keys.body()).contains("Encryption keys", "Key file on this server", "Nothing pending");
    }

    @Test
    @Order(5)
    void traceDoesNotEchoTheRequest() {
        signIn();
        Response trace = http.method("TRACE", "/");
        assertThat(trace.status()).isEqualTo(405);
        assertThat(trace.body()).doesNotContain("__Host-strongroom");
    }

    @Test
    @Order(5)
    void sessionCookieIsHostPrefixedSecureHttpOnlyAndSameSite() {
        Response login = http.get("/login");
        String cookie = login.headers().allValues("set-cookie").stream()
                .filter(c -> c.startsWith("__Host-strongroom=")).findFirst().orElseThrow();
        assertThat(cookie).contains("Secure").contains("HttpOnly").contains("SameSite=Lax").contains("Path=/")
                .doesNotContainIgnoringCase("Domain=");
    }

    @Test
    @Order(5)
    void onlyHealthIsPublicOnTheActuator() {
        assertThat(http.get("/actuator/health", "application/json").status()).isEqualTo(200);
        assertThat(http.get("/actuator/health/liveness", "application/json").status()).isEqualTo(200);
        assertThat(http.get("/actuator/health/readiness", "application/json").status()).isEqualTo(200);
        assertThat(http.get("/actuator/env").status()).isNotEqualTo(200);
        assertThat(http.get("/actuator/beans").status()).isNotEqualTo(200);
        signIn();
        assertThat(http.get("/actuator/env").status()).isEqualTo(404);
        assertThat(http.get("/actuator/health", "application/json").body()).doesNotContain("db", "diskSpace");
    }

    @Test
    void tls13IsAccepted() throws IOException {
        try (SSLSocket socket = socket(new String[] {"TLSv1.3"}, null)) {
            socket.startHandshake();
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
        }
    }

    @Test
    void tls12IsAcceptedWithAForwardSecretAeadSuite() throws IOException {
        try (SSLSocket socket = socket(new String[] {"TLSv1.2"}, null)) {
            socket.startHandshake();
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
            assertThat(socket.getSession().getCipherSuite()).startsWith("TLS_ECDHE_").containsAnyOf("_GCM_", "_CHACHA20_");
        }
    }

    /** Attack: a downgrade to TLS 1.1 / 1.0. */
    @Test
    void tls11AndTls10AreRefused() {
        for (String protocol : new String[] {"TLSv1.1", "TLSv1"}) {
            assertThatThrownBy(() -> {
                try (SSLSocket socket = socket(new String[] {protocol}, null)) {
                    socket.startHandshake();
                }
            }).as(protocol).isInstanceOf(IOException.class);
        }
    }

    /** Attack: a client that offers only CBC (or non-forward-secret) suites. */
    @Test
    void cbcOnlyAndStaticRsaClientsAreRefused() {
        String[][] offers = {
                {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384",
                        "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"},
                {"TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_256_GCM_SHA384"}};
        for (String[] suites : offers) {
            assertThatThrownBy(() -> {
                try (SSLSocket socket = socket(new String[] {"TLSv1.2"}, suites)) {
                    socket.startHandshake();
                }
            }).as(String.join(",", suites)).isInstanceOf(IOException.class);
        }
    }

    private SSLSocket socket(String[] protocols, String[] suites) throws IOException {
        SSLSocket socket = (SSLSocket) HttpsClient.trusting(certificate()).getSocketFactory().createSocket("localhost", port);
        socket.setSoTimeout(10_000);
        socket.setEnabledProtocols(protocols);
        if (suites != null) {
            socket.setEnabledCipherSuites(suites);
        }
        return socket;
    }

    void signIn() {
        ensureOwner();
        StaffSignIn.signIn(http, OWNER_EMAIL, OWNER_PASSWORD);
    }

    private void ensureOwner() {
        setup.issueSetupToken().ifPresent(token -> http.submit("/setup?token=" + token, "/setup", Map.of("token", token,
                "name", OWNER_NAME, "email", OWNER_EMAIL, "password", OWNER_PASSWORD, "passwordConfirm", OWNER_PASSWORD)));
    }

    static void assertSecurityHeaders(Response response, int status) {
        assertThat(response.status()).as("status").isEqualTo(status);
        String hsts = response.header("strict-transport-security");
        assertThat(hsts).as("HSTS").matches("max-age=\\d+; includeSubDomains");
        assertThat(Long.parseLong(hsts.substring("max-age=".length(), hsts.indexOf(';')))).isGreaterThanOrEqualTo(31_536_000L);
        String csp = response.header("content-security-policy");
        assertThat(csp).as("CSP").contains("default-src 'self'", "object-src 'none'", "frame-ancestors 'none'",
                "base-uri 'none'", "form-action 'self'").doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(response.header("x-content-type-options")).isEqualTo("nosniff");
        assertThat(response.header("referrer-policy")).isEqualTo("no-referrer");
        assertThat(response.header("permissions-policy")).contains("camera=()", "microphone=()", "geolocation=()");
        assertThat(response.header("cache-control")).contains("no-store");
        assertThat(response.header("server")).isNull();
        assertThat(response.header("x-powered-by")).isNull();
    }

    /** Throws, to prove what a 500 looks like. Imported by this test only. */
    @RestController
    static class FailingEndpoint {
        @GetMapping("/test-only/fail")
        String fail() {
            throw new IllegalStateException("deliberate failure with internal detail");
        }
    }
}
