package org.strongroom.access;

import java.util.Locale;

/** Why someone may act on a client — shown on "who can access" and recorded in the trail. */
public enum Basis {
    /** The role reaches every client (or the permission is organisation-level). */
    ROLE_WIDE,
    /** The person is on the client's care team. */
    CARE_TEAM,
    /** A time-limited grant for this client. */
    GRANT,
    /** An emergency (break-the-glass) grant for this client. */
    BREAK_GLASS,
    /** The client's own record (portal). */
    OWN_RECORD;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
