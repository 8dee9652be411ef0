package org.strongroom.clients;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.strongroom.access.Sensitivity;

/**
 * An owner's change to the catalogue: a new custom field ({@code expectedVersion} {@code null}) or
 * new settings for an existing one. A built-in field keeps its key, type and search mode.
 *
 * @param retention ISO-8601 period ({@code P7Y}) or blank for "as long as the record"
 */
public record FieldChange(String key, @Nullable String label, FieldType type, Sensitivity sensitivity,
                          FieldCategory category, @Nullable String purpose, boolean required, SearchMode searchMode,
                          @Nullable String retention, boolean enabled, List<String> choices, @Nullable Long expectedVersion) {
    public FieldChange {
        choices = List.copyOf(choices);
    }
}
