package org.strongroom.clients.internal;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.strongroom.clients.ClientStatus;

/** A row of {@code client}: no personal data. Times in epoch milliseconds. */
public record ClientRow(UUID id, String reference, ClientStatus status, long version, long createdAt,
                        @Nullable String createdBy, long updatedAt, @Nullable String updatedBy, @Nullable Long closedAt,
                        long lastTouchedAt, @Nullable String mergedInto, @Nullable String importId) {
}
