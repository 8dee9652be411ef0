package org.strongroom.access.internal;

import java.util.List;
import java.util.Optional;

import org.strongroom.access.AccessDecision;
import org.strongroom.access.Actor;
import org.strongroom.access.Basis;
import org.strongroom.access.Reach;
import org.strongroom.access.RoleDefinition;

/**
 * The named rules of the access policy and their order. Each is a small pure function of the
 * question and its facts, tested on its own ({@code RulesTests}); {@link #decide} runs them in
 * order and the first that decides wins. Nothing decides → out of reach.
 */
final class Rules {

    /** The actor's role no longer exists (deleted custom role, stale key): nothing is allowed. */
    static final AccessRule KNOWN_ROLE = rule("known_role", q -> q.role() == null
            ? Optional.of(AccessDecision.deny("known_role", "unknown_role", null)) : Optional.empty());

    /** A staff member cannot hold the client portal's role, and a client only that one. */
    static final AccessRule ROLE_FITS_ACTOR = rule("role_fits_actor", q -> {
        boolean clientActor = q.actor() instanceof Actor.Client;
        return clientActor == q.role().forStaff()
                ? Optional.of(AccessDecision.deny("role_fits_actor", "role_mismatch", q.role())) : Optional.empty();
    });

    /** The role must hold the permission. */
    static final AccessRule PERMISSION = rule("permission", q -> q.role().holds(q.permission())
            ? Optional.empty() : Optional.of(AccessDecision.deny("permission", "no_permission", q.role())));

    /** An organisation-level permission, once held, needs no client in reach. */
    static final AccessRule ORGANISATION_LEVEL = rule("organisation_level", q -> !q.permission().clientBound()
            ? Optional.of(AccessDecision.allow("organisation_level", Basis.ROLE_WIDE, q.role())) : Optional.empty());

    /** A client-bound question needs a client. */
    static final AccessRule CLIENT_NAMED = rule("client_named", q -> q.clientId() == null
            ? Optional.of(AccessDecision.deny("client_named", "no_client", q.role())) : Optional.empty());

    /** The portal: a client's own record and nothing else. */
    static final AccessRule OWN_RECORD = rule("own_record", q -> {
        if (q.role().reach() != Reach.OWN_RECORD) {
            return Optional.empty();
        }
        return q.actor() instanceof Actor.Client c && c.clientId().equals(q.clientId())
                ? Optional.of(AccessDecision.allow("own_record", Basis.OWN_RECORD, q.role()))
                : Optional.of(AccessDecision.deny("own_record", "out_of_reach", q.role()));
    });

    /** A role that reaches every client. */
    static final AccessRule ROLE_WIDE = rule("role_wide", q -> q.role().reach() == Reach.ORGANISATION
            ? Optional.of(AccessDecision.allow("role_wide", Basis.ROLE_WIDE, q.role())) : Optional.empty());

    /** A role that reaches no client (the auditor) stops here. */
    static final AccessRule NO_REACH = rule("no_reach", q -> q.role().reach() == Reach.NONE
            ? Optional.of(AccessDecision.deny("no_reach", "out_of_reach", q.role())) : Optional.empty());

    /** On the client's care team. */
    static final AccessRule CARE_TEAM = rule("care_team", q -> q.relation().onTeam()
            ? Optional.of(AccessDecision.allow("care_team", Basis.CARE_TEAM, q.role())) : Optional.empty());

    /** An active time-limited grant for this client. */
    static final AccessRule GRANT = rule("grant", q -> q.relation().grant()
            ? Optional.of(AccessDecision.allow("grant", Basis.GRANT, q.role())) : Optional.empty());

    /** An active break-the-glass grant for this client. */
    static final AccessRule BREAK_GLASS = rule("break_glass", q -> q.relation().breakGlass()
            ? Optional.of(AccessDecision.allow("break_glass", Basis.BREAK_GLASS, q.role())) : Optional.empty());

    /** Nothing gave access: out of reach (with the lapsed grant named in the trail if there was one). */
    static final AccessRule OUT_OF_REACH = rule("out_of_reach", q -> {
        Relation r = q.relation();
        String reason = r.lapsedBreakGlass() ? "break_glass_expired" : r.lapsedGrant() ? "grant_expired" : "out_of_reach";
        return Optional.of(AccessDecision.deny("out_of_reach", reason, q.role()));
    });

    static final List<AccessRule> CHAIN = List.of(KNOWN_ROLE, ROLE_FITS_ACTOR, PERMISSION, ORGANISATION_LEVEL,
            CLIENT_NAMED, OWN_RECORD, ROLE_WIDE, NO_REACH, CARE_TEAM, GRANT, BREAK_GLASS, OUT_OF_REACH);

    private Rules() {
    }

    static AccessDecision decide(AccessQuestion question) {
        return decide(CHAIN, question);
    }

    static AccessDecision decide(List<AccessRule> chain, AccessQuestion question) {
        for (AccessRule rule : chain) {
            Optional<AccessDecision> decision = rule.evaluate(question);
            if (decision.isPresent()) {
                return decision.get();
            }
        }
        RoleDefinition role = question.role();
        return AccessDecision.deny("default", "out_of_reach", role);
    }

    private static AccessRule rule(String name, java.util.function.Function<AccessQuestion, Optional<AccessDecision>> body) {
        return new AccessRule() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Optional<AccessDecision> evaluate(AccessQuestion question) {
                return body.apply(question);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
