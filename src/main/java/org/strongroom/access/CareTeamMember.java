package org.strongroom.access;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.strongroom.identity.StaffId;

/** One person on one client's care team. */
public record CareTeamMember(UUID clientId, StaffId staff, TeamRole teamRole, Instant addedAt, @Nullable StaffId addedBy) {
}
