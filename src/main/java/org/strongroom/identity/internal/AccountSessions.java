package org.strongroom.identity.internal;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.event.EventListener;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.strongroom.identity.StaffAccountChanged;
import org.strongroom.identity.StaffPrincipal;
import org.strongroom.identity.StaffSessions;

/**
 * Ends sessions when an account's access changes: every session on disable, offboarding,
 * automatic disabling and factor reset; on a password change every session but the one that
 * made the change (when the person changed it themselves). Runs inside the change's transaction,
 * so the sessions end together with the change.
 */
@Component
class AccountSessions {

    private final StaffSessions sessions;

    AccountSessions(StaffSessions sessions) {
        this.sessions = sessions;
    }

    @EventListener
    void on(StaffAccountChanged event) {
        if (event.endsAccess()) {
            sessions.endAll(event.staff());
        } else if (event.change() == StaffAccountChanged.Change.PASSWORD_CHANGED) {
            HttpServletRequest own = ownRequest(event);
            if (own != null) {
                sessions.endAllExcept(event.staff(), own);
            } else {
                sessions.endAll(event.staff());
            }
        }
    }

    /** The current request, if it is the person's own signed-in session. */
    private static HttpServletRequest ownRequest(StaffAccountChanged event) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof StaffPrincipal staff
                && staff.id().equals(event.staff())
                && RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes servlet) {
            return servlet.getRequest();
        }
        return null;
    }
}
