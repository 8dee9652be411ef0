package org.strongroom.access.internal;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.strongroom.access.AccessDecision;
import org.strongroom.access.AccessDenied;
import org.strongroom.access.AccessPolicy;
import org.strongroom.access.AccessRefused;
import org.strongroom.access.Actor;
import org.strongroom.access.ClientScope;
import org.strongroom.access.Permission;
import org.strongroom.access.Reach;
import org.strongroom.access.RoleDefinition;

/**
 * The access policy: loads the facts a question needs (the role's definition; the relation to the
 * client only when a rule asks) and runs {@link Rules#CHAIN}. Nothing is cached — every answer
 * reflects the database now, so revoking a care-team membership denies the very next request.
 */
@Service
class RuleBasedAccessPolicy implements AccessPolicy {

    private final CustomRoleStore roles;
    private final RelationStore relations;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    RuleBasedAccessPolicy(CustomRoleStore roles, RelationStore relations, ApplicationEventPublisher events, Clock clock) {
        this.roles = roles;
        this.relations = relations;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public AccessDecision decide(Actor actor, Permission permission) {
        return ask(actor, permission, null);
    }

    @Override
    public AccessDecision decide(Actor actor, Permission permission, UUID clientId) {
        return ask(actor, permission, clientId);
    }

    @Override
    public AccessDecision require(Actor actor, Permission permission) {
        return enforce(actor, permission, null, ask(actor, permission, null));
    }

    @Override
    public AccessDecision require(Actor actor, Permission permission, UUID clientId) {
        return enforce(actor, permission, clientId, ask(actor, permission, clientId));
    }

    @Override
    public Set<Permission> permitted(Actor actor, UUID clientId) {
        RoleDefinition role = roles.find(actor.roleKey()).orElse(null);
        Set<Permission> allowed = EnumSet.noneOf(Permission.class);
        if (role == null) {
            return allowed;
        }
        Relation[] loaded = new Relation[1];
        Supplier<Relation> once = () -> {
            if (loaded[0] == null) {
                loaded[0] = relations.load(((Actor.Staff) actor).staffId(), clientId, clock.millis());
            }
            return loaded[0];
        };
        for (Permission permission : role.permissions()) {
            if (permission.clientBound() && Rules.decide(new AccessQuestion(actor, permission, clientId, role, once)).allowed()) {
                allowed.add(permission);
            }
        }
        return allowed;
    }

    @Override
    public ClientScope scope(Actor actor, Permission permission) {
        Optional<RoleDefinition> role = roles.find(actor.roleKey());
        if (role.isEmpty() || !role.get().holds(permission) || role.get().forStaff() == (actor instanceof Actor.Client)) {
            return ClientScope.nothing();
        }
        return switch (role.get().reach()) {
            case ORGANISATION -> new ClientScope(Reach.ORGANISATION, null, 0);
            case NONE -> ClientScope.nothing();
            case OWN_RECORD -> new ClientScope(Reach.OWN_RECORD, actor.id(), 0);
            case CARE_TEAM -> new ClientScope(Reach.CARE_TEAM, actor.id(), clock.millis());
        };
    }

    @Override
    public Optional<RoleDefinition> role(String key) {
        return roles.find(key);
    }

    private AccessDecision ask(Actor actor, Permission permission, @Nullable UUID clientId) {
        RoleDefinition role = roles.find(actor.roleKey()).orElse(null);
        AccessQuestion question = new AccessQuestion(actor, permission, clientId, role,
                () -> relations.load(((Actor.Staff) actor).staffId(), clientId, clock.millis()));
        return Rules.decide(question);
    }

    private AccessDecision enforce(Actor actor, Permission permission, @Nullable UUID clientId, AccessDecision decision) {
        if (!decision.allowed()) {
            events.publishEvent(new AccessDenied(actor, permission, clientId, decision.reason()));
            throw new AccessRefused(decision);
        }
        return decision;
    }
}
