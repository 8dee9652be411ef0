package org.strongroom.identity.internal;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.strongroom.identity.StaffPrincipal;
import org.strongroom.identity.StaffSessions;

/**
 * The practice's optional limit of one active session per person: when it is on, a complete
 * sign-in ends the person's other sessions. Decided at run time (not by a bean condition, which
 * ahead-of-time processing would freeze).
 */
@Component
public class SingleSessionLimit implements SignInListener {

    private final StaffSessions sessions;
    private volatile boolean enabled;

    SingleSessionLimit(StaffSessions sessions, @Value("${strongroom.sessions.single-session:false}") boolean enabled) {
        this.sessions = sessions;
        this.enabled = enabled;
    }

    /** Turns the limit on or off (the practice settings page will call this). */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void signInCompleted(StaffPrincipal staff, HttpServletRequest request) {
        if (enabled && request.getSession(false) != null) {
            sessions.endAllExcept(staff.id(), request);
        }
    }
}
