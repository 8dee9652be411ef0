package org.strongroom.identity;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** What the page shell shows about the signed-in person. Staff data, never logged. */
public record StaffProfile(StaffId id, String displayName, String email, StaffRole role, StaffStatus status,
                           @Nullable String locale, @Nullable Instant previousSignInAt) {

    @Override
    public String toString() {
        return "StaffProfile[" + id + "]";
    }
}
