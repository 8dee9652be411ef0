package org.strongroom.identity.internal;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.strongroom.identity.SignInStage;
import org.strongroom.identity.StaffPrincipal;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

/**
 * Adding or removing a passkey changes how someone can sign in, so Spring Security's WebAuthn
 * registration endpoints are open to two kinds of session only:
 * <ul>
 * <li>a complete sign-in whose last factor is recent (step-up) — otherwise 403 with the step-up
 * address;</li>
 * <li>a password just accepted for an account without any factor (enrolment due): it may add a
 * first passkey, and that registration — made with user verification — completes the sign-in,
 * as confirming an authenticator app does.</li>
 * </ul>
 * Spring answers the options request before the chain's authorization rules run, hence a filter
 * of its own, placed ahead of Spring's.
 */
final class PasskeyRegistrationGuard extends OncePerRequestFilter {

    /** Where the page sends someone whose last factor is too old. */
    static final String STEP_UP = "/mfa/challenge?stepUp&continue=/account/passkeys";

    private static final RequestMatcher OPTIONS = pathPattern(HttpMethod.POST, "/webauthn/register/options");
    private static final RequestMatcher REGISTER = pathPattern(HttpMethod.POST, "/webauthn/register");
    private static final RequestMatcher REGISTRATION = new OrRequestMatcher(OPTIONS, REGISTER,
            pathPattern(HttpMethod.DELETE, "/webauthn/register/**"));

    private final SignIns signIns;
    private final SecondFactorEvents events;

    PasskeyRegistrationGuard(SignIns signIns, SecondFactorEvents events) {
        this.signIns = signIns;
        this.events = events;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!REGISTRATION.matches(request)) {
            chain.doFilter(request, response);
            return;
        }
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        StaffPrincipal enrolling = enrolling(current);
        if (enrolling != null && (OPTIONS.matches(request) || REGISTER.matches(request))) {
            ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
            register(request, buffered, chain);
            if (REGISTER.matches(request) && buffered.getStatus() == HttpServletResponse.SC_OK) {
                events.enrolment(enrolling.id(), PasskeySignIn.FACTOR, true, request);
                // Before the answer is sent, so the new session id reaches the browser with it.
                signIns.completeWithFactor(enrolling, request, buffered);
            }
            buffered.copyBodyToResponse();
            return;
        }
        if (!has(current, SignInStage.COMPLETE)) {
            refuse(response, HttpServletResponse.SC_FORBIDDEN, "{\"error\":\"sign-in-required\"}");
            return;
        }
        if (!signIns.isFresh(request.getSession(false))) {
            refuse(response, HttpServletResponse.SC_FORBIDDEN, "{\"error\":\"step-up-required\",\"stepUp\":\"" + STEP_UP + "\"}");
            return;
        }
        register(request, response, chain);
    }

    private static void register(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (RegistrationRefused | IllegalArgumentException refused) {
            // Spring's registration filter lets failures through (a malformed body, e.g. without
            // a public key, as IllegalArgumentException); the browser gets one answer for all of
            // them, and the half-done ceremony is already gone from the session.
            if (!response.isCommitted()) {
                response.resetBuffer();
                refuse(response, HttpServletResponse.SC_BAD_REQUEST, "{\"success\":false}");
            }
        }
    }

    private static @Nullable StaffPrincipal enrolling(@Nullable Authentication current) {
        return has(current, SignInStage.ENROLMENT_DUE) && current.getPrincipal() instanceof StaffPrincipal staff ? staff : null;
    }

    private static boolean has(@Nullable Authentication authentication, String authority) {
        return authentication != null && authentication.getAuthorities().stream().anyMatch(a -> authority.equals(a.getAuthority()));
    }

    private static void refuse(HttpServletResponse response, int status, String json) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getWriter().write(json);
    }
}
