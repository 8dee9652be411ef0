package org.strongroom.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;
import org.strongroom.identity.SignInStage;
import org.strongroom.identity.StaffPrincipal;
import org.strongroom.identity.StaffSignedIn;
import org.strongroom.identity.StepUp;

/**
 * The one place that moves a browser session from one {@link SignInStage} to the next. Every
 * move issues a new session id (no fixation across stages) and, when a second factor was just
 * used, records the time so that sensitive operations can ask for it again once it is stale
 * (step-up).
 */
@Component
public class SignIns implements StepUp {

    /** Session attribute: epoch milliseconds of the last successful second factor. */
    public static final String LAST_FACTOR_AT = "strongroom.last-factor-at";

    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final Clock clock;
    private final Duration stepUpWindow;
    private final ApplicationEventPublisher events;

    SignIns(Clock clock, @Value("${strongroom.identity.step-up-window:5m}") Duration stepUpWindow,
            ApplicationEventPublisher events) {
        this.clock = clock;
        this.stepUpWindow = stepUpWindow;
        this.events = events;
    }

    /** The authentication a correct password yields: no role, only the next stage. */
    public static Authentication passwordAccepted(StaffPrincipal staff, boolean hasFactor) {
        String stage = hasFactor ? SignInStage.SECOND_FACTOR_DUE : SignInStage.ENROLMENT_DUE;
        return UsernamePasswordAuthenticationToken.authenticated(staff, null, List.of(new SimpleGrantedAuthority(stage)));
    }

    /** The authentication of a complete sign-in: role and {@link SignInStage#COMPLETE}. */
    public static Authentication complete(StaffPrincipal staff) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority(staff.role().authority()));
        authorities.add(new SimpleGrantedAuthority(SignInStage.COMPLETE));
        return UsernamePasswordAuthenticationToken.authenticated(staff, null, authorities);
    }

    /**
     * Completes the sign-in of the current request after a second factor (or a passkey): new
     * session id, complete authentication stored in the session, factor time recorded.
     */
    public void completeWithFactor(StaffPrincipal staff, HttpServletRequest request, HttpServletResponse response) {
        establish(complete(staff), request, response);
        HttpSession session = request.getSession();
        session.setAttribute(LAST_FACTOR_AT, clock.millis());
        events.publishEvent(new StaffSignedIn(staff.id(), session.getId()));
    }

    /** Stores the authentication for the rest of this session under a new session id. */
    public void establish(Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
        HttpSession existing = request.getSession(false);
        if (existing != null) {
            request.changeSessionId();
        } else {
            request.getSession(true);
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
    }

    /** Records a fresh second factor (step-up) on the current session, with a new session id. */
    public void steppedUp(HttpServletRequest request) {
        request.changeSessionId();
        request.getSession().setAttribute(LAST_FACTOR_AT, clock.millis());
    }

    /** Whether the session's last second factor is recent enough for a sensitive operation. */
    @Override
    public boolean isFresh(@Nullable HttpSession session) {
        if (session == null || !(session.getAttribute(LAST_FACTOR_AT) instanceof Long at)) {
            return false;
        }
        Instant last = Instant.ofEpochMilli(at);
        Instant now = clock.instant();
        return !last.isAfter(now) && Duration.between(last, now).compareTo(stepUpWindow) <= 0;
    }

    public Duration stepUpWindow() {
        return stepUpWindow;
    }
}
