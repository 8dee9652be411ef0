package org.strongroom.access.internal;

/**
 * How one staff member stands to one client right now, loaded in one query: on the care team, an
 * active grant, an active break-the-glass grant, and whether an expired or revoked one exists (so
 * the refusal can say why in the trail).
 */
record Relation(boolean onTeam, boolean grant, boolean breakGlass, boolean lapsedGrant, boolean lapsedBreakGlass) {

    static final Relation NONE = new Relation(false, false, false, false, false);
}
