package org.strongroom.identity.web;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.strongroom.identity.SignInStage;

/**
 * Gives every page of a completely signed-in person the idle timeout in seconds
 * ({@code sessionIdleSeconds}), which {@code fragments/session-timeout} turns into a
 * {@code <meta name="session-idle-seconds">} for the idle warning script. Absent on other pages.
 */
@ControllerAdvice
class SessionTimeoutAdvice {

    private final long idleSeconds;

    SessionTimeoutAdvice(@Value("${strongroom.sessions.idle-timeout:15m}") Duration idleTimeout) {
        this.idleSeconds = idleTimeout.toSeconds();
    }

    @ModelAttribute("sessionIdleSeconds")
    @Nullable Long sessionIdleSeconds() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        boolean complete = authentication != null && authentication.getAuthorities().stream()
                .anyMatch(a -> SignInStage.COMPLETE.equals(a.getAuthority()));
        return complete ? idleSeconds : null;
    }
}
