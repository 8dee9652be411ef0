package org.strongroom.clients;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to import a staged file.
 *
 * @param mapping        column index → catalogue field key; unmapped columns are ignored. Several
 *                       columns may go to one field: text, address and tags fields join them,
 *                       other fields take the first non-blank one (in column order)
 * @param mode           all-or-nothing or skip bad rows
 * @param skipDuplicates leave out rows that look like an existing client or an earlier row of the file
 * @param status         the status of the created clients
 */
public record ImportOptions(Map<Integer, String> mapping, ImportMode mode, boolean skipDuplicates, ClientStatus status) {
    public ImportOptions {
        mapping = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(mapping));
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(status, "status");
    }
}
