package org.strongroom.clients.internal.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.strongroom.clients.ExportFileFormat;

/**
 * Writes exported clients to a stream as they come, one client at a time: CSV (header
 * {@code reference,status,<field keys>}) or one JSON document
 * {@code {"exportedAt":…,"fields":[…],"clients":[{"reference":…,"status":…,"values":{…}}]}}. Holds
 * nothing but the current line; the values it is given are already as the asker may see them.
 */
public final class ClientFileWriter {

    private final Writer out;
    private final ExportFileFormat format;
    private final List<String> fields;
    private boolean first = true;

    public ClientFileWriter(OutputStream stream, ExportFileFormat format, List<String> fields) {
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 16 * 1024);
        this.format = format;
        this.fields = List.copyOf(fields);
    }

    public void begin(Instant exportedAt) throws IOException {
        if (format == ExportFileFormat.CSV) {
            out.write('\uFEFF');
            StringBuilder header = new StringBuilder("reference,status");
            for (String field : fields) {
                header.append(',').append(ExportCells.csv(field));
            }
            out.write(header.append("\r\n").toString());
        } else {
            StringBuilder head = new StringBuilder("{\"exportedAt\":").append(ExportCells.json(exportedAt.toString()))
                    .append(",\"fields\":[");
            for (int i = 0; i < fields.size(); i++) {
                head.append(i == 0 ? "" : ",").append(ExportCells.json(fields.get(i)));
            }
            out.write(head.append("],\"clients\":[").toString());
        }
    }

    public void client(String reference, String status, Map<String, @Nullable String> values) throws IOException {
        StringBuilder line = new StringBuilder(256);
        if (format == ExportFileFormat.CSV) {
            line.append(ExportCells.csv(reference)).append(',').append(ExportCells.csv(status));
            for (String field : fields) {
                line.append(',').append(ExportCells.csv(values.get(field)));
            }
            line.append("\r\n");
        } else {
            line.append(first ? "\n" : ",\n").append("{\"reference\":").append(ExportCells.json(reference))
                    .append(",\"status\":").append(ExportCells.json(status)).append(",\"values\":{");
            for (int i = 0; i < fields.size(); i++) {
                line.append(i == 0 ? "" : ",").append(ExportCells.json(fields.get(i))).append(':')
                        .append(ExportCells.json(values.get(fields.get(i))));
            }
            line.append("}}");
        }
        first = false;
        out.write(line.toString());
    }

    public void end() throws IOException {
        if (format == ExportFileFormat.JSON) {
            out.write("\n]}\n");
        }
        out.flush();
    }
}
