package org.strongroom.identity;

/** The outcome of revoking a token. */
public enum ApiTokenRevocation {
    /** The token was usable until now and is refused from now on. */
    REVOKED,
    /** The token had been revoked before; nothing changed. */
    ALREADY_REVOKED,
    /** No such token (or, when revoking one's own, not one of the caller's); nothing changed. */
    NOT_FOUND
}
