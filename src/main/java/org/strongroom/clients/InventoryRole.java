package org.strongroom.clients;

import org.jspecify.annotations.Nullable;
import org.strongroom.access.Reach;

/**
 * A role as the data inventory describes it: whether it reads client records at all, and which
 * clients it reaches.
 *
 * @param label       the owner's label of a custom role; {@code null} for a built-in role (label from messages)
 * @param readsClients whether the role holds {@code client.read}; a role without it sees no field
 */
public record InventoryRole(String key, @Nullable String label, boolean builtIn, Reach reach, boolean readsClients) {
}
