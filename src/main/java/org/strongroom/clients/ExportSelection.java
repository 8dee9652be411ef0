package org.strongroom.clients;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** Which clients an export takes: named ones, or those matching filters among the clients the asker may read. */
public sealed interface ExportSelection {

    /** Clients named by id (e.g. from the API). */
    record Ids(List<UUID> ids) implements ExportSelection {
        public Ids {
            ids = List.copyOf(ids);
        }
    }

    /** Clients named by reference number, as typed or pasted. */
    record References(List<String> references) implements ExportSelection {
        public References {
            references = List.copyOf(references);
        }
    }

    /**
     * Every client the asker may read that matches all the filters given (merged records never).
     *
     * @param statuses      the statuses to take; empty for all
     * @param tag           only clients with this tag (compared as tags are: case-insensitively)
     * @param touchedAfter  only clients last touched at or after this instant
     * @param touchedBefore only clients last touched before this instant
     */
    record Matching(Set<ClientStatus> statuses, @Nullable String tag, @Nullable Instant touchedAfter,
                    @Nullable Instant touchedBefore) implements ExportSelection {
        public Matching {
            statuses = Set.copyOf(statuses);
        }
    }
}
