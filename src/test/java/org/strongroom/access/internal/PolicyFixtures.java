package org.strongroom.access.internal;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.strongroom.access.AccessPolicy;
import org.strongroom.access.RoleDefinition;
import org.strongroom.identity.StaffId;

/**
 * The real rule-based policy over the built-in roles, without a database: for unit tests of
 * code that asks the policy organisation-level questions (a client-bound question finds no
 * relation, as for a client nobody is linked to).
 */
public final class PolicyFixtures {

    private PolicyFixtures() {
    }

    public static AccessPolicy builtInRolesOnly() {
        CustomRoleStore roles = new CustomRoleStore(null) {
            @Override
            public Optional<RoleDefinition> find(String key) {
                return BuiltInRoles.find(key);
            }
        };
        RelationStore relations = new RelationStore(null) {
            @Override
            Relation load(StaffId staff, UUID client, long now) {
                return Relation.NONE;
            }
        };
        return new RuleBasedAccessPolicy(roles, relations, event -> { }, Clock.systemUTC());
    }
}
