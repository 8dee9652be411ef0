package org.strongroom.access;

import java.util.Optional;
import java.util.UUID;

/**
 * The one place that answers "may this actor do this, on this client, and how much may they
 * see". Every service asks before each read and write; web and API layers add nothing of their
 * own. Each answer is made from the database as it is now — a change to a role, a care team or a
 * grant counts from the next question.
 *
 * <p>The answer is a chain of named rules (see {@code access.internal.Rules}), the first that
 * decides wins: unknown role → deny; permission not held → deny; organisation-level permission →
 * allow; own record (portal) → allow/deny; role-wide reach → allow; care team → allow; grant →
 * allow; break-the-glass → allow; otherwise deny as out of reach.
 */
public interface AccessPolicy {

    /** An organisation-level question (e.g. {@code audit.read}); no client involved. */
    AccessDecision decide(Actor actor, Permission permission);

    /** A question about one client's record. */
    AccessDecision decide(Actor actor, Permission permission, UUID clientId);

    /**
     * As {@link #decide(Actor, Permission)}, but a denial is recorded in the audit trail (with
     * its reason) and thrown.
     *
     * @throws AccessRefused when denied
     */
    AccessDecision require(Actor actor, Permission permission);

    /**
     * As {@link #decide(Actor, Permission, UUID)}, but a denial is recorded in the audit trail
     * (with its reason and the client) and thrown; a client out of reach
     * {@linkplain AccessRefused#looksAbsent() looks absent}.
     *
     * @throws AccessRefused when denied
     */
    AccessDecision require(Actor actor, Permission permission, UUID clientId);

    /**
     * Every client-bound permission the actor holds on this client right now — the same rules as
     * {@link #decide(Actor, Permission, UUID)} for each, with the relation to the client loaded once.
     */
    java.util.Set<Permission> permitted(Actor actor, UUID clientId);

    /** The clients this actor may act on with this permission, as a condition for a query. */
    ClientScope scope(Actor actor, Permission permission);

    /** The role definition now in force for a key (built-in or custom). */
    Optional<RoleDefinition> role(String key);
}
