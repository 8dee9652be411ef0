package org.strongroom.access.internal;

import java.util.Optional;

import org.strongroom.access.AccessDecision;

/** One named rule of the policy: decides (allow or deny) or passes the question on. */
interface AccessRule {

    /** The rule's name, recorded with its decisions. */
    String name();

    /** A decision, or empty to let the next rule decide. */
    Optional<AccessDecision> evaluate(AccessQuestion question);
}
