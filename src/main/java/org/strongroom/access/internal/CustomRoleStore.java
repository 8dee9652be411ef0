package org.strongroom.access.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.strongroom.access.Permission;
import org.strongroom.access.Reach;
import org.strongroom.access.RoleDefinition;
import org.strongroom.access.Sensitivity;
import org.strongroom.access.Visibility;

/** Role definitions: built-in ones from code, custom ones from {@code access_role} (read fresh each time). */
@Repository
public class CustomRoleStore {

    private static final RowMapper<RoleDefinition> ROW = (rs, n) -> {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (String code : rs.getString("permissions").split(" ")) {
            Permission.fromCode(code).ifPresent(permissions::add);
        }
        Map<Sensitivity, Visibility> views = new EnumMap<>(Sensitivity.class);
        views.put(Sensitivity.NORMAL, Visibility.valueOf(rs.getString("normal_view")));
        views.put(Sensitivity.RESTRICTED, Visibility.valueOf(rs.getString("restricted_view")));
        views.put(Sensitivity.HIGHLY_RESTRICTED, Visibility.valueOf(rs.getString("highly_restricted_view")));
        return new RoleDefinition(rs.getString("role_key"), rs.getString("label"), false,
                Reach.valueOf(rs.getString("reach")), permissions, views, rs.getLong("version"));
    };

    private static final String COLUMNS = "role_key, label, reach, permissions, normal_view, restricted_view,"
            + " highly_restricted_view, version";

    private final JdbcClient jdbc;

    CustomRoleStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<RoleDefinition> find(String key) {
        Optional<RoleDefinition> builtIn = BuiltInRoles.find(key);
        if (builtIn.isPresent()) {
            return builtIn;
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM access_role WHERE role_key = ?").param(key).query(ROW).optional();
    }

    /** Built-in roles in their order, then custom roles by label. */
    public List<RoleDefinition> all() {
        List<RoleDefinition> roles = new ArrayList<>(BuiltInRoles.ALL_ROLES);
        roles.addAll(jdbc.sql("SELECT " + COLUMNS + " FROM access_role ORDER BY label").query(ROW).list());
        return roles;
    }

    public boolean labelTaken(String label, String exceptKey) {
        return jdbc.sql("SELECT COUNT(*) FROM access_role WHERE LOWER(label) = LOWER(?) AND role_key <> ?")
                .param(label).param(exceptKey).query(Long.class).single() > 0;
    }

    public void insert(RoleDefinition role, long now, String by) {
        jdbc.sql("""
                        INSERT INTO access_role (role_key, label, reach, permissions, normal_view, restricted_view,
                            highly_restricted_view, version, created_at, updated_at, updated_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)""")
                .param(role.key()).param(role.label()).param(role.reach().name()).param(codes(role.permissions()))
                .param(role.sees(Sensitivity.NORMAL).name()).param(role.sees(Sensitivity.RESTRICTED).name())
                .param(role.sees(Sensitivity.HIGHLY_RESTRICTED).name()).param(now).param(now).param(by)
                .update();
    }

    /** @return false when the version no longer matches (someone else changed it first) */
    public boolean update(RoleDefinition role, long expectedVersion, long now, String by) {
        return jdbc.sql("""
                        UPDATE access_role SET label = ?, reach = ?, permissions = ?, normal_view = ?, restricted_view = ?,
                            highly_restricted_view = ?, version = version + 1, updated_at = ?, updated_by = ?
                        WHERE role_key = ? AND version = ?""")
                .param(role.label()).param(role.reach().name()).param(codes(role.permissions()))
                .param(role.sees(Sensitivity.NORMAL).name()).param(role.sees(Sensitivity.RESTRICTED).name())
                .param(role.sees(Sensitivity.HIGHLY_RESTRICTED).name()).param(now).param(by)
                .param(role.key()).param(expectedVersion)
                .update() == 1;
    }

    public boolean delete(String key, long expectedVersion) {
        return jdbc.sql("DELETE FROM access_role WHERE role_key = ? AND version = ?").param(key).param(expectedVersion).update() == 1;
    }

    private static String codes(Set<Permission> permissions) {
        StringBuilder out = new StringBuilder();
        for (Permission p : permissions) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(p.code());
        }
        return out.toString();
    }
}
