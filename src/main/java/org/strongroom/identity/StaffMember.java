package org.strongroom.identity;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A row of the staff list. Personal data: never logged. */
public record StaffMember(StaffId id, String displayName, String email, StaffRole role, StaffStatus status,
                          @Nullable String statusReason, Instant createdAt, @Nullable Instant lastSignInAt,
                          boolean hasSecondFactor, @Nullable Instant invitationExpiresAt) {

    @Override
    public String toString() {
        return "StaffMember[" + id + "]";
    }
}
