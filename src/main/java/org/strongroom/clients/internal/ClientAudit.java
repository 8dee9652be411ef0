package org.strongroom.clients.internal;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.strongroom.access.Actor;
import org.strongroom.audit.ActorType;
import org.strongroom.audit.AuditEvent;
import org.strongroom.audit.AuditTrail;
import org.strongroom.audit.Outcome;

/**
 * The clients module's audit entries, written in the caller's transaction: a read that cannot be
 * recorded is not returned, a change that cannot be recorded does not happen. Codes and ids only.
 */
@Component
public class ClientAudit {

    private final AuditTrail trail;

    ClientAudit(AuditTrail trail) {
        this.trail = trail;
    }

    /** An action on one client, e.g. {@code clients.viewed} with the access basis as reason. */
    public void client(Actor actor, String action, UUID clientId, @Nullable String reason) {
        AuditEvent event = base(actor, action).withResource("client", clientId.toString()).withClient(clientId.toString());
        trail.record(reason == null ? event : event.withReason(reason));
    }

    /**
     * An action on one client through another resource of the clients module, e.g.
     * {@code clients.merged} with resource {@code client_merge} = the merge id.
     */
    public void client(Actor actor, String action, UUID clientId, String resourceType, String resourceId, @Nullable String reason) {
        AuditEvent event = base(actor, action).withResource(resourceType, resourceId).withClient(clientId.toString());
        trail.record(reason == null ? event : event.withReason(reason));
    }

    /** The entry {@link #client} would write, to be written with others by {@link #all}. */
    public AuditEvent event(Actor actor, String action, UUID clientId, @Nullable String reason) {
        AuditEvent event = base(actor, action).withResource("client", clientId.toString()).withClient(clientId.toString());
        return reason == null ? event : event.withReason(reason);
    }

    /** Writes several entries at once, chained in order, in the caller's transaction. */
    public void all(java.util.List<AuditEvent> events) {
        trail.recordAll(events);
    }

    /** An action on no single client (a search, a list, an import as a whole). */
    public void general(@Nullable Actor actor, String action, String resourceType, @Nullable String resourceId) {
        AuditEvent event = base(actor, action);
        trail.record(resourceId == null ? event : event.withResource(resourceType, resourceId));
    }

    public void catalogue(Actor actor, String action, String fieldKey) {
        trail.record(base(actor, action).withResource("client_field", fieldKey));
    }

    private static AuditEvent base(@Nullable Actor actor, String action) {
        if (actor == null) {
            return AuditEvent.of(ActorType.SYSTEM, null, action, Outcome.SUCCEEDED);
        }
        ActorType type = actor instanceof Actor.Client ? ActorType.CLIENT : ActorType.STAFF;
        return AuditEvent.of(type, actor.id(), action, Outcome.SUCCEEDED);
    }
}
