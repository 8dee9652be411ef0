package org.strongroom.identity.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.strongroom.identity.StaffSessions;
import org.strongroom.identity.StaffSignedIn;

/**
 * The practice's optional limit of one active session per person: when it is on, a complete
 * sign-in ends the person's other sessions. Decided at run time (not by a bean condition, which
 * ahead-of-time processing would freeze); the practice settings page will switch it.
 */
@Component
public class SingleSessionLimit {

    private final StaffSessions sessions;
    private volatile boolean enabled;

    SingleSessionLimit(StaffSessions sessions, @Value("${strongroom.sessions.single-session:false}") boolean enabled) {
        this.sessions = sessions;
        this.enabled = enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isEnabled() {
        return enabled;
    }

    @EventListener
    void on(StaffSignedIn event) {
        if (!enabled) {
            return;
        }
        // Within the sign-in request the database still knows the new session by the id it came
        // with, so the request (which knows both ids) says which session to keep.
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes servlet) {
            sessions.endAllExcept(event.staff(), servlet.getRequest());
        } else {
            sessions.endAllExcept(event.staff(), event.sessionId());
        }
    }
}
