package org.strongroom.clients;

import java.util.List;
import java.util.Objects;

/**
 * An export of clients: which clients, which catalogue fields (in this order, after the reference
 * number and status every export has), and the format.
 */
public record ExportRequest(ExportSelection selection, List<String> fields, ExportFileFormat format) {
    public ExportRequest {
        Objects.requireNonNull(selection, "selection");
        Objects.requireNonNull(format, "format");
        fields = List.copyOf(fields);
    }
}
