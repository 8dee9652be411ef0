package org.strongroom.clients;

import java.util.Map;

/**
 * A client to create: a status and raw values by field key (validated and normalised on create).
 *
 * @param acknowledgeDuplicates create even when records that may be the same person exist (the
 *                              user saw them and chose to go on)
 */
public record NewClient(ClientStatus status, Map<String, String> values, boolean acknowledgeDuplicates) {
    public NewClient {
        values = Map.copyOf(values);
    }
}
