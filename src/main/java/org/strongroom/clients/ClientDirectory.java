package org.strongroom.clients;

import java.util.List;

import org.strongroom.access.Actor;

/**
 * The master index: the list of clients with filters and paging, and the one search box. Only
 * clients the asker may read are ever listed, found or counted. Implemented in the search work of
 * issue 7 (see {@code clients.internal}).
 */
public interface ClientDirectory {

    /** One page of the clients the asker may read, filtered; recorded as {@code clients.listed}. */
    ClientPage list(Actor actor, ClientQuery query);

    /**
     * Finds clients by name (any part, any order, any spelling — Cyrillic or Latin, accents),
     * email, phone (any formatting), reference number or date of birth; exact results (candidates
     * from the blind indexes are decrypted and filtered), best matches first, at most
     * {@code limit} (1–50). Recorded as {@code clients.searched} (the query itself is not).
     *
     * @return an empty list for a blank query or one too short to search (fewer than 2 letters)
     */
    List<ClientSummary> search(Actor actor, String text, int limit);
}
