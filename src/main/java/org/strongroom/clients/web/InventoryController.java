package org.strongroom.clients.web;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.strongroom.access.AccessPolicy;
import org.strongroom.access.Actor;
import org.strongroom.access.Permission;
import org.strongroom.clients.DataInventory;
import org.strongroom.clients.FieldDefinition;
import org.strongroom.clients.InventoryField;
import org.strongroom.clients.InventoryReport;
import org.strongroom.clients.internal.export.InventoryFiles;
import org.strongroom.identity.StaffPrincipal;

/**
 * The data inventory page ({@code /compliance/data-inventory}) and its exports
 * ({@code /compliance/data-inventory/export?format=csv|json}). {@link DataInventory} asks the
 * policy and records each view and export. The fill-rate chart is drawn here as SVG (no script, no
 * inline style) and hidden from assistive technology: the table holds the same numbers.
 */
@Controller
class InventoryController {

    static final String PATH = "/compliance/data-inventory";

    /** Chart geometry, in SVG user units. */
    static final int LABEL_WIDTH = 190;
    static final int BAR_WIDTH = 320;
    static final int ROW = 24;

    private final DataInventory inventory;
    private final AccessPolicy policy;
    private final MessageSource messages;
    private final Clock clock;
    private final ZoneId zone;

    InventoryController(DataInventory inventory, AccessPolicy policy, MessageSource messages, Clock clock,
                        @Value("${strongroom.organisation.time-zone:}") String zone) {
        this.inventory = inventory;
        this.policy = policy;
        this.messages = messages;
        this.clock = clock;
        this.zone = zone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zone);
    }

    /** One bar of the chart: where it is drawn and what it says. */
    record Bar(String label, int y, int width, int percent, boolean candidate) {
    }

    @GetMapping(PATH)
    String report(@AuthenticationPrincipal StaffPrincipal me, Model model, Locale locale) {
        Actor actor = Actor.of(me);
        InventoryReport report = inventory.report(actor);
        List<Bar> bars = new ArrayList<>();
        int y = 0;
        for (InventoryField f : report.fields()) {
            if (!f.field().enabled()) {
                continue;
            }
            int width = (int) Math.round(f.fillRate() * BAR_WIDTH);
            bars.add(new Bar(label(f.field(), locale), y, f.filled() > 0 ? Math.max(width, 2) : 0, f.percent(), f.candidate()));
            y += ROW;
        }
        model.addAttribute("report", report);
        model.addAttribute("bars", bars);
        model.addAttribute("chartHeight", Math.max(y, ROW) + 20);
        model.addAttribute("labelWidth", LABEL_WIDTH);
        model.addAttribute("barWidth", BAR_WIDTH);
        model.addAttribute("chartWidth", LABEL_WIDTH + BAR_WIDTH + 60);
        model.addAttribute("mayEditCatalogue", policy.decide(actor, Permission.SETTINGS_MANAGE).allowed());
        model.addAttribute("zone", zone);
        return "clients/inventory/report";
    }

    @GetMapping(PATH + "/export")
    void export(@RequestParam(defaultValue = "") String format, @AuthenticationPrincipal StaffPrincipal me,
                HttpServletResponse response, Locale locale) throws IOException {
        if (!"csv".equals(format) && !"json".equals(format)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        // Recorded before the first byte; throws (403) before any header when the person may not read it.
        InventoryReport report = inventory.export(Actor.of(me), format);
        String name = "strongroom-data-inventory-" + LocalDate.now(clock.withZone(zone)) + "." + format;
        response.setContentType("csv".equals(format) ? "text/csv; charset=UTF-8" : "application/json; charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        if ("csv".equals(format)) {
            InventoryFiles.csv(report, f -> label(f, locale), response.getOutputStream());
        } else {
            InventoryFiles.json(report, f -> label(f, locale), response.getOutputStream());
        }
    }

    private String label(FieldDefinition field, Locale locale) {
        if (field.builtIn() || field.label() == null) {
            return messages.getMessage(field.labelKey(), null, field.key(), locale);
        }
        return field.label();
    }
}
