package org.strongroom.identity;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What identity needs to know about roles, answered by the access module (which owns their
 * definitions and its policy): which roles exist for a staff account to hold, and whether a role
 * holds an organisation-level permission such as {@code user.manage}. Identity stores a role's
 * key and asks here; it never decides by a role's name.
 */
public interface RoleCatalogue {

    /** The roles a staff account may hold — built-in first, then custom roles by label. */
    List<RoleChoice> staffRoles();

    /** Whether a staff account may hold this role (it exists and is not the client portal's). */
    boolean exists(StaffRole role);

    /**
     * Whether someone in role {@code holder} may hand out role {@code assigned}: every permission,
     * reach and sensitivity level of the assigned role is within the holder's own — so holding
     * {@code user.manage} is no way to give anyone (oneself included, through a colleague) more.
     */
    boolean covers(StaffRole holder, StaffRole assigned);

    /** Whether the role holds this organisation-level permission right now. */
    boolean permits(StaffRole role, String permission);

    /**
     * Whether the role holds this permission at all, client-bound ones included (for a page that
     * only makes sense to roles that can ever export or read clients; the service still decides
     * per client).
     */
    boolean holds(StaffRole role, String permission);

    /**
     * Every organisation-level permission the role holds right now (codes), read once — for a page
     * that asks about several at a time.
     */
    java.util.Set<String> organisationPermissions(StaffRole role);

    /**
     * A role to choose from.
     *
     * @param label the owner's label of a custom role; {@code null} for a built-in role, whose
     *              label comes from the message bundle ({@code role.OWNER}, …)
     */
    record RoleChoice(StaffRole role, @Nullable String label) {
    }
}
