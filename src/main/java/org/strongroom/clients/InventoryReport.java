package org.strongroom.clients;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The data inventory ("know what data you keep, and why"): every catalogue field with its
 * category, sensitivity, purpose, retention, how many clients have a value, which roles see it
 * and how, how often it was revealed, and the minimisation candidates. Made from the catalogue,
 * the access policy's role definitions and counts; it holds no client value.
 *
 * @param clients          the clients counted (every status but merged)
 * @param revealWindow     the period reveals were counted over, ending at {@code generatedAt}
 * @param customRolesShown whether custom roles are listed (only to someone who may see the role
 *                         matrix, {@code role.manage} or {@code access.review}); built-in roles always are
 */
public record InventoryReport(Instant generatedAt, long clients, Duration revealWindow, boolean customRolesShown,
                              List<InventoryRole> roles, List<InventoryField> fields) {

    public InventoryReport {
        roles = List.copyOf(roles);
        fields = List.copyOf(fields);
    }

    public List<InventoryField> candidates() {
        return fields.stream().filter(InventoryField::candidate).toList();
    }
}
