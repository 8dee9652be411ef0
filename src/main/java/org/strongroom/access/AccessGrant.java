package org.strongroom.access;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.strongroom.identity.StaffId;

/**
 * A time-limited grant or a break-the-glass grant: one staff member, one client, one period.
 *
 * @param reason     the stated reason, decrypted for this view ({@code null} if none was given)
 * @param review     for break-the-glass: the review state; {@code null} for an ordinary grant
 * @param reviewNote the reviewer's note, decrypted ({@code null} if none)
 */
public record AccessGrant(UUID id, UUID clientId, StaffId staff, Kind kind, Instant startsAt, Instant expiresAt,
                          Instant createdAt, @Nullable StaffId createdBy, @Nullable Instant revokedAt,
                          @Nullable StaffId revokedBy, @Nullable String reason, @Nullable Review review,
                          @Nullable Instant reviewedAt, @Nullable StaffId reviewedBy, @Nullable String reviewNote) {

    public enum Kind { GRANT, BREAK_GLASS }

    public enum Review { PENDING, JUSTIFIED, UNJUSTIFIED }

    /** Whether it gives access at this instant. */
    public boolean activeAt(Instant now) {
        return revokedAt == null && !startsAt.isAfter(now) && expiresAt.isAfter(now);
    }

    @Override
    public String toString() {
        return "AccessGrant[" + id + " " + kind + "]";
    }
}
