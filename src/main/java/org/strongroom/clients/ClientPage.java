package org.strongroom.clients;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of the master index, most recently touched first.
 *
 * @param nextCursor where the next page starts, {@code null} on the last page
 * @param total      how many clients match in all, when known cheaply; {@code null} otherwise
 */
public record ClientPage(List<ClientSummary> clients, @Nullable String nextCursor, @Nullable Long total) {
    public ClientPage {
        clients = List.copyOf(clients);
    }
}
