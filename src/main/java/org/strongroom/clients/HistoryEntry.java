package org.strongroom.clients;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.strongroom.access.Visibility;

/**
 * One change of one field (or of the status, key {@code status}), as the asker may see it: old
 * and new values decrypted in memory, masked where the asker sees that level masked.
 *
 * @param cause {@code create}, {@code edit}, {@code import}, {@code merge}, {@code unmerge},
 *              {@code close}, {@code reopen}
 */
public record HistoryEntry(String fieldKey, @Nullable FieldDefinition field, Instant changedAt, @Nullable String changedBy,
                           String cause, long version, @Nullable String oldValue, @Nullable String newValue,
                           Visibility visibility) {
}
