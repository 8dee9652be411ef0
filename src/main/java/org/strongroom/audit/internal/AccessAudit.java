package org.strongroom.audit.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.strongroom.access.AccessChanged;
import org.strongroom.access.AccessDenied;
import org.strongroom.access.Actor;
import org.strongroom.audit.ActorType;
import org.strongroom.audit.AuditEvent;
import org.strongroom.audit.AuditTrail;
import org.strongroom.audit.Outcome;

/**
 * Records the access module's events. A change to who may see what ({@code access.*}: roles, care
 * teams, grants, break-the-glass, reviews, reveals) is written in the change's own transaction, so
 * a change that cannot be recorded does not happen. A refusal by the policy ({@code access.denied},
 * with the permission, the client and the reason) is written after the caller's transaction ends —
 * the refusal usually rolls that transaction back, and the entry must survive it.
 */
@Component
class AccessAudit {

    private static final Logger LOG = LoggerFactory.getLogger(AccessAudit.class);

    private final AuditTrail trail;
    private final TransactionTemplate ownTransaction;

    AccessAudit(AuditTrail trail, PlatformTransactionManager transactions) {
        this.trail = trail;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @EventListener
    void on(AccessChanged event) {
        AuditEvent entry = event.actor() == null
                ? AuditEvent.of(ActorType.SYSTEM, null, event.kind().action(), Outcome.SUCCEEDED)
                : AuditEvent.of(ActorType.STAFF, event.actor().toString(), event.kind().action(), Outcome.SUCCEEDED);
        entry = switch (event.kind()) {
            case ROLE_CREATED, ROLE_UPDATED, ROLE_DELETED -> entry.withResource("role", event.subject());
            case FIELD_REVEALED -> entry.withResource("field", event.subject());
            case GRANT_CREATED, GRANT_RENEWED, GRANT_REVOKED, BREAK_GLASS_OPENED, BREAK_GLASS_REVIEWED ->
                    entry.withResource("grant", event.subject());
            default -> event.staff() == null ? entry : entry.withResource("staff", event.staff().toString());
        };
        if (event.clientId() != null) {
            entry = entry.withClient(event.clientId().toString());
        }
        if (event.reason() != null) {
            entry = entry.withReason(event.reason());
        }
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            trail.record(entry);
        } else {
            trail.recordOnItsOwn(entry);
        }
    }

    @EventListener
    void on(AccessDenied event) {
        ActorType type = event.actor() instanceof Actor.Staff ? ActorType.STAFF : ActorType.CLIENT;
        AuditEvent entry = AuditEvent.of(type, event.actor().id(), "access.denied", Outcome.DENIED)
                .withResource("permission", event.permission().code())
                .withReason(event.reason());
        AuditEvent recorded = event.clientId() == null ? entry : entry.withClient(event.clientId().toString());
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    // The caller's transaction is over but still bound to the thread: a new one.
                    try {
                        ownTransaction.executeWithoutResult(tx -> trail.record(recorded));
                    } catch (RuntimeException e) {
                        LOG.error("A refusal by the access policy could not be recorded in the audit trail: {}",
                                e.getClass().getSimpleName());
                    }
                }
            });
        } else {
            recordQuietly(recorded);
        }
    }

    private void recordQuietly(AuditEvent entry) {
        try {
            trail.recordOnItsOwn(entry);
        } catch (RuntimeException e) {
            // The refusal stands either way; a trail that cannot take the entry is already alarmed.
            LOG.error("A refusal by the access policy could not be recorded in the audit trail: {}", e.getClass().getSimpleName());
        }
    }
}
