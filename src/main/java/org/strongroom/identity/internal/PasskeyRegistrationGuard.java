package org.strongroom.identity.internal;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.strongroom.identity.SignInStage;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

/**
 * Adding or removing a passkey changes how someone can sign in, so Spring Security's WebAuthn
 * registration endpoints demand a complete sign-in <em>and</em> a recent second factor (step-up).
 * Spring answers the options request before the authorization rules of the chain run, hence a
 * filter of its own, placed ahead of Spring's. A stale factor gets 403 with the step-up address.
 */
final class PasskeyRegistrationGuard extends OncePerRequestFilter {

    /** Where the page sends someone whose last factor is too old. */
    static final String STEP_UP = "/mfa/challenge?stepUp&continue=/account/passkeys";

    private static final RequestMatcher REGISTRATION = new OrRequestMatcher(
            pathPattern(HttpMethod.POST, "/webauthn/register/options"),
            pathPattern(HttpMethod.POST, "/webauthn/register"),
            pathPattern(HttpMethod.DELETE, "/webauthn/register/**"));

    private final SignIns signIns;

    PasskeyRegistrationGuard(SignIns signIns) {
        this.signIns = signIns;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (REGISTRATION.matches(request)) {
            Authentication current = SecurityContextHolder.getContext().getAuthentication();
            boolean complete = current != null && current.getAuthorities().stream()
                    .anyMatch(a -> SignInStage.COMPLETE.equals(a.getAuthority()));
            if (!complete) {
                refuse(response, HttpServletResponse.SC_FORBIDDEN, "{\"error\":\"sign-in-required\"}");
                return;
            }
            if (!signIns.isFresh(request.getSession(false))) {
                refuse(response, HttpServletResponse.SC_FORBIDDEN, "{\"error\":\"step-up-required\",\"stepUp\":\"" + STEP_UP + "\"}");
                return;
            }
            try {
                chain.doFilter(request, response);
            } catch (RegistrationRefused refused) {
                // Spring's registration filter lets failures through; the browser gets one
                // answer for all of them, and the half-done ceremony is gone from the session.
                if (!response.isCommitted()) {
                    response.resetBuffer();
                    refuse(response, HttpServletResponse.SC_BAD_REQUEST, "{\"success\":false}");
                }
            }
            return;
        }
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletResponse response, int status, String json) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getWriter().write(json);
    }
}
