package org.strongroom.identity;

/**
 * The account-level role of a staff member. The access module refines these into permissions;
 * until it lands, these three are all there is.
 */
public enum StaffRole {
    OWNER,
    ADMINISTRATOR,
    STAFF;

    /** The Spring Security authority name, e.g. {@code ROLE_OWNER}. */
    public String authority() {
        return "ROLE_" + name();
    }
}
