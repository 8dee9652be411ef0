package org.strongroom.access.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.strongroom.access.Permission;

/** The permissions grouped by area ({@link Permission#area()}), in the order the enum declares them. */
record PermissionMatrix(List<Area> areas) {

    /** One area's row group: its code (for {@code area.X} messages) and its permissions. */
    record Area(String code, List<Permission> permissions) {
    }

    static PermissionMatrix ofAll() {
        Map<String, List<Permission>> grouped = new LinkedHashMap<>();
        for (Permission permission : Permission.values()) {
            grouped.computeIfAbsent(permission.area(), a -> new ArrayList<>()).add(permission);
        }
        List<Area> areas = new ArrayList<>();
        grouped.forEach((code, permissions) -> areas.add(new Area(code, List.copyOf(permissions))));
        return new PermissionMatrix(List.copyOf(areas));
    }
}
