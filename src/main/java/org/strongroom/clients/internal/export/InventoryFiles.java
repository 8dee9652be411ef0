package org.strongroom.clients.internal.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.strongroom.clients.FieldDefinition;
import org.strongroom.clients.InventoryField;
import org.strongroom.clients.InventoryReport;
import org.strongroom.clients.InventoryRole;
import org.strongroom.clients.InventorySuggestion;

/**
 * The data inventory as a file: CSV (one line per field, one {@code sees:<role>} column per role)
 * or JSON. Machine codes for everything but the field's label, which the caller resolves for the
 * reader's language. Every cell goes through {@link ExportCells}: a purpose or label an owner typed
 * cannot become a spreadsheet formula.
 */
public final class InventoryFiles {

    private InventoryFiles() {
    }

    public static void csv(InventoryReport report, Function<FieldDefinition, String> label, OutputStream stream) throws IOException {
        Writer out = writer(stream);
        out.write('\uFEFF');
        List<String> header = new ArrayList<>(List.of("key", "label", "type", "category", "sensitivity", "purpose", "required",
                "search", "retention", "enabled", "clients_with_value", "clients", "fill_rate_percent", "reveals_last_"
                        + report.revealWindow().toDays() + "_days", "minimisation"));
        for (InventoryRole role : report.roles()) {
            header.add("sees:" + role.key());
        }
        line(out, header);
        for (InventoryField f : report.fields()) {
            FieldDefinition d = f.field();
            List<String> cells = new ArrayList<>(List.of(d.key(), label.apply(d), code(d.type()), code(d.category()),
                    code(d.sensitivity()), d.purpose() == null ? "" : d.purpose(), Boolean.toString(d.required()),
                    code(d.searchMode()), d.retention() == null ? "" : d.retention().toString(), Boolean.toString(d.enabled()),
                    Long.toString(f.filled()), Long.toString(report.clients()), Integer.toString(f.percent()),
                    Long.toString(f.reveals()), String.join(" ", f.suggestions().stream().map(InventoryFiles::code).toList())));
            for (InventoryRole role : report.roles()) {
                cells.add(code(f.visibility().get(role.key())));
            }
            line(out, cells);
        }
        out.flush();
    }

    public static void json(InventoryReport report, Function<FieldDefinition, String> label, OutputStream stream) throws IOException {
        Writer out = writer(stream);
        StringBuilder json = new StringBuilder(8192);
        json.append("{\"generatedAt\":").append(ExportCells.json(report.generatedAt().toString()))
                .append(",\"clients\":").append(report.clients())
                .append(",\"revealWindowDays\":").append(report.revealWindow().toDays())
                .append(",\"customRolesShown\":").append(report.customRolesShown())
                .append(",\"roles\":[");
        for (int i = 0; i < report.roles().size(); i++) {
            InventoryRole role = report.roles().get(i);
            json.append(i == 0 ? "\n" : ",\n").append("{\"key\":").append(ExportCells.json(role.key()))
                    .append(",\"label\":").append(ExportCells.json(role.label()))
                    .append(",\"builtIn\":").append(role.builtIn())
                    .append(",\"reach\":").append(ExportCells.json(code(role.reach())))
                    .append(",\"readsClients\":").append(role.readsClients()).append('}');
        }
        json.append("],\"fields\":[");
        for (int i = 0; i < report.fields().size(); i++) {
            InventoryField f = report.fields().get(i);
            FieldDefinition d = f.field();
            json.append(i == 0 ? "\n" : ",\n").append("{\"key\":").append(ExportCells.json(d.key()))
                    .append(",\"label\":").append(ExportCells.json(label.apply(d)))
                    .append(",\"type\":").append(ExportCells.json(code(d.type())))
                    .append(",\"category\":").append(ExportCells.json(code(d.category())))
                    .append(",\"sensitivity\":").append(ExportCells.json(code(d.sensitivity())))
                    .append(",\"purpose\":").append(ExportCells.json(d.purpose()))
                    .append(",\"required\":").append(d.required())
                    .append(",\"search\":").append(ExportCells.json(code(d.searchMode())))
                    .append(",\"retention\":").append(ExportCells.json(d.retention() == null ? null : d.retention().toString()))
                    .append(",\"enabled\":").append(d.enabled())
                    .append(",\"clientsWithValue\":").append(f.filled())
                    .append(",\"fillRate\":").append(String.format(Locale.ROOT, "%.4f", f.fillRate()))
                    .append(",\"reveals\":").append(f.reveals())
                    .append(",\"minimisation\":[");
            for (int s = 0; s < f.suggestions().size(); s++) {
                json.append(s == 0 ? "" : ",").append(ExportCells.json(code(f.suggestions().get(s))));
            }
            json.append("],\"visibility\":{");
            for (int r = 0; r < report.roles().size(); r++) {
                String key = report.roles().get(r).key();
                json.append(r == 0 ? "" : ",").append(ExportCells.json(key)).append(':').append(ExportCells.json(code(f.visibility().get(key))));
            }
            json.append("}}");
        }
        json.append("\n]}\n");
        out.write(json.toString());
        out.flush();
    }

    private static Writer writer(OutputStream stream) {
        return new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
    }

    private static void line(Writer out, List<String> cells) throws IOException {
        StringBuilder line = new StringBuilder(256);
        for (int i = 0; i < cells.size(); i++) {
            line.append(i == 0 ? "" : ",").append(ExportCells.csv(cells.get(i)));
        }
        out.write(line.append("\r\n").toString());
    }

    private static String code(@Nullable Enum<?> value) {
        return value == null ? "" : value.name().toLowerCase(Locale.ROOT);
    }

    static String code(InventorySuggestion suggestion) {
        return suggestion.name().toLowerCase(Locale.ROOT);
    }
}
