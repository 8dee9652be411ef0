package org.strongroom.documents.internal;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.strongroom.access.Actor;
import org.strongroom.audit.ActorType;
import org.strongroom.audit.AuditEvent;
import org.strongroom.audit.AuditTrail;
import org.strongroom.audit.Outcome;

/**
 * The documents module's audit entries ({@code documents.*}): in the caller's transaction for
 * actions (a read that cannot be recorded returns nothing), on their own for failures found
 * after the action (a damaged stream during a download). Ids and codes only.
 */
@Component
class DocumentAudit {

    private final AuditTrail trail;

    DocumentAudit(AuditTrail trail) {
        this.trail = trail;
    }

    void document(@Nullable Actor actor, String action, UUID clientId, UUID documentId, @Nullable String reason) {
        trail.record(event(actor, action, clientId, documentId, reason, Outcome.SUCCEEDED));
    }

    void client(Actor actor, String action, UUID clientId, @Nullable String reason) {
        AuditEvent event = base(actor, action, Outcome.SUCCEEDED).withResource("client", clientId.toString()).withClient(clientId.toString());
        trail.record(reason == null ? event : event.withReason(reason));
    }

    void general(@Nullable Actor actor, String action, String resourceType, @Nullable String resourceId) {
        AuditEvent event = base(actor, action, Outcome.SUCCEEDED);
        trail.record(resourceId == null ? event : event.withResource(resourceType, resourceId));
    }

    /** A failure recorded outside any transaction (the action itself already ended). */
    void failureOnItsOwn(@Nullable Actor actor, String action, UUID clientId, @Nullable UUID documentId, String reason) {
        AuditEvent event = base(actor, action, Outcome.FAILED).withClient(clientId.toString()).withReason(reason);
        trail.recordOnItsOwn(documentId == null ? event.withResource("client", clientId.toString())
                : event.withResource("document", documentId.toString()));
    }

    private static AuditEvent event(@Nullable Actor actor, String action, UUID clientId, UUID documentId, @Nullable String reason,
                                    Outcome outcome) {
        AuditEvent event = base(actor, action, outcome).withResource("document", documentId.toString()).withClient(clientId.toString());
        return reason == null ? event : event.withReason(reason);
    }

    private static AuditEvent base(@Nullable Actor actor, String action, Outcome outcome) {
        if (actor == null) {
            return AuditEvent.of(ActorType.SYSTEM, null, action, outcome);
        }
        ActorType type = actor instanceof Actor.Client ? ActorType.CLIENT : ActorType.STAFF;
        return AuditEvent.of(type, actor.id(), action, outcome);
    }
}
