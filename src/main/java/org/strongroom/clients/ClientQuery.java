package org.strongroom.clients;

import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.strongroom.identity.StaffId;

/**
 * A page of the master index: filters, and where the previous page ended.
 *
 * @param statuses      the statuses to show; empty for all but {@link ClientStatus#MERGED}
 * @param tag           only clients with this tag (compared case-insensitively)
 * @param careTeam      only clients on this person's care team
 * @param touchedAfter  only clients last touched at or after this instant
 * @param touchedBefore only clients last touched before this instant
 * @param cursor        the opaque {@link ClientPage#nextCursor()} of the previous page, or {@code null}
 * @param limit         page size, 1–200
 */
public record ClientQuery(Set<ClientStatus> statuses, @Nullable String tag, @Nullable StaffId careTeam,
                          @Nullable Instant touchedAfter, @Nullable Instant touchedBefore, @Nullable String cursor, int limit) {
    public ClientQuery {
        statuses = Set.copyOf(statuses);
    }

    public static ClientQuery firstPage(int limit) {
        return new ClientQuery(Set.of(), null, null, null, null, null, limit);
    }
}
