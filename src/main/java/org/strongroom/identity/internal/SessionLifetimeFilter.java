package org.strongroom.identity.internal;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.context.SecurityContext;
import org.strongroom.identity.StaffPrincipal;
import org.strongroom.identity.StaffSessionExpired;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a session once it is older than the absolute lifetime (default 12 hours), however active
 * it has been: the idle timeout alone would let a session that is used every few minutes live
 * for ever. Runs right after Spring Session's filter and before Spring Security, so an expired
 * session is gone before anyone reads a security context from it. Spring Session keeps a
 * session's creation time through every id change, so sign-in and step-up do not reset it.
 *
 * <p>A signed-in person whose session ended this way is sent to {@code /login?expired}; the
 * keep-alive endpoint gets 401 instead of a redirect.
 */
final class SessionLifetimeFilter extends OncePerRequestFilter {

    static final String SECURITY_CONTEXT = "SPRING_SECURITY_CONTEXT";

    private final Clock clock;
    private final Duration absoluteLifetime;
    private final ApplicationEventPublisher events;

    SessionLifetimeFilter(Clock clock, Duration absoluteLifetime, ApplicationEventPublisher events) {
        this.clock = clock;
        this.absoluteLifetime = absoluteLifetime;
        this.events = events;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // Static files never need the session; looking it up would cost a database read each.
        String path = request.getRequestURI();
        return path.startsWith("/assets/") || path.startsWith("/webjars/") || path.startsWith("/favicon.");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        if (session != null && clock.millis() - session.getCreationTime() >= absoluteLifetime.toMillis()) {
            Object context = session.getAttribute(SECURITY_CONTEXT);
            boolean signedIn = context != null;
            String sessionId = session.getId();
            session.invalidate();
            if (context instanceof SecurityContext security && security.getAuthentication() != null
                    && security.getAuthentication().getPrincipal() instanceof StaffPrincipal staff) {
                events.publishEvent(new StaffSessionExpired(staff.id(), sessionId));
            }
            if (signedIn) {
                if ("/session/keep-alive".equals(request.getRequestURI())) {
                    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                } else {
                    // Relative, like Spring Security's own redirects.
                    response.setStatus(HttpServletResponse.SC_FOUND);
                    response.setHeader("Location", "/login?expired");
                }
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
