package org.strongroom.identity.internal;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.strongroom.identity.SecondFactorUsed;
import org.strongroom.identity.SignInAttempt;
import org.strongroom.identity.SignInAttempts;
import org.strongroom.identity.SignInStage;
import org.strongroom.identity.StaffPrincipal;
import org.strongroom.identity.StaffSessions;
import org.strongroom.identity.StaffSignedIn;

/**
 * Turns sign-in events into recorded attempts, and marks a signed-in session with where it came
 * from (address, browser family, system) for the session list:
 * <ul>
 *   <li>Spring Security's events for the password step (success: {@code password_accepted};
 *       failure: {@code bad_credentials}, {@code disabled} …);</li>
 *   <li>{@link SecondFactorUsed} for refused or locked second factors and for step-ups;</li>
 *   <li>{@link StaffSignedIn} for every complete sign-in ({@code signed_in}), whatever the path
 *       (code, recovery code, enrolment, passkey).</li>
 * </ul>
 * Events of other authentications (API tokens) are not sign-ins and are left alone.
 */
@Component
class SignInEvents {

    private final SignInAttempts attempts;

    SignInEvents(SignInAttempts attempts) {
        this.attempts = attempts;
    }

    @EventListener
    void on(AuthenticationSuccessEvent event) {
        Authentication authentication = event.getAuthentication();
        if (!(authentication.getPrincipal() instanceof StaffPrincipal staff)) {
            return;
        }
        // A complete authentication straight from a provider (a passkey) is recorded when
        // SignIns announces it (StaffSignedIn), like every other complete sign-in.
        if (!has(authentication, SignInStage.SECOND_FACTOR_DUE) && !has(authentication, SignInStage.ENROLMENT_DUE)) {
            return;
        }
        HttpServletRequest request = currentRequest();
        String address = request != null ? request.getRemoteAddr() : remoteAddress(authentication);
        String userAgent = request != null ? request.getHeader("User-Agent") : null;
        attempts.record(staff.id(), SignInAttempt.Reason.PASSWORD_ACCEPTED, address, userAgent);
        if (request != null) {
            markSession(request);
        }
    }

    @EventListener
    void on(StaffSignedIn event) {
        HttpServletRequest request = currentRequest();
        if (request == null) {
            attempts.record(event.staff(), SignInAttempt.Reason.SIGNED_IN, null, null);
            return;
        }
        attempts.record(event.staff(), SignInAttempt.Reason.SIGNED_IN, request);
        if (request.getSession().getAttribute(StaffSessions.SOURCE_ADDRESS) == null) {
            markSession(request);
        }
    }

    @EventListener
    void on(SecondFactorUsed event) {
        boolean accepted = "accepted".equals(event.outcome());
        SignInAttempt.Reason reason = switch (event.purpose()) {
            // An accepted factor at sign-in is recorded as the complete sign-in it leads to.
            case "sign_in" -> accepted ? null
                    : "locked".equals(event.outcome()) ? SignInAttempt.Reason.SECOND_FACTOR_LOCKED
                    : SignInAttempt.Reason.SECOND_FACTOR_FAILED;
            case "step_up" -> accepted ? SignInAttempt.Reason.STEPPED_UP : SignInAttempt.Reason.STEP_UP_FAILED;
            case "enrolment" -> accepted ? null : SignInAttempt.Reason.SECOND_FACTOR_FAILED;
            default -> null;
        };
        if (reason != null) {
            HttpServletRequest request = currentRequest();
            attempts.record(event.staff(), reason, event.sourceAddress(), request == null ? null : request.getHeader("User-Agent"));
        }
    }

    /** Kept through any later session id change; shown in the session list. */
    private static void markSession(HttpServletRequest request) {
        Devices.Summary device = Devices.summarise(request.getHeader("User-Agent"));
        var session = request.getSession();
        session.setAttribute(StaffSessions.SOURCE_ADDRESS, request.getRemoteAddr() == null ? "" : request.getRemoteAddr());
        session.setAttribute(StaffSessions.BROWSER, device.browser());
        session.setAttribute(StaffSessions.PLATFORM, device.platform());
    }

    @EventListener
    void on(AbstractAuthenticationFailureEvent event) {
        // Only the password form: its token carries the submitted email as principal.
        if (!(event.getAuthentication() instanceof UsernamePasswordAuthenticationToken submitted)
                || submitted.isAuthenticated() || !(submitted.getPrincipal() instanceof String email)) {
            return;
        }
        HttpServletRequest request = currentRequest();
        String address = request != null ? request.getRemoteAddr() : remoteAddress(submitted);
        String userAgent = request != null ? request.getHeader("User-Agent") : null;
        attempts.recordByEmail(email, reason(event.getException()), address, userAgent);
    }

    static SignInAttempt.Reason reason(AuthenticationException failure) {
        if (failure instanceof DisabledException) {
            return SignInAttempt.Reason.DISABLED;
        }
        if (failure instanceof LockedException) {
            return SignInAttempt.Reason.LOCKED;
        }
        if (failure instanceof org.springframework.security.authentication.BadCredentialsException
                || failure instanceof org.springframework.security.core.userdetails.UsernameNotFoundException) {
            return SignInAttempt.Reason.BAD_CREDENTIALS;
        }
        return SignInAttempt.Reason.ERROR;
    }

    private static boolean has(Authentication authentication, String authority) {
        return authentication.getAuthorities().stream().anyMatch(a -> authority.equals(a.getAuthority()));
    }

    private static @Nullable HttpServletRequest currentRequest() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        return attributes instanceof ServletRequestAttributes servlet ? servlet.getRequest() : null;
    }

    private static @Nullable String remoteAddress(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
    }
}
