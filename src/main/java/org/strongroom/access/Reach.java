package org.strongroom.access;

/** Which clients a role's client-bound permissions apply to. Ordered from widest to narrowest. */
public enum Reach {
    /** Every client of the organisation. */
    ORGANISATION,
    /** Clients whose care team includes the person, plus active grants and break-the-glass. */
    CARE_TEAM,
    /** The client's own record only (the client portal). */
    OWN_RECORD,
    /** No client at all (e.g. the auditor: evidence and audit trail, no client content). */
    NONE;

    /** Whether this reaches every client that {@code other} reaches. */
    public boolean covers(Reach other) {
        if (this == other || this == ORGANISATION || other == NONE) {
            return true;
        }
        return false;
    }
}
