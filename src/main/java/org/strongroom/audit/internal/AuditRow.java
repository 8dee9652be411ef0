package org.strongroom.audit.internal;

import org.jspecify.annotations.Nullable;
import org.strongroom.audit.AuditEvent;

/**
 * One stored entry, exactly as read from or written to {@code audit_entry}. Codes are kept as the
 * stored strings (not parsed), so the verifier hashes whatever is in the database.
 */
record AuditRow(
        long seq,
        long occurredAt,
        String actorType,
        @Nullable String actorId,
        String action,
        @Nullable String resourceType,
        @Nullable String resourceId,
        @Nullable String clientId,
        String outcome,
        @Nullable String reason,
        @Nullable String sourceAddress,
        @Nullable String userAgentHash,
        @Nullable String requestId,
        byte[] mac) {

    static AuditRow of(long seq, long occurredAt, AuditEvent e) {
        return new AuditRow(seq, occurredAt, e.actorType().code(), e.actorId(), e.action(), e.resourceType(),
                e.resourceId(), e.clientId(), e.outcome().code(), e.reason(), e.sourceAddress(), e.userAgentHash(),
                e.requestId(), new byte[0]);
    }

    AuditRow withMac(byte[] value) {
        return new AuditRow(seq, occurredAt, actorType, actorId, action, resourceType, resourceId, clientId, outcome,
                reason, sourceAddress, userAgentHash, requestId, value);
    }

    AuditRow withSeq(long value) {
        return new AuditRow(value, occurredAt, actorType, actorId, action, resourceType, resourceId, clientId, outcome,
                reason, sourceAddress, userAgentHash, requestId, mac);
    }

    @Override
    public String toString() {
        return "AuditRow[seq=" + seq + "]";
    }
}
