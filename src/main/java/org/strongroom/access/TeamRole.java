package org.strongroom.access;

/** A staff member's part on one client's care team. */
public enum TeamRole {
    /** The practitioner primarily responsible. */
    LEAD,
    /** A practitioner who also works with the client. */
    MEMBER,
    /** Supporting staff (e.g. a coordinator). */
    SUPPORT
}
