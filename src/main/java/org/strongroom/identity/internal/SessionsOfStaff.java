package org.strongroom.identity.internal;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.stereotype.Component;
import org.strongroom.identity.StaffId;

/**
 * STAND-IN for the sessions work ({@code StaffSessions.endAllExcept(StaffId, currentSessionId)}):
 * ends a person's database-stored sessions through Spring Session's principal-name index (the
 * principal name is the staff id, see {@link org.strongroom.identity.StaffPrincipal#getName()}).
 * Replace the two call sites in {@code PasswordChanges} and {@code PasswordResets} with
 * {@code StaffSessions} once it is merged, then delete this class.
 */
@Component
public class SessionsOfStaff {

    private final ObjectProvider<FindByIndexNameSessionRepository<?>> sessions;

    SessionsOfStaff(ObjectProvider<FindByIndexNameSessionRepository<?>> sessions) {
        this.sessions = sessions;
    }

    /** Ends every session of the person except {@code keep} (null: ends them all). */
    public void endAllExcept(StaffId staff, @Nullable String keep) {
        FindByIndexNameSessionRepository<?> repository = sessions.getIfAvailable();
        if (repository == null) {
            return; // no web server in this context (command line): there are no sessions to end
        }
        for (String id : repository.findByPrincipalName(staff.toString()).keySet()) {
            if (!id.equals(keep)) {
                repository.deleteById(id);
            }
        }
    }
}
