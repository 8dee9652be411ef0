package org.strongroom.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

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
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.strongroom.identity.internal.Accounts;
import org.strongroom.identity.internal.SignInThrottle;
import org.strongroom.identity.internal.SignIns;
import org.strongroom.identity.internal.SingleSessionLimit;
import org.strongroom.testing.HttpsClient;
import org.strongroom.testing.HttpsClient.Response;
import org.strongroom.testing.MutableClock;

/**
 * Sessions and sign-in throttling over real HTTPS with the sessions in the database: fixation,
 * server-side sign-out, ending sessions, idle and absolute lifetimes, the sessions page, the
 * idle warning's keep-alive, the one-session limit and growing delays. Runs on SQLite and on
 * PostgreSQL (the subclasses choose). The idle timeout is configured to 7 minutes here, to
 * prove the setting is applied.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "strongroom.sessions.idle-timeout=7m")
@Import({SessionsIntegrationTests.CompleteSignIn.class, SessionsIntegrationTests.Clocks.class})
abstract class SessionsIntegrationTests {

    static final String EMAIL = "mariia.bondarenko@example.org";
    static final String NAME = "Mariia Bondarenko";
    static final String PASSWORD = "amber-meadow-kettle-51";
    static final String COOKIE = "__Host-strongroom";

    @LocalServerPort
    int port;
    @Autowired
    OwnerSetup setup;
    @Autowired
    Environment environment;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StaffSessions staffSessions;
    @Autowired
    SingleSessionLimit singleSession;
    @Autowired
    MutableClock clock;
    @Autowired
    SignInThrottle throttle;
    @Autowired
    Accounts accounts;
    @Autowired
    StaffAdministration administration;

    @BeforeEach
    void owner() {
        if (!setup.ownerExists()) {
            assertThat(setup.createOwner(new NewOwner(NAME, EMAIL, PASSWORD))).isInstanceOf(SetupResult.Created.class);
        }
        // Each test starts with no failures counted, whatever earlier tests did.
        throttle.clear();
    }

    HttpsClient client() {
        return new HttpsClient(port, Path.of(environment.getRequiredProperty("strongroom.data-dir"), "tls", "server.crt"));
    }

    StaffId ownerId() {
        return accounts.findIdByEmail(EMAIL).orElseThrow(() -> new AssertionError("no owner"));
    }

    Response passwordSignIn(HttpsClient http, String email, String password) {
        return http.submit("/login", "/login", Map.of("email", email, "password", password));
    }

    /** Password, then the test-only stand-in for the second factor: a complete sign-in. */
    HttpsClient signedIn() {
        HttpsClient http = client();
        Response password = passwordSignIn(http, EMAIL, PASSWORD);
        assertThat(password.status()).isEqualTo(302);
        assertThat(password.header("location")).doesNotContain("failed");
        assertThat(http.get("/mfa/enrol/test-only-complete").status()).isEqualTo(204);
        assertThat(http.get("/account/sessions").status()).isEqualTo(200);
        return http;
    }

    static String sessionId(HttpsClient http) {
        return new String(Base64.getDecoder().decode(http.cookies().get(COOKIE)), StandardCharsets.US_ASCII);
    }

    static HttpsClient replaying(HttpsClient fresh, Map<String, String> cookies) {
        fresh.cookies().putAll(cookies);
        return fresh;
    }

    static void assertSentToSignIn(Response response) {
        assertThat(response.status()).isEqualTo(302);
        assertThat(response.header("location")).matches("(https://localhost:\\d+)?/login(\\?.*)?");
    }

    /**
     * Attack: session fixation. The id a visitor had before signing in (which an attacker could
     * have planted or read) changes at the password and again at the second factor, and the old
     * ids lead nowhere afterwards.
     */
    @Test
    void sessionIdChangesAtEachSignInStageAndEarlierIdsAreDead() {
        HttpsClient http = client();
        http.get("/login");
        Map<String, String> anonymous = Map.copyOf(http.cookies());
        assertThat(anonymous).containsKey(COOKIE);

        assertThat(passwordSignIn(http, EMAIL, PASSWORD).header("location")).doesNotContain("failed");
        Map<String, String> afterPassword = Map.copyOf(http.cookies());
        assertThat(afterPassword.get(COOKIE)).isNotEqualTo(anonymous.get(COOKIE));

        assertThat(http.get("/mfa/enrol/test-only-complete").status()).isEqualTo(204);
        assertThat(http.cookies().get(COOKIE)).isNotEqualTo(afterPassword.get(COOKIE)).isNotEqualTo(anonymous.get(COOKIE));
        assertThat(http.get("/account/sessions").status()).isEqualTo(200);

        assertSentToSignIn(replaying(client(), anonymous).get("/account/sessions"));
        assertSentToSignIn(replaying(client(), afterPassword).get("/account/sessions"));
        String before = new String(Base64.getDecoder().decode(anonymous.get(COOKIE)), StandardCharsets.US_ASCII);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM spring_session WHERE session_id = :id").param("id", before)
                .query(Long.class).single()).isZero();
    }

    /** Attack: an attacker plants a session id of their choosing in the victim's browser. */
    @Test
    void aPlantedSessionIdIsNeverAdopted() {
        HttpsClient http = client();
        String planted = Base64.getEncoder().encodeToString("00000000-0000-4000-8000-000000000000".getBytes(StandardCharsets.US_ASCII));
        http.cookies().put(COOKIE, planted);
        passwordSignIn(http, EMAIL, PASSWORD);
        assertThat(http.cookies().get(COOKIE)).isNotEqualTo(planted);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM spring_session WHERE session_id = '00000000-0000-4000-8000-000000000000'")
                .query(Long.class).single()).isZero();
    }

    /** Attack: replaying a session cookie captured before sign-out. */
    @Test
    void signOutEndsTheSessionOnTheServer() {
        HttpsClient http = signedIn();
        Map<String, String> captured = Map.copyOf(http.cookies());
        String id = sessionId(http);
        Response out = http.submit("/account/sessions", "/logout", Map.of());
        assertThat(out.header("location")).endsWith("/login?signedOut");
        assertSentToSignIn(replaying(client(), captured).get("/account/sessions"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM spring_session WHERE session_id = :id").param("id", id).query(Long.class).single()).isZero();
    }

    /** Attack: a stolen session cookie keeps working after the account is disabled or its password changes. */
    @Test
    void endAllKillsLiveSessions() {
        HttpsClient laptop = signedIn();
        HttpsClient phone = signedIn();
        assertThat(staffSessions.endAll(ownerId())).isGreaterThanOrEqualTo(2);
        assertSentToSignIn(laptop.get("/account/sessions"));
        assertSentToSignIn(phone.get("/"));
        assertThat(staffSessions.list(ownerId(), null)).isEmpty();
    }

    /** Attack: a stolen session outliving the account change that should have ended it. */
    @Test
    void resettingFactorsEndsEverySessionOnTheServer() {
        HttpsClient laptop = signedIn();
        assertThat(administration.resetFactors(null, ownerId())).isInstanceOf(StaffAdministration.Outcome.Done.class);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM spring_session WHERE principal_name = :id").param("id", ownerId().toString())
                .query(Long.class).single()).isZero();
        assertSentToSignIn(laptop.get("/account/sessions"));
    }

    @Test
    void endAllExceptKeepsOnlyTheGivenSession() {
        HttpsClient kept = signedIn();
        HttpsClient other = signedIn();
        staffSessions.endAllExcept(ownerId(), sessionId(kept));
        assertThat(kept.get("/account/sessions").status()).isEqualTo(200);
        assertSentToSignIn(other.get("/account/sessions"));
    }

    @Test
    void sessionsPageListsOwnSessionsWithoutTheirIdsAndEndsAnother() {
        staffSessions.endAll(ownerId());
        HttpsClient laptop = signedIn();
        HttpsClient phone = signedIn();
        Response page = laptop.get("/account/sessions");
        assertThat(page.body()).contains("Active sessions", "This session", "Sign out this session", "Sign out everywhere else",
                "Script on unknown system", "127.0.0.1", "<caption>", "scope=\"col\"");
        for (HttpsClient http : List.of(laptop, phone)) {
            assertThat(page.body()).doesNotContain(sessionId(http), http.cookies().get(COOKIE));
        }
        Matcher reference = Pattern.compile("name=\"session\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(reference.find()).isTrue();
        String phoneReference = reference.group(1);
        assertThat(phoneReference).isEqualTo(StaffSessions.reference(sessionId(phone)));
        assertThat(reference.find()).as("only the other session has a sign-out button").isFalse();

        Response ended = laptop.submit("/account/sessions", "/account/sessions/end", Map.of("session", phoneReference));
        assertThat(ended.header("location")).endsWith("/account/sessions?ended");
        assertSentToSignIn(phone.get("/"));
        assertThat(laptop.get("/account/sessions").status()).isEqualTo(200);
    }

    @Test
    void signOutEverywhereElseKeepsThisSession() {
        HttpsClient laptop = signedIn();
        HttpsClient phone = signedIn();
        HttpsClient tablet = signedIn();
        Response ended = laptop.submit("/account/sessions", "/account/sessions/end-others", Map.of());
        assertThat(ended.header("location")).endsWith("/account/sessions?endedOthers");
        assertSentToSignIn(phone.get("/"));
        assertSentToSignIn(tablet.get("/"));
        assertThat(laptop.get("/account/sessions").body()).contains("You are signed in only here.");
    }

    /** Attack: ending someone else's session by guessing or copying its reference. */
    @Test
    void aReferenceOfAnotherPersonsSessionOrNonsenseEndsNothing() {
        HttpsClient laptop = signedIn();
        Response ended = laptop.submit("/account/sessions", "/account/sessions/end", Map.of("session", "not-a-reference"));
        assertThat(ended.header("location")).endsWith("/account/sessions?notFound");
        assertThat(staffSessions.end(StaffId.random(), StaffSessions.reference(sessionId(laptop)))).isFalse();
        assertThat(laptop.get("/account/sessions").status()).isEqualTo(200);
    }

    @Test
    void idleTimeoutIsTheConfiguredOneAndEndsAnIdleSession() {
        HttpsClient http = signedIn();
        String id = sessionId(http);
        assertThat(jdbc.sql("SELECT max_inactive_interval FROM spring_session WHERE session_id = :id").param("id", id)
                .query(Integer.class).single()).isEqualTo(7 * 60);
        // Eight minutes without a request: moved in the database rather than waited for.
        long eightMinutes = Duration.ofMinutes(8).toMillis();
        jdbc.sql("UPDATE spring_session SET last_access_time = last_access_time - :d, expiry_time = expiry_time - :d WHERE session_id = :id")
                .param("d", eightMinutes).param("id", id).update();
        assertSentToSignIn(http.get("/account/sessions"));
    }

    @Test
    void aSessionUsedWithinTheIdleTimeoutStays() {
        HttpsClient http = signedIn();
        String id = sessionId(http);
        long sixMinutes = Duration.ofMinutes(6).toMillis();
        jdbc.sql("UPDATE spring_session SET last_access_time = last_access_time - :d, expiry_time = expiry_time - :d WHERE session_id = :id")
                .param("d", sixMinutes).param("id", id).update();
        assertThat(http.get("/account/sessions").status()).isEqualTo(200);
    }

    /** Attack: a session kept alive by constant use (or a script) for days. */
    @Test
    void absoluteLifetimeEndsEvenAnActiveSession() {
        HttpsClient http = signedIn();
        String id = sessionId(http);
        jdbc.sql("UPDATE spring_session SET creation_time = creation_time - :d WHERE session_id = :id")
                .param("d", Duration.ofHours(13).toMillis()).param("id", id).update();
        assertThat(staffSessions.list(ownerId(), id)).noneMatch(ActiveSession::current);
        Response response = http.get("/account/sessions");
        assertThat(response.status()).isEqualTo(302);
        assertThat(response.header("location")).isEqualTo("/login?expired");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM spring_session WHERE session_id = :id").param("id", id).query(Long.class).single()).isZero();
        assertThat(http.get("/login?expired").body()).contains("Your session has ended.");
        assertThat(jdbc.sql("SELECT actor_id || ' ' || reason FROM audit_entry WHERE action = 'identity.session_expired' AND request_id = :request")
                .param("request", response.header("x-request-id")).query(String.class).list())
                .containsExactly(ownerId() + " absolute_lifetime");
    }

    @Test
    void signedInPagesCarryTheIdleWarningAndKeepAliveAnswers204() {
        HttpsClient http = signedIn();
        Response page = http.get("/account/sessions");
        assertThat(page.body()).contains("<meta name=\"session-idle-seconds\" content=\"420\">", "/assets/session-timeout.js",
                "role=\"alertdialog\"", "Stay signed in");
        String token = HttpsClient.csrfToken(page.body());
        Response alive = http.post("/session/keep-alive", Map.of("_csrf", token));
        assertThat(alive.status()).isEqualTo(204);
        assertThat(client().get("/login").body()).doesNotContain("session-idle-seconds", "session-timeout.js");
        assertThat(http.post("/session/keep-alive", Map.of()).status()).as("no CSRF token").isEqualTo(403);
        assertThat(client().get("/assets/session-timeout.js").status()).isEqualTo(200);
    }

    @Test
    void oneSessionLimitEndsOtherSessionsAtACompleteSignIn() {
        singleSession.setEnabled(true);
        try {
            HttpsClient first = signedIn();
            HttpsClient second = signedIn();
            assertSentToSignIn(first.get("/account/sessions"));
            assertThat(second.get("/account/sessions").status()).isEqualTo(200);
        } finally {
            singleSession.setEnabled(false);
        }
    }

    /**
     * Attack: online password guessing. After five failures the account must wait; a refused
     * attempt — even with the right password — looks exactly like a wrong password, is recorded
     * as throttled, and once the wait has passed the right password works and clears the count.
     */
    @Test
    void repeatedFailuresAreThrottledAndTheWaitEnds() {
        HttpsClient http = client();
        http.get("/login");
        Response wrong = null;
        for (int i = 0; i < 5; i++) {
            wrong = passwordSignIn(http, EMAIL, "wrong-password-" + i + "-xyz");
            assertThat(wrong.header("location")).endsWith("/login?failed");
        }
        Response refused = passwordSignIn(http, EMAIL, PASSWORD);
        assertThat(refused.status()).isEqualTo(wrong.status());
        assertThat(refused.header("location")).isEqualTo(wrong.header("location"));
        assertThat(refused.body()).isEqualTo(wrong.body());
        assertThat(http.get("/login?failed").body()).contains("or too many attempts");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sign_in_attempt WHERE reason = 'throttled' AND staff_id = :id")
                .param("id", ownerId().toString()).query(Long.class).single()).isPositive();

        clock.advance(Duration.ofSeconds(1));
        Response accepted = passwordSignIn(http, EMAIL, PASSWORD);
        assertThat(accepted.header("location")).doesNotContain("failed");
        HttpsClient again = client();
        passwordSignIn(again, EMAIL, "wrong-password-after-xyz");
        assertThat(passwordSignIn(again, EMAIL, PASSWORD).header("location")).as("the count started afresh").doesNotContain("failed");
    }

    @Test
    void hammeringOneEmailLeavesOtherAccountsAlone() {
        HttpsClient attacker = client();
        for (int i = 0; i < 8; i++) {
            passwordSignIn(attacker, "nobody.here@example.org", "guess-number-" + i + "-abc");
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sign_in_attempt WHERE reason = 'throttled' AND staff_id IS NULL AND email_index IS NOT NULL")
                .query(Long.class).single()).isPositive();
        assertThat(passwordSignIn(client(), EMAIL, PASSWORD).header("location")).doesNotContain("failed");
    }

    @Test
    void recentSignInsShowSuccessesAndFailuresWithReasons() {
        HttpsClient http = client();
        passwordSignIn(http, EMAIL, "not-my-password-at-all");
        HttpsClient signed = signedIn();
        String body = signed.get("/account/sessions").body();
        assertThat(body).contains("Recent sign-ins", "Password accepted", "Wrong password", "Refused", "Succeeded");
    }

    /** Canary: attempts and session rows never hold an email or a name in clear. */
    @Test
    void attemptsHoldNoEmailInClear() {
        passwordSignIn(client(), "Someone.Unknown@Example.org", "whatever-password-1");
        passwordSignIn(client(), EMAIL, "whatever-password-2");
        List<Map<String, Object>> rows = jdbc.sql("SELECT * FROM sign_in_attempt").query().listOfRows();
        assertThat(rows).isNotEmpty();
        for (Map<String, Object> row : rows) {
            assertThat(String.valueOf(new LinkedHashMap<>(row)).toLowerCase())
                    .doesNotContain("someone.unknown", "example.org", "mariia", "bondarenko");
        }
    }

    /**
     * Stands in for the second factor (the real flow, {@code testing/StaffSignIn}, spends TOTP
     * time steps and recovery codes, too slowly for the many sign-ins here): completes the
     * sign-in through {@link SignIns}, exactly as the challenge page does after a right code.
     */
    @RestController
    static class CompleteSignIn {

        private final SignIns signIns;

        CompleteSignIn(SignIns signIns) {
            this.signIns = signIns;
        }

        @GetMapping("/mfa/enrol/test-only-complete")
        ResponseEntity<Void> complete(Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
            StaffPrincipal staff = (StaffPrincipal) authentication.getPrincipal();
            signIns.completeWithFactor(staff, request, response);
            return ResponseEntity.noContent().build();
        }
    }

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock movableClock() {
            return new MutableClock(Instant.now());
        }
    }
}
