package org.strongroom.clients;

/** Where a client is in their relationship with the business. */
public enum ClientStatus {
    PROSPECT, ACTIVE, INACTIVE, CLOSED,
    /** Merged into another record; kept so the merge can be undone, never listed. */
    MERGED;

    /** The statuses a user may choose (not {@link #MERGED}, which only a merge sets). */
    public static final java.util.List<ClientStatus> CHOOSABLE = java.util.List.of(PROSPECT, ACTIVE, INACTIVE, CLOSED);
}
