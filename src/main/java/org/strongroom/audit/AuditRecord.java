package org.strongroom.audit;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One entry of the trail as shown to people and exported: the stored fields without the MAC.
 * Identifier-like values are in their stored, percent-encoded form (see {@link AuditEvent}).
 */
public record AuditRecord(
        long seq,
        Instant occurredAt,
        ActorType actorType,
        @Nullable String actorId,
        String action,
        @Nullable String resourceType,
        @Nullable String resourceId,
        @Nullable String clientId,
        Outcome outcome,
        @Nullable String reason,
        @Nullable String sourceAddress,
        @Nullable String userAgentHash,
        @Nullable String requestId) {
}
