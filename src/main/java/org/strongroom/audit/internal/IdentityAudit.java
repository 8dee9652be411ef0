package org.strongroom.audit.internal;

import java.util.Locale;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.strongroom.audit.ActorType;
import org.strongroom.audit.AuditEvent;
import org.strongroom.audit.AuditTrail;
import org.strongroom.audit.HashedValue;
import org.strongroom.audit.Outcome;
import org.strongroom.crypto.KeyEvent;
import org.strongroom.identity.CredentialChanged;
import org.strongroom.identity.SecondFactorUsed;
import org.strongroom.identity.StaffAccountChanged;
import org.strongroom.identity.StaffPrincipal;
import org.strongroom.identity.StaffSessionExpired;
import org.strongroom.identity.StaffSignedIn;

/**
 * Writes the identity module's events into the audit trail: complete sign-ins, failed password
 * steps (with reason, without the submitted email), second factors (accepted, refused, locked; at
 * sign-in, step-up and enrolment), sign-outs and every account change (invitation, activation,
 * role, disable, enable, offboard, factor reset, password change), sessions that reached their
 * absolute lifetime, and the crypto module's key operations (root and index key rotation and
 * retirement, client key rotation, unsealing). Events published inside a
 * transaction are recorded in it (the change and its entry commit together); the others in a
 * transaction of their own. If the entry cannot be written the listener throws, so the action
 * that published the event fails too (fail closed).
 */
@Component
class IdentityAudit {

    private final AuditTrail trail;

    IdentityAudit(AuditTrail trail) {
        this.trail = trail;
    }

    @EventListener
    void on(StaffSignedIn event) {
        // The session is named by a keyed hash: an investigator holding a session id can find its
        // sign-in, while the trail never holds a usable session id.
        write(AuditEvent.of(ActorType.STAFF, event.staff().toString(), "identity.sign_in", Outcome.SUCCEEDED)
                .withResource("session", trail.keyedHash(HashedValue.SESSION_ID, event.sessionId())));
    }

    @EventListener
    void on(StaffSessionExpired event) {
        write(AuditEvent.of(ActorType.STAFF, event.staff().toString(), "identity.session_expired", Outcome.SUCCEEDED)
                .withResource("session", trail.keyedHash(HashedValue.SESSION_ID, event.sessionId()))
                .withReason("absolute_lifetime"));
    }

    @EventListener
    void on(CredentialChanged event) {
        String kind = event.kind().name().toLowerCase(Locale.ROOT);
        AuditEvent entry = event.actor() == null
                ? AuditEvent.of(ActorType.SYSTEM, null, "identity.credential." + kind, Outcome.SUCCEEDED)
                : AuditEvent.of(ActorType.STAFF, event.actor().toString(), "identity.credential." + kind, Outcome.SUCCEEDED);
        write(event.credential().isEmpty() ? entry.withResource("staff", event.staff().toString())
                : entry.withResource(kind.startsWith("passkey") ? "passkey" : "api_token", event.credential()));
    }

    @EventListener
    void on(KeyEvent event) {
        AuditEvent entry = AuditEvent.of(ActorType.SYSTEM, null, "keys." + event.kind().name().toLowerCase(Locale.ROOT),
                Outcome.SUCCEEDED);
        write(event.version().isEmpty() ? entry : entry.withResource("key_version", event.version()));
    }

    @EventListener
    void on(SecondFactorUsed event) {
        Outcome outcome = "accepted".equals(event.outcome()) ? Outcome.SUCCEEDED : Outcome.FAILED;
        write(AuditEvent.of(ActorType.STAFF, event.staff().toString(), "identity.second_factor." + event.purpose(), outcome)
                .withResource("staff", event.staff().toString())
                .withReason(event.factor() + "." + event.outcome())
                .withRequest(event.sourceAddress(), null, null));
    }

    @EventListener
    void on(StaffAccountChanged event) {
        ActorType type = event.actor() == null ? ActorType.SYSTEM : ActorType.STAFF;
        write(AuditEvent.of(type, event.actor() == null ? null : event.actor().toString(),
                        "identity.account." + event.change().name().toLowerCase(Locale.ROOT), Outcome.SUCCEEDED)
                .withResource("staff", event.staff().toString()));
    }

    @EventListener
    void on(AbstractAuthenticationFailureEvent event) {
        String reason = event.getException().getClass().getSimpleName()
                .replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        write(AuditEvent.of(ActorType.ANONYMOUS, null, "identity.sign_in", Outcome.FAILED)
                .withReason(reason.isEmpty() ? "failed" : reason));
    }

    @EventListener
    void on(LogoutSuccessEvent event) {
        if (event.getAuthentication() != null && event.getAuthentication().getPrincipal() instanceof StaffPrincipal staff) {
            write(AuditEvent.of(ActorType.STAFF, staff.id().toString(), "identity.sign_out", Outcome.SUCCEEDED)
                    .withResource("staff", staff.id().toString()));
        }
    }

    private void write(AuditEvent event) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            trail.record(event);
        } else {
            trail.recordOnItsOwn(event);
        }
    }
}
