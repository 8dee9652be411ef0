package org.strongroom.clients;

import java.util.Set;

/**
 * A record that may be the same person, and why: the blind-index families that matched
 * ({@code email}, {@code phone}, {@code national_id}, {@code name_birth_date}, {@code similar_name}).
 * Only records the asker may read are ever offered.
 */
public record DuplicateCandidate(ClientSummary client, Set<String> reasons) {
    public DuplicateCandidate {
        reasons = Set.copyOf(reasons);
    }
}
