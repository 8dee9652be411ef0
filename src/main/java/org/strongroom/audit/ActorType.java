package org.strongroom.audit;

import java.util.Locale;

/** Who acted: a staff member, an API token, the server itself, or nobody yet signed in. */
public enum ActorType {
    STAFF, TOKEN, SYSTEM, ANONYMOUS,
    /** A client in the portal (the access module's client role). */
    CLIENT;

    /** The stored, canonical code ({@code staff}, {@code token}, …). */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ActorType fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
