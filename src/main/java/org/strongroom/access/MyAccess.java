package org.strongroom.access;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What one person may do on one client and why, as they see it themselves: the basis (role-wide,
 * care team, grant, break-the-glass), when a grant or break-the-glass ends, the client-bound
 * permissions that hold now, and how much of each sensitivity level they see.
 */
public record MyAccess(UUID clientId, Basis basis, @Nullable TeamRole teamRole, @Nullable Instant until,
                       Set<Permission> permissions, Map<Sensitivity, Visibility> visibility) {
}
