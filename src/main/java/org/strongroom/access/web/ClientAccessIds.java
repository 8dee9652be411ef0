package org.strongroom.access.web;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.strongroom.identity.StaffId;

/**
 * Ids taken from paths, forms and bodies: only the canonical 36-character form is an id
 * ({@link UUID#fromString} would also take {@code 1-1-1-1-1}), so one record has one address.
 */
final class ClientAccessIds {

    private static final Pattern CANONICAL = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private ClientAccessIds() {
    }

    static Optional<UUID> uuid(String text) {
        if (text == null || text.length() != 36 || !CANONICAL.matcher(text).matches()) {
            return Optional.empty();
        }
        return Optional.of(UUID.fromString(text));
    }

    static Optional<StaffId> staffId(String text) {
        return uuid(text).map(StaffId::new);
    }
}
