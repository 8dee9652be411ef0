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
import org.strongroom.identity.SignInAttempt;
import org.strongroom.identity.SignInAttempts;
import org.strongroom.identity.SignInStage;
import org.strongroom.identity.StaffPrincipal;
import org.strongroom.identity.StaffSessions;

/**
 * Turns Spring Security's authentication events for sign-ins into recorded attempts, and marks a
 * signed-in session with where it came from (address, browser family, system) for the session
 * list. Events of other authentications (API tokens) are not sign-ins and are left alone.
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
        boolean complete = has(authentication, SignInStage.COMPLETE);
        if (!complete && !has(authentication, SignInStage.SECOND_FACTOR_DUE) && !has(authentication, SignInStage.ENROLMENT_DUE)) {
            return;
        }
        HttpServletRequest request = currentRequest();
        String address = request != null ? request.getRemoteAddr() : remoteAddress(authentication);
        String userAgent = request != null ? request.getHeader("User-Agent") : null;
        attempts.record(staff.id(), complete ? SignInAttempt.Reason.SIGNED_IN : SignInAttempt.Reason.PASSWORD_ACCEPTED, address, userAgent);
        if (request != null) {
            // Kept through the session id change that follows; shown in the session list.
            Devices.Summary device = Devices.summarise(userAgent);
            var session = request.getSession();
            session.setAttribute(StaffSessions.SOURCE_ADDRESS, address == null ? "" : address);
            session.setAttribute(StaffSessions.BROWSER, device.browser());
            session.setAttribute(StaffSessions.PLATFORM, device.platform());
        }
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
