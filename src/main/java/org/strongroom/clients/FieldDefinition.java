package org.strongroom.clients;

import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.strongroom.access.Sensitivity;

/**
 * One field of the catalogue: what is kept about clients, how sensitive it is, why it is kept and
 * for how long. Describes data, holds none.
 *
 * @param key         stable key, e.g. {@code email} ({@code [a-z][a-z0-9_]{0,39}})
 * @param label       the owner's label for a custom field; {@code null} for built-in fields, whose
 *                    label comes from the message bundles ({@code clients.field.<key>})
 * @param purpose     why it is collected; a field without one cannot be enabled
 * @param retention   how long a value is kept after the record is closed; {@code null}: as long as
 *                    the record
 * @param choices     the options of a {@link FieldType#CHOICE} field
 */
public record FieldDefinition(String key, @Nullable String label, FieldType type, Sensitivity sensitivity,
                              FieldCategory category, @Nullable String purpose, boolean required, SearchMode searchMode,
                              @Nullable Period retention, boolean enabled, boolean builtIn, int position,
                              List<String> choices, long version, Instant updatedAt, @Nullable String updatedBy) {

    /** The pattern of field keys. */
    public static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile("[a-z][a-z0-9_]{0,39}");

    public FieldDefinition {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(sensitivity, "sensitivity");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(searchMode, "searchMode");
        choices = List.copyOf(choices);
    }

    /** The message key of a built-in field's label. */
    public String labelKey() {
        return "clients.field." + key;
    }
}
