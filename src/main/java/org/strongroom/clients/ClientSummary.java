package org.strongroom.clients;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One line of the master index, as the asker may see it: the display name is decrypted in memory
 * ({@code null} when the asker's role does not see names), never stored.
 */
public record ClientSummary(UUID id, String reference, ClientStatus status, @Nullable String displayName,
                            Instant lastTouchedAt) {
}
