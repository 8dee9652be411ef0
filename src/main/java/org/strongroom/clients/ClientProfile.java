package org.strongroom.clients;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A client's record as the asker may see it: identity and lifecycle, and the enabled catalogue
 * fields the asker may see (in catalogue order), full or masked.
 *
 * @param version the record's version, to send back with an edit (optimistic concurrency)
 */
public record ClientProfile(UUID id, String reference, ClientStatus status, long version, Instant createdAt,
                            Instant updatedAt, @Nullable Instant closedAt, Instant lastTouchedAt,
                            List<ProfileValue> values) {

    public ClientProfile {
        values = List.copyOf(values);
    }

    public Optional<ProfileValue> value(String fieldKey) {
        return values.stream().filter(v -> v.field().key().equals(fieldKey)).findFirst();
    }

    /** The value shown for a field, or {@code null}. */
    public @Nullable String shown(String fieldKey) {
        return value(fieldKey).map(ProfileValue::shown).orElse(null);
    }

    /** "Preferred-or-given family", as shown in headers and lists; {@code null} if names are not visible. */
    public @Nullable String displayName() {
        return DisplayNames.of(shown("given_name"), shown("preferred_name"), shown("family_name"));
    }
}
