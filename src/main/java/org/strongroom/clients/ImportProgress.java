package org.strongroom.clients;

import java.util.UUID;

/**
 * How far a running import is: {@code phase} CHECKING (validating every row and looking for
 * duplicates), IMPORTING (creating clients), then the final state of the report.
 */
public record ImportProgress(UUID id, String phase, long done, long total) {

    public boolean finished() {
        return !phase.equals("CHECKING") && !phase.equals("IMPORTING");
    }
}
