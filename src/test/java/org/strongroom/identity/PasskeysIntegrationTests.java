package org.strongroom.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.Controller;
import org.springframework.web.filter.OncePerRequestFilter;
import org.strongroom.identity.internal.Accounts;
import org.strongroom.identity.internal.EnrolledFactors;
import org.strongroom.identity.internal.SignIns;
import org.strongroom.testing.MutableClock;
import org.strongroom.testing.SoftwareAuthenticator;
import org.strongroom.testing.TestFolders;

/**
 * Passkeys through the real security chain and the real WebAuthn endpoints (MockMvc, SQLite),
 * with a software authenticator standing in for the browser and the security key. A complete
 * sign-in to start from is made by a test-only filter calling {@link SignIns#completeWithFactor}
 * (the TOTP flow that would normally get there is built elsewhere); everything after that —
 * options, registration, assertions, password sign-in — is the production path.
 */
@SpringBootTest(properties = {
        "strongroom.data-dir=target/test-data/passkeys",
        "strongroom.public-url=https://strongroom.test:8443"})
@AutoConfigureMockMvc
class PasskeysIntegrationTests {

    static {
        TestFolders.fresh("passkeys");
    }

    static final String RP_ID = "strongroom.test";
    static final String ORIGIN = "https://strongroom.test:8443";
    static final String PASSWORD = "copper-meadow-lantern-52";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Accounts accounts;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    MutableClock clock;
    @Autowired
    EnrolledFactors factors;
    @Autowired
    ApplicationEventPublisher events;

    StaffPrincipal anna;
    StaffPrincipal bohdan;
    String passwordHash;

    @BeforeEach
    void twoStaffMembers() {
        jdbc.sql("DELETE FROM passkey_credential").update();
        jdbc.sql("DELETE FROM passkey_user").update();
        jdbc.sql("DELETE FROM staff_member").update();
        if (passwordHash == null) {
            passwordHash = passwords.encode(PASSWORD);
        }
        anna = staff("anna.petrenko@example.org", "Anna Petrenko", StaffRole.STAFF);
        bohdan = staff("bohdan.shevchuk@example.org", "Bohdan Shevchuk", StaffRole.ADMINISTRATOR);
    }

    StaffPrincipal staff(String email, String name, StaffRole role) {
        StaffId id = StaffId.random();
        accounts.insert(id, email, name, passwordHash, role, StaffStatus.ACTIVE, clock.instant());
        return new StaffPrincipal(id, role);
    }

