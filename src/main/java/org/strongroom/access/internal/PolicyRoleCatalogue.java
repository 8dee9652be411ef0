package org.strongroom.access.internal;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;
import org.strongroom.access.Permission;
import org.strongroom.access.RoleDefinition;
import org.strongroom.identity.RoleCatalogue;
import org.strongroom.identity.StaffRole;

/** Identity's view of roles, answered from the access module's definitions. */
@Component
class PolicyRoleCatalogue implements RoleCatalogue {

    private final CustomRoleStore roles;

    PolicyRoleCatalogue(CustomRoleStore roles) {
        this.roles = roles;
    }

    @Override
    public List<RoleChoice> staffRoles() {
        return roles.all().stream().filter(RoleDefinition::forStaff)
                .map(r -> new RoleChoice(StaffRole.valueOf(r.key()), r.label())).toList();
    }

    @Override
    public boolean exists(StaffRole role) {
        return roles.find(role.key()).filter(RoleDefinition::forStaff).isPresent();
    }

    @Override
    public boolean covers(StaffRole holder, StaffRole assigned) {
        var held = roles.find(holder.key());
        var given = roles.find(assigned.key());
        return held.isPresent() && given.isPresent() && given.get().forStaff() && given.get().within(held.get());
    }

    @Override
    public Set<String> organisationPermissions(StaffRole role) {
        return roles.find(role.key()).filter(RoleDefinition::forStaff)
                .map(r -> r.permissions().stream().filter(p -> !p.clientBound()).map(Permission::code)
                        .collect(Collectors.toUnmodifiableSet()))
                .orElse(Set.of());
    }

    @Override
    public boolean holds(StaffRole role, String permission) {
        return Permission.fromCode(permission)
                .flatMap(p -> roles.find(role.key()).filter(RoleDefinition::forStaff).map(r -> r.holds(p)))
                .orElse(false);
    }

    @Override
    public boolean permits(StaffRole role, String permission) {
        return Permission.fromCode(permission)
                .flatMap(p -> roles.find(role.key()).filter(RoleDefinition::forStaff).map(r -> r.holds(p) && !p.clientBound()))
                .orElse(false);
    }
}
