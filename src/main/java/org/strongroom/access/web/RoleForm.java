package org.strongroom.access.web;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.util.MultiValueMap;
import org.strongroom.access.Permission;
import org.strongroom.access.Reach;
import org.strongroom.access.RoleDefinition;
import org.strongroom.access.Roles;
import org.strongroom.access.Sensitivity;
import org.strongroom.access.Visibility;

/**
 * The custom role form as typed: read from the posted fields without trusting any of them.
 * Unknown permission codes and enum values become problems at their fields (422), never
 * exceptions; the role's key and built-in flag are never read from the form.
 *
 * <p>Fields: {@code label}, {@code reach}, {@code permission} (repeated), {@code view.NORMAL},
 * {@code view.RESTRICTED}, {@code view.HIGHLY_RESTRICTED}, {@code version}.
 */
final class RoleForm {

    /** Longer labels are not shown back (the service refuses anything over 80 characters anyway). */
    static final int ECHO_LIMIT = 200;
    /** At most this many permission fields are looked at; a real form sends one per permission. */
    private static final int MAX_PERMISSION_FIELDS = Permission.values().length * 2;

    final String label;
    final String reach;
    final Set<String> permissions;
    final Map<String, String> views;
    final long version;
    final Map<String, String> problems;
    private final Reach parsedReach;
    private final Set<Permission> parsedPermissions;
    private final Map<Sensitivity, Visibility> parsedViews;

    private RoleForm(String label, String reach, Set<String> permissions, Map<String, String> views, long version,
                     Map<String, String> problems, Reach parsedReach, Set<Permission> parsedPermissions,
                     Map<Sensitivity, Visibility> parsedViews) {
        this.label = label;
        this.reach = reach;
        this.permissions = permissions;
        this.views = views;
        this.version = version;
        this.problems = problems;
        this.parsedReach = parsedReach;
        this.parsedPermissions = parsedPermissions;
        this.parsedViews = parsedViews;
    }

    /** A new role: care-team reach, no permissions, everyday details in full, restricted masked, highly restricted hidden. */
    static RoleForm blank() {
        Map<String, String> views = new LinkedHashMap<>();
        views.put(Sensitivity.NORMAL.name(), Visibility.FULL.name());
        views.put(Sensitivity.RESTRICTED.name(), Visibility.MASKED.name());
        views.put(Sensitivity.HIGHLY_RESTRICTED.name(), Visibility.HIDDEN.name());
        return new RoleForm("", Reach.CARE_TEAM.name(), Set.of(), views, 0, Map.of(), null, Set.of(), Map.of());
    }

    static RoleForm of(RoleDefinition role) {
        Set<String> codes = new LinkedHashSet<>();
        role.permissions().forEach(p -> codes.add(p.code()));
        Map<String, String> views = new LinkedHashMap<>();
        for (Sensitivity level : Sensitivity.values()) {
            views.put(level.name(), role.sees(level).name());
        }
        return new RoleForm(role.label() == null ? "" : role.label(), role.reach().name(), codes, views, role.version(),
                Map.of(), role.reach(), role.permissions(), role.visibility());
    }

    static RoleForm read(MultiValueMap<String, String> body) {
        Map<String, String> problems = new LinkedHashMap<>();
        String label = first(body, "label");

        String reachText = first(body, "reach");
        Reach reach = null;
        for (Reach candidate : Reach.values()) {
            if (candidate.name().equals(reachText) && candidate != Reach.OWN_RECORD) {
                reach = candidate;
            }
        }
        if (reach == null) {
            problems.put("reach", "access.reach.invalid");
        }

        Set<String> codes = new LinkedHashSet<>();
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        List<String> sent = body.getOrDefault("permission", List.of());
        if (sent.size() > MAX_PERMISSION_FIELDS) {
            problems.put("permissions", "accesspages.role.permission.unknown");
        } else {
            for (String code : sent) {
                var permission = Permission.fromCode(code);
                if (permission.isPresent()) {
                    permissions.add(permission.get());
                    codes.add(code);
                } else {
                    problems.put("permissions", "accesspages.role.permission.unknown");
                }
            }
        }

        Map<String, String> views = new LinkedHashMap<>();
        Map<Sensitivity, Visibility> parsedViews = new EnumMap<>(Sensitivity.class);
        for (Sensitivity level : Sensitivity.values()) {
            String text = first(body, "view." + level.name());
            Visibility visibility = null;
            for (Visibility candidate : Visibility.values()) {
                if (candidate.name().equals(text)) {
                    visibility = candidate;
                }
            }
            if (visibility == null) {
                problems.put("view." + level.name(), "accesspages.role.visibility.invalid");
                views.put(level.name(), Visibility.HIDDEN.name());
            } else {
                parsedViews.put(level, visibility);
                views.put(level.name(), visibility.name());
            }
        }

        long version;
        try {
            version = Long.parseLong(first(body, "version"));
        } catch (NumberFormatException e) {
            // A form that lost its version cannot prove what it was based on: it meets a conflict, not an overwrite.
            version = -1;
        }
        return new RoleForm(label, reach == null ? "" : reach.name(), codes, views, version, problems, reach, permissions,
                parsedViews);
    }

    /** What to show back in the label field (nothing when absurdly long). */
    String shownLabel() {
        return label.length() > ECHO_LIMIT ? "" : label;
    }

    boolean readable() {
        return problems.isEmpty();
    }

    Roles.RoleDraft draft() {
        if (!readable()) {
            throw new IllegalStateException("the form has problems: " + problems.keySet());
        }
        return new Roles.RoleDraft(label, parsedReach, parsedPermissions, parsedViews);
    }

    /** The same typed values with the service's problems added. */
    RoleForm withProblems(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(problems);
        all.putAll(more);
        return new RoleForm(label, reach, permissions, views, version, all, parsedReach, parsedPermissions, parsedViews);
    }

    // Getters for the template (Thymeleaf reads bean properties).
    public String getLabel() {
        return shownLabel();
    }

    public String getReach() {
        return reach;
    }

    public Set<String> getPermissions() {
        return permissions;
    }

    public Map<String, String> getViews() {
        return views;
    }

    public long getVersion() {
        return version;
    }

    public Map<String, String> getProblems() {
        return problems;
    }

    private static String first(MultiValueMap<String, String> body, String name) {
        String value = body.getFirst(name);
        return value == null ? "" : value;
    }
}