    @Test
    void registersAPasskeyAndCompletesTheSecondFactorWithIt() throws Exception {
        SoftwareAuthenticator key = registered(anna, "Work laptop");
        assertThat(factors.hasAny(anna.id())).isTrue();
        assertThat(jdbc.sql("SELECT label FROM passkey_credential").query(String.class).single()).isEqualTo("Work laptop");

        Browser browser = new Browser();
        browser.signInWithPassword("anna.petrenko@example.org");
        assertThat(browser.authorities()).isEqualTo(SignInStage.SECOND_FACTOR_DUE);

        MvcResult done = browser.assertWith(key);
        assertThat(done.getResponse().getStatus()).isEqualTo(200);
        assertThat(done.getResponse().getContentAsString()).contains("\"authenticated\":true");
        assertThat(browser.authorities()).contains(SignInStage.COMPLETE, "ROLE_STAFF");
        assertThat(browser.perform(get("/")).getResponse().getStatus()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT last_used_at FROM passkey_credential").query(Long.class).single())
                .isEqualTo(clock.millis());
    }

    @Test
    void webAuthnUserNameIsTheStaffIdNeverTheEmail() throws Exception {
        Browser browser = new Browser().signedInCompletely(anna);
        String options = browser.perform(post("/webauthn/register/options").with(csrf())).getResponse().getContentAsString();
        assertThat(options).contains("\"name\":\"" + anna.id() + "\"").doesNotContain("example.org").doesNotContain("Anna");
        assertThat(options).contains("\"userVerification\":\"required\"").contains("\"residentKey\":\"required\"");
        assertThat(options).contains("\"id\":\"" + RP_ID + "\"").contains("\"name\":\"Strongroom\"");
        assertThat(jdbc.sql("SELECT staff_id FROM passkey_user").query(String.class).single()).isEqualTo(anna.id().toString());
    }

    @Test
    void passwordlessSignInCompletesWithANewSessionId() throws Exception {
        SoftwareAuthenticator key = registered(bohdan, "Blue key");

        Browser browser = new Browser();
        String options = browser.requestOptions();
        assertThat(options).contains("\"userVerification\":\"required\"").contains("\"rpId\":\"" + RP_ID + "\"");
        String before = browser.sessionCookie();
        assertThat(before).isNotNull();

        MvcResult done = browser.postJson("/login/webauthn", key.authenticate(options));
        assertThat(done.getResponse().getStatus()).isEqualTo(200);
        assertThat(browser.sessionCookie()).isNotNull().isNotEqualTo(before);
        assertThat(browser.authorities()).contains(SignInStage.COMPLETE, "ROLE_ADMINISTRATOR");
        assertThat(jdbc.sql("SELECT last_sign_in_at FROM staff_member WHERE id = :id").param("id", bohdan.id().toString())
                .query(Long.class).single()).isEqualTo(clock.millis());
    }

    /** Attack: a phishing site relays the ceremony, so the client data names the phishing origin. */
    @Test
    void assertionFromAnotherOriginIsRejected() throws Exception {
        SoftwareAuthenticator key = registered(anna, "Work laptop");
        key.origin("https://strongroom-test.example.net");

        Browser browser = new Browser();
        assertThat(browser.assertWith(key).getResponse().getStatus()).isEqualTo(401);
        assertThat(browser.authorities()).isEqualTo("anonymous");
    }

    /** Attack: an assertion made for another relying party (another RP ID hash) is replayed here. */
    @Test
    void assertionForAnotherRpIdIsRejected() throws Exception {
        SoftwareAuthenticator key = registered(anna, "Work laptop");
        key.rpId("example.net");

        Browser browser = new Browser();
        assertThat(browser.assertWith(key).getResponse().getStatus()).isEqualTo(401);
        assertThat(browser.authorities()).isEqualTo("anonymous");
    }

    /** Attack: registering a passkey from another origin (a relayed registration ceremony). */
    @Test
    void registrationFromAnotherOriginIsRejected() throws Exception {
        Browser browser = new Browser().signedInCompletely(anna);
        SoftwareAuthenticator key = new SoftwareAuthenticator(RP_ID, "https://strongroom-test.example.net");
        String options = browser.perform(post("/webauthn/register/options").with(csrf())).getResponse().getContentAsString();
        assertThat(browser.postJson("/webauthn/register", key.register(options, "Phished")).getResponse().getStatus()).isEqualTo(400);
        assertThat(factors.hasAny(anna.id())).isFalse();
    }

    /** Attack: replaying a captured assertion (its challenge was already used). */
    @Test
    void replayedAssertionIsRejected() throws Exception {
        SoftwareAuthenticator key = registered(anna, "Work laptop");
        Browser first = new Browser();
        String captured = key.authenticate(first.requestOptions());
        assertThat(first.postJson("/login/webauthn", captured).getResponse().getStatus()).isEqualTo(200);

        // The same browser session: its challenge was consumed by the first use.
        assertThat(first.postJson("/login/webauthn", captured).getResponse().getStatus()).isEqualTo(401);

        // A new session with a new challenge: the old assertion answers the old challenge.
        Browser attacker = new Browser();
        attacker.requestOptions();
        assertThat(attacker.postJson("/login/webauthn", captured).getResponse().getStatus()).isEqualTo(401);
        assertThat(attacker.authorities()).isEqualTo("anonymous");
    }

    /** Attack: a cloned authenticator whose signature counter is behind the one the server saw. */
    @Test
    void counterRollbackIsRejected() throws Exception {
        SoftwareAuthenticator key = registered(anna, "Work laptop");
        key.signCount(41);
        assertThat(new Browser().assertWith(key).getResponse().getStatus()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT signature_count FROM passkey_credential").query(Long.class).single()).isEqualTo(42L);

        key.signCount(9);
        Browser clone = new Browser();
        assertThat(clone.assertWith(key).getResponse().getStatus()).isEqualTo(401);
        assertThat(clone.authorities()).isEqualTo("anonymous");
        key.signCount(41);
        assertThat(new Browser().assertWith(key).getResponse().getStatus()).as("same counter again").isEqualTo(401);
        assertThat(jdbc.sql("SELECT signature_count FROM passkey_credential").query(Long.class).single()).isEqualTo(42L);
    }

    /** Attack: someone who knows Anna's password completes her second factor with their own passkey. */
    @Test
    void anotherStaffMembersPasskeyCannotCompleteAPendingSecondFactor() throws Exception {
        registered(anna, "Work laptop");
        SoftwareAuthenticator bohdansKey = registered(bohdan, "Blue key");

        Browser browser = new Browser();
        browser.signInWithPassword("anna.petrenko@example.org");
        assertThat(browser.assertWith(bohdansKey).getResponse().getStatus()).isEqualTo(401);
        assertThat(browser.authorities()).isEqualTo(SignInStage.SECOND_FACTOR_DUE);
        assertThat(browser.perform(get("/")).getResponse().getRedirectedUrl()).isEqualTo("/mfa/challenge");
    }

    /** Attack: a disabled (offboarded) staff member signs in with the passkey they still hold. */
    @Test
    void disabledAccountsPasskeyIsRefused() throws Exception {
        SoftwareAuthenticator key = registered(bohdan, "Blue key");
        jdbc.sql("UPDATE staff_member SET status = 'DISABLED' WHERE id = :id").param("id", bohdan.id().toString()).update();

        Browser browser = new Browser();
        assertThat(browser.assertWith(key).getResponse().getStatus()).isEqualTo(401);
        assertThat(browser.authorities()).isEqualTo("anonymous");
    }

    /** Attack: a stolen security key used without its PIN or fingerprint (no user verification). */
    @Test
    void assertionWithoutUserVerificationIsRejected() throws Exception {
        SoftwareAuthenticator key = registered(anna, "Work laptop");
        key.userVerified(false);
        Browser browser = new Browser();
        assertThat(browser.assertWith(key).getResponse().getStatus()).isEqualTo(401);
        assertThat(browser.authorities()).isEqualTo("anonymous");
    }

    /** Attack: adding an attacker's passkey with a password alone, or in a session left open. */
    @Test
    void registrationNeedsACompleteSignInWithAFreshFactor() throws Exception {
        registered(anna, "Work laptop");
        Browser passwordOnly = new Browser();
        passwordOnly.signInWithPassword("anna.petrenko@example.org");
        assertThat(passwordOnly.perform(post("/webauthn/register/options").with(csrf())).getResponse().getStatus()).isEqualTo(403);
        assertThat(passwordOnly.postJson("/webauthn/register", "{}").getResponse().getStatus()).isEqualTo(403);

        Browser stale = new Browser().signedInCompletely(anna);
        clock.advance(Duration.ofMinutes(6));
        MvcResult refused = stale.perform(post("/webauthn/register/options").with(csrf()));
        assertThat(refused.getResponse().getStatus()).isEqualTo(403);
        assertThat(refused.getResponse().getContentAsString()).contains("/mfa/challenge?stepUp&continue=/account/passkeys");

        assertThat(new Browser().perform(post("/webauthn/register/options").with(csrf())).getResponse().getStatus()).isEqualTo(403);
    }

    /** Attack: cross-site requests to the WebAuthn endpoints (login CSRF, forced registration). */
    @Test
    void webAuthnEndpointsNeedTheCsrfToken() throws Exception {
        SoftwareAuthenticator key = registered(anna, "Work laptop");
        Browser browser = new Browser();
        String options = browser.requestOptions();
        assertThat(browser.perform(post("/webauthn/authenticate/options")).getResponse().getStatus()).isEqualTo(403);
        assertThat(browser.perform(post("/login/webauthn").contentType(MediaType.APPLICATION_JSON).content(key.authenticate(options)))
                .getResponse().getStatus()).isEqualTo(403);
        assertThat(browser.authorities()).isEqualTo("anonymous");

        Browser signedIn = new Browser().signedInCompletely(anna);
        assertThat(signedIn.perform(post("/webauthn/register/options")).getResponse().getStatus()).isEqualTo(403);
        assertThat(signedIn.perform(post("/webauthn/register").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void labelsMustBeShortSingleLineText() throws Exception {
        Browser browser = new Browser().signedInCompletely(anna);
        for (String label : new String[] {"", "   ", "x".repeat(61), "Work\nlaptop", "Key\u202Egnp.exe"}) {
            SoftwareAuthenticator key = new SoftwareAuthenticator(RP_ID, ORIGIN);
            String options = browser.perform(post("/webauthn/register/options").with(csrf())).getResponse().getContentAsString();
            assertThat(browser.postJson("/webauthn/register", key.register(options, label)).getResponse().getStatus()).as(label).isEqualTo(400);
        }
        assertThat(factors.hasAny(anna.id())).isFalse();
    }

    @Test
    void passkeysPageListsOnlyOwnPasskeysAndRemovalNeedsAFreshFactor() throws Exception {
        SoftwareAuthenticator laptop = registered(anna, "Work laptop");
        SoftwareAuthenticator phone = registered(anna, "Телефон");
        SoftwareAuthenticator bohdansKey = registered(bohdan, "Green token");
        new Browser().assertWith(laptop);

        Browser browser = new Browser().signedInCompletely(anna);
        MvcResult page = browser.perform(get("/account/passkeys"));
        assertThat(page.getResponse().getStatus()).isEqualTo(200);
        assertThat(page.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("Work laptop", "Телефон", "data-passkey=\"register\"")
                .doesNotContain("Green token").doesNotContain(bohdansKey.credentialId());

        /* Attack: removing someone else's passkey by its id. */
        assertThat(browser.perform(post("/account/passkeys/remove").with(csrf()).param("credential", bohdansKey.credentialId()))
                .getResponse().getRedirectedUrl()).isEqualTo("/account/passkeys?notFound");
        assertThat(factors.hasAny(bohdan.id())).isTrue();

        assertThat(browser.perform(post("/account/passkeys/remove").with(csrf()).param("credential", phone.credentialId()))
                .getResponse().getRedirectedUrl()).isEqualTo("/account/passkeys?removed");
        assertThat(browser.perform(post("/account/passkeys/remove").with(csrf()).param("credential", laptop.credentialId()))
                .getResponse().getRedirectedUrl()).as("the last factor stays").isEqualTo("/account/passkeys?lastFactor");
        assertThat(factors.hasAny(anna.id())).isTrue();

        clock.advance(Duration.ofMinutes(6));
        assertThat(browser.perform(get("/account/passkeys")).getResponse().getContentAsString())
                .contains("/mfa/challenge?stepUp&amp;continue=/account/passkeys").doesNotContain("data-passkey=\"register\"");
        assertThat(browser.perform(post("/account/passkeys/remove").with(csrf()).param("credential", laptop.credentialId()))
                .getResponse().getRedirectedUrl()).isEqualTo("/mfa/challenge?stepUp&continue=/account/passkeys");
    }

    @Test
    void passkeysPageNeedsACompleteSignIn() throws Exception {
        registered(anna, "Work laptop");
        Browser passwordOnly = new Browser();
        passwordOnly.signInWithPassword("anna.petrenko@example.org");
        assertThat(passwordOnly.perform(get("/account/passkeys")).getResponse().getRedirectedUrl()).isEqualTo("/mfa/challenge");
        assertThat(new Browser().perform(get("/account/passkeys")).getResponse().getStatus()).isEqualTo(302);
    }

    @Test
    void aFirstPasskeyCanBeEnrolledAfterThePasswordAndCompletesTheSignIn() throws Exception {
        Browser browser = new Browser();
        browser.signInWithPassword("anna.petrenko@example.org", "/mfa/enrol");
        assertThat(browser.authorities()).isEqualTo(SignInStage.ENROLMENT_DUE);
        String before = browser.sessionCookie();

        SoftwareAuthenticator key = new SoftwareAuthenticator(RP_ID, ORIGIN);
        MvcResult options = browser.perform(post("/webauthn/register/options").with(csrf()));
        assertThat(options.getResponse().getStatus()).isEqualTo(200);
        MvcResult registered = browser.postJson("/webauthn/register", key.register(options.getResponse().getContentAsString(), "Phone"));
        assertThat(registered.getResponse().getStatus()).isEqualTo(200);
        assertThat(registered.getResponse().getContentAsString()).contains("\"success\":true");
        assertThat(browser.sessionCookie()).isNotEqualTo(before);
        assertThat(browser.authorities()).contains(SignInStage.COMPLETE, "ROLE_STAFF");
        assertThat(factors.hasAny(anna.id())).isTrue();
    }

    /** Attack: with a password alone, adding a passkey to an account that already has a factor. */
    @Test
    void enrolmentIsOnlyForAccountsWithoutAFactor() throws Exception {
        registered(anna, "Work laptop");
        Browser browser = new Browser();
        browser.signInWithPassword("anna.petrenko@example.org");
        assertThat(browser.perform(post("/webauthn/register/options").with(csrf())).getResponse().getStatus()).isEqualTo(403);
        assertThat(browser.authorities()).isEqualTo(SignInStage.SECOND_FACTOR_DUE);
    }

    @Test
    void factorResetAndOffboardingRemovePasskeys() throws Exception {
        SoftwareAuthenticator key = registered(anna, "Work laptop");
        registered(bohdan, "Green token");
        events.publishEvent(new StaffAccountChanged(anna.id(), StaffAccountChanged.Change.FACTORS_RESET, bohdan.id()));
        assertThat(factors.hasAny(anna.id())).isFalse();
        assertThat(factors.hasAny(bohdan.id())).isTrue();
        assertThat(new Browser().assertWith(key).getResponse().getStatus()).isEqualTo(401);
        events.publishEvent(new StaffAccountChanged(bohdan.id(), StaffAccountChanged.Change.OFFBOARDED, null));
        assertThat(factors.hasAny(bohdan.id())).isFalse();
    }

    /** The fragments the sign-in and challenge pages include render, with the CSRF token for the script. */
    @Test
    void passkeyButtonFragmentsRender() throws Exception {
        Browser browser = new Browser().signedInCompletely(anna);
        String html = browser.perform(get("/test-only/passkey-fragments")).getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("Sign in with a passkey", "Use a passkey", "data-continue=\"/settings/keys\"", "Add a passkey",
                "data-csrf-header=\"X-CSRF-TOKEN\"", "/assets/passkeys.js");
        assertThat(html).containsPattern("data-csrf-token=\"[^\"]{20,}\"");
    }

    // --- helpers ---------------------------------------------------------------------------

    SoftwareAuthenticator registered(StaffPrincipal staff, String label) throws Exception {
        Browser browser = new Browser().signedInCompletely(staff);
        SoftwareAuthenticator key = new SoftwareAuthenticator(RP_ID, ORIGIN);
        MvcResult options = browser.perform(post("/webauthn/register/options").with(csrf()));
        assertThat(options.getResponse().getStatus()).isEqualTo(200);
        MvcResult registered = browser.postJson("/webauthn/register", key.register(options.getResponse().getContentAsString(), label));
        assertThat(registered.getResponse().getStatus()).as(registered.getResponse().getContentAsString()).isEqualTo(200);
        assertThat(registered.getResponse().getContentAsString()).contains("\"success\":true");
        return key;
    }

    /** One browser: keeps its cookies (the session) from request to request, always over HTTPS. */
    final class Browser {

        private final Map<String, String> cookies = new LinkedHashMap<>();

        MvcResult perform(MockHttpServletRequestBuilder request) throws Exception {
            request.secure(true);
            cookies.forEach((name, value) -> request.cookie(new Cookie(name, value)));
            MvcResult result = mvc.perform(request).andReturn();
            for (Cookie cookie : result.getResponse().getCookies()) {
                if (cookie.getMaxAge() == 0) {
                    cookies.remove(cookie.getName());
                } else {
                    cookies.put(cookie.getName(), cookie.getValue());
                }
            }
            return result;
        }

        MvcResult postJson(String path, String json) throws Exception {
            return perform(post(path).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(json));
        }

        String requestOptions() throws Exception {
            MvcResult options = perform(post("/webauthn/authenticate/options").with(csrf()));
            assertThat(options.getResponse().getStatus()).isEqualTo(200);
            return options.getResponse().getContentAsString();
        }

        MvcResult assertWith(SoftwareAuthenticator key) throws Exception {
            return postJson("/login/webauthn", key.authenticate(requestOptions()));
        }

        Browser signedInCompletely(StaffPrincipal staff) throws Exception {
            perform(get("/test-only/complete-sign-in").param("staff", staff.id().toString()).param("role", staff.role().name()));
            assertThat(authorities()).contains(SignInStage.COMPLETE);
            return this;
        }

        void signInWithPassword(String email) throws Exception {
            signInWithPassword(email, "/mfa/challenge");
        }

        void signInWithPassword(String email, String nextStep) throws Exception {
            MvcResult result = perform(post("/login").with(csrf()).param("email", email).param("password", PASSWORD));
            assertThat(result.getResponse().getRedirectedUrl()).isEqualTo(nextStep);
        }

        String authorities() throws Exception {
            return perform(get("/test-only/authorities")).getResponse().getContentAsString();
        }

        /** The session cookie (its name is fixed in the real server, Spring Session's default here). */
        String sessionCookie() {
            return cookies.getOrDefault("__Host-strongroom", cookies.get("SESSION"));
        }
    }

    @TestConfiguration
    static class TestSupport {

        /** Renders the passkey fragments the way the sign-in and challenge pages include them. */
        @Bean("/test-only/passkey-fragments")
        Controller fragmentPage() {
            return (request, response) -> new ModelAndView("test/passkey-fragments");
        }

        @Bean
        @Primary
        MutableClock movableClock() {
            return new MutableClock(Instant.parse("2026-11-29T09:00:00Z"));
        }

        /**
         * Test-only shortcuts, ahead of Spring Security but inside the database-backed session:
         * a complete sign-in with a fresh factor (what TOTP would give), and what the session
         * holds now.
         */
        @Bean
        FilterRegistrationBean<OncePerRequestFilter> testSignIns(SignIns signIns) {
            OncePerRequestFilter filter = new OncePerRequestFilter() {
                @Override
                protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                        throws ServletException, IOException {
                    switch (request.getRequestURI()) {
                        case "/test-only/complete-sign-in" -> signIns.completeWithFactor(new StaffPrincipal(
                                StaffId.parse(request.getParameter("staff")), StaffRole.valueOf(request.getParameter("role"))),
                                request, response);
                        case "/test-only/authorities" -> {
                            Authentication current = new HttpSessionSecurityContextRepository().loadDeferredContext(request).get()
                                    .getAuthentication();
                            response.getWriter().write(current == null ? "anonymous"
                                    : current.getAuthorities().stream().map(a -> a.getAuthority()).sorted().collect(Collectors.joining(",")));
                        }
                        default -> chain.doFilter(request, response);
                    }
                }
            };
            FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
            // After Spring Session's repository filter (so sessions are the real ones), before security.
            registration.setOrder(Integer.MIN_VALUE + 1000);
            return registration;
        }
    }
}
