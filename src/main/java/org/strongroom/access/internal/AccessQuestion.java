package org.strongroom.access.internal;

import java.util.UUID;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.strongroom.access.Actor;
import org.strongroom.access.Permission;
import org.strongroom.access.RoleDefinition;

/**
 * One question to the rules, with the facts they may need. The relation to the client is loaded
 * only when a rule asks for it (organisation-level questions never touch the database for it).
 */
final class AccessQuestion {

    private final Actor actor;
    private final Permission permission;
    private final @Nullable UUID clientId;
    private final @Nullable RoleDefinition role;
    private final Supplier<Relation> relationLoader;
    private @Nullable Relation relation;

    AccessQuestion(Actor actor, Permission permission, @Nullable UUID clientId, @Nullable RoleDefinition role,
                   Supplier<Relation> relationLoader) {
        this.actor = actor;
        this.permission = permission;
        this.clientId = clientId;
        this.role = role;
        this.relationLoader = relationLoader;
    }

    Actor actor() {
        return actor;
    }

    Permission permission() {
        return permission;
    }

    @Nullable UUID clientId() {
        return clientId;
    }

    @Nullable RoleDefinition role() {
        return role;
    }

    Relation relation() {
        if (relation == null) {
            relation = clientId == null || !(actor instanceof Actor.Staff) ? Relation.NONE : relationLoader.get();
        }
        return relation;
    }
}
