package org.strongroom.identity;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.strongroom.identity.internal.SignInKeys;
import org.strongroom.identity.internal.SignInThrottle;

/**
 * Sits in front of the password sign-in ({@code POST /login}) and refuses an attempt early, before
 * any password is hashed, while its account or its source address must still wait after recent
 * failures ({@link SignInThrottle}). The refusal is the very response a wrong password gets — same
 * status, same location, same body — so it tells nobody whether the email names an account, and
 * the page says "wrong email or password, or too many attempts". After the sign-in ran, it counts
 * the failure or clears the account's counter.
 *
 * <p>Registered only inside the security filter chain, after CSRF protection:
 * {@code http.addFilterBefore(signInThrottle, UsernamePasswordAuthenticationFilter.class)}.
 */
public final class SignInThrottleFilter extends OncePerRequestFilter {

    /** Where every failed or refused password sign-in is sent. */
    public static final String FAILURE_URL = "/login?failed";

    private final RequestMatcher signIn = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/login");
    private final AuthenticationFailureHandler refusal = new SimpleUrlAuthenticationFailureHandler(FAILURE_URL);
    private final SignInThrottle throttle;
    private final SignInKeys keys;
    private final SignInAttempts attempts;

    public SignInThrottleFilter(SignInThrottle throttle, SignInKeys keys, SignInAttempts attempts) {
        this.throttle = throttle;
        this.keys = keys;
        this.attempts = attempts;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !signIn.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String email = request.getParameter("email");
        String accountKey = keys.accountKey(email);
        String addressKey = SignInKeys.addressKey(request.getRemoteAddr());
        if (throttle.waitBefore(accountKey, addressKey).isPresent()) {
            attempts.recordByEmail(email, SignInAttempt.Reason.THROTTLED, request.getRemoteAddr(), request.getHeader("User-Agent"));
            // The same exception message Spring Security's provider uses for a wrong password, so
            // even the session's saved exception is alike.
            refusal.onAuthenticationFailure(request, response, new BadCredentialsException("Bad credentials"));
            return;
        }
        chain.doFilter(request, response);
        Authentication result = SecurityContextHolder.getContext().getAuthentication();
        if (result != null && result.isAuthenticated() && !(result instanceof AnonymousAuthenticationToken)
                && result.getPrincipal() instanceof StaffPrincipal) {
            throttle.succeeded(accountKey);
        } else {
            throttle.failed(accountKey, addressKey);
        }
    }
}
