package org.strongroom.identity;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.strongroom.identity.internal.Accounts;
import org.strongroom.identity.internal.PasswordNotices;
import org.strongroom.identity.internal.PasswordResetTokens;

/**
 * A signed-in person changes their own password. The caller has already made sure the last
 * second factor is fresh (step-up); this service asks for the current password as well, checks
 * the new one against {@link PasswordRules}, and on success ends the person's other sessions,
 * withdraws pending reset links and, when mail is configured, tells the person by mail.
 */
@Service
public class PasswordChanges {

    private final Accounts accounts;
    private final PasswordResetTokens resetLinks;
    private final PasswordEncoder encoder;
    private final StaffDirectory directory;
    private final StaffSessions sessions;
    private final PasswordNotices mail;
    private final ApplicationEventPublisher events;

    PasswordChanges(Accounts accounts, PasswordResetTokens resetLinks, PasswordEncoder encoder, StaffDirectory directory,
                    StaffSessions sessions, PasswordNotices mail, ApplicationEventPublisher events) {
        this.accounts = accounts;
        this.resetLinks = resetLinks;
        this.encoder = encoder;
        this.directory = directory;
        this.sessions = sessions;
        this.mail = mail;
        this.events = events;
    }

    /**
     * Changes the password of {@code staff}. {@code keepSessionId} is the caller's own session,
     * which stays (the caller should give it a new id); every other session of the person ends.
     */
    public PasswordChangeResult change(StaffId staff, String currentPassword, String newPassword, String confirmation,
                                       String keepSessionId) {
        StaffProfile profile = directory.find(staff).orElseThrow(() -> new IllegalArgumentException("no account " + staff));
        Map<String, String> problems = new LinkedHashMap<>();
        String hash = accounts.findCredentials(staff).map(Accounts.Credentials::passwordHash).orElse(null);
        // Verified exactly as typed, like at sign-in.
        if (hash == null || !encoder.matches(currentPassword, hash)) {
            problems.put("currentPassword", "password.currentWrong");
        }
        PasswordRules.check(newPassword, profile.displayName(), profile.email()).ifPresent(code -> problems.put("password", code));
        if (!problems.containsKey("password") && !newPassword.equals(confirmation)) {
            problems.put("passwordConfirm", "password.mismatch");
        }
        if (!problems.isEmpty()) {
            return new PasswordChangeResult.Rejected(problems);
        }
        accounts.updatePasswordHash(staff, encoder.encode(newPassword));
        resetLinks.withdrawUnused(staff);
        sessions.endAllExcept(staff, keepSessionId);
        events.publishEvent(new StaffAccountChanged(staff, StaffAccountChanged.Change.PASSWORD_CHANGED, staff));
        mail.passwordChanged(profile);
        return new PasswordChangeResult.Changed(staff);
    }
}
