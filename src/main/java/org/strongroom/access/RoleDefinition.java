package org.strongroom.access;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What a role may do: its permissions, which clients they reach, and how much of each sensitivity
 * level it sees.
 *
 * @param key         the role's key, as stored on a staff account ({@code OWNER}, {@code BILLING_CLERK}, …)
 * @param label       the owner's label of a custom role; {@code null} for a built-in role (label from messages)
 * @param builtIn     built-in roles ship with the product and cannot be edited or deleted
 * @param reach       which clients the client-bound permissions apply to
 * @param permissions the permissions held
 * @param visibility  how much of each sensitivity level is shown
 * @param version     for optimistic concurrency on edits (0 for built-in roles)
 */
public record RoleDefinition(String key, @Nullable String label, boolean builtIn, Reach reach, Set<Permission> permissions,
                             Map<Sensitivity, Visibility> visibility, long version) {

    /** The role of the client portal (a client's own record only); never held by a staff account. */
    public static final String CLIENT = "CLIENT";

    public RoleDefinition {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(reach, "reach");
        permissions = permissions.isEmpty() ? Collections.unmodifiableSet(EnumSet.noneOf(Permission.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(permissions));
        EnumMap<Sensitivity, Visibility> complete = new EnumMap<>(Sensitivity.class);
        for (Sensitivity level : Sensitivity.values()) {
            complete.put(level, visibility.getOrDefault(level, Visibility.HIDDEN));
        }
        visibility = Collections.unmodifiableMap(complete);
    }

    public boolean holds(Permission permission) {
        return permissions.contains(permission);
    }

    public Visibility sees(Sensitivity level) {
        return visibility.get(level);
    }

    /** Whether everything this role allows, {@code holder} allows too (used to stop privilege escalation). */
    public boolean within(RoleDefinition holder) {
        if (!holder.permissions.containsAll(permissions) || !holder.reach.covers(reach)) {
            return false;
        }
        for (Sensitivity level : Sensitivity.values()) {
            if (!holder.sees(level).atLeast(sees(level))) {
                return false;
            }
        }
        return true;
    }

    /** Whether a staff account may hold this role (every role but the client portal's). */
    public boolean forStaff() {
        return !CLIENT.equals(key);
    }
}
