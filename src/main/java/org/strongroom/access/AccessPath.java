package org.strongroom.access;

import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffRole;

/**
 * One way one person can reach one client, for the "who can access this client" page.
 *
 * @param basis       why: role-wide reach, care team, grant, break-the-glass
 * @param teamRole    on a care team: their part
 * @param until       for a grant or break-the-glass: when it ends
 * @param permissions what their role lets them do on the client (client-bound permissions only)
 */
public record AccessPath(StaffId staff, String displayName, StaffRole role, Basis basis, @Nullable TeamRole teamRole,
                         @Nullable Instant until, Set<Permission> permissions) {

    @Override
    public String toString() {
        return "AccessPath[" + staff + " " + basis + "]";
    }
}
