package org.strongroom.audit.web;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriUtils;
import org.strongroom.audit.AuditEvent;
import org.strongroom.audit.AuditExports;
import org.strongroom.audit.ExportFormat;
import org.strongroom.identity.StepUp;
import org.strongroom.identity.StaffId;

/**
 * The trail's pages for owners and administrators: the search ({@code /audit}), a person's
 * activity ({@code /audit/staff/{id}}), a client's access history ({@code /audit/clients/{id}},
 * also a fragment other pages embed) and the exports. Bad filters are answered with 400 and the
 * form again, each problem at its field. Every search and export is recorded ({@link TrailDesk}).
 */
@Controller
class TrailController {

    private static final Logger log = LoggerFactory.getLogger(TrailController.class);

    private final AuditReaders readers;
    private final TrailDesk desk;
    private final StepUp stepUp;
    private final TrailRows present;
    private final AuditExports exports;
    private final Clock clock;

    TrailController(AuditReaders readers, TrailDesk desk, TrailRows present, AuditExports exports, Clock clock,
                    StepUp stepUp) {
        this.stepUp = stepUp;
        this.readers = readers;
        this.desk = desk;
        this.present = present;
        this.exports = exports;
        this.clock = clock;
    }

    @GetMapping("/audit")
    String search(@ModelAttribute("form") SearchForm form, Authentication who, HttpServletResponse response,
                  Model model, Locale locale) {
        readers.require(who);
        show(form, "/audit", who, response, model, locale);
        model.addAttribute("staff", present.staffOptions());
        return "audit/search";
    }

    /** "What did this person look at": the search, for one staff member's actions. */
    @GetMapping("/audit/staff/{id}")
    String person(@PathVariable String id, @ModelAttribute("form") SearchForm form, Authentication who,
                  HttpServletResponse response, Model model, Locale locale) {
        readers.require(who);
        StaffId staff = staffId(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        String name = present.staffName(staff).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        SearchForm fixed = form.withActor(staff.toString());
        model.addAttribute("form", fixed);
        model.addAttribute("personName", name);
        model.addAttribute("personId", staff.toString());
        show(fixed, "/audit/staff/" + staff, who, response, model, locale);
        return "audit/staff";
    }

    /**
     * A client's access history: who opened the record, when and why. Answers only the fragment
     * to htmx requests, so the client's workspace can show it in a tab.
     */
    @GetMapping("/audit/clients/{clientId}")
    String client(@PathVariable String clientId, @ModelAttribute("form") SearchForm form, Authentication who,
                  HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        readers.require(who);
        if (clientId.isBlank() || clientId.length() > AuditEvent.MAX_VALUE_LENGTH) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        // Only the period and the outcome filter a client's history.
        SearchForm fixed = new SearchForm("", "", clientId, "", form.from(), form.until(), form.outcome(), form.before());
        String path = "/audit/clients/" + UriUtils.encodePathSegment(clientId, StandardCharsets.UTF_8);
        model.addAttribute("form", fixed);
        show(fixed, path, who, response, model, locale);
        model.addAttribute("history", new ClientHistory(clientId, path, fixed, model));
        return "true".equals(request.getHeader("HX-Request")) ? "audit/fragments :: clientHistory" : "audit/client";
    }

    @GetMapping("/audit/export")
    @Nullable String export(@RequestParam(defaultValue = "") String format, @ModelAttribute("form") SearchForm form,
                            Authentication who, HttpServletRequest request, HttpServletResponse response, Model model)
            throws IOException {
        readers.requireExport(who);
        SearchForm filters = form.withoutPaging();
        if (!stepUp.isFresh(request.getSession(false))) {
            // Taking the trail away in bulk is sensitive: a fresh second factor first, then back to
            // the same selection (not straight into a download, which would leave the person on the
            // code page).
            return "redirect:" + StepUp.challengePath(withQuery("/audit", filters.parameters()));
        }
        SearchForm.Checked checked = filters.check(present.zone());
        ExportFormat chosen = format(format);
        Map<String, String> problems = new LinkedHashMap<>(checked.problems());
        if (chosen == null) {
            problems.put("format", "audit.error.format");
        } else if (chosen == ExportFormat.SIGNED_BUNDLE && !filters.equals(filters.periodOnly())) {
            // A signed bundle proves a whole stretch of the chain: every entry of a period, nothing left out.
            problems.put("format", "audit.error.bundleFilters");
        }
        if (!problems.isEmpty()) {
            return refuseExport(filters, problems, response, model);
        }
        // No entry, no file: this throws before any byte when the export cannot be recorded.
        desk.recordExport(who, checked, chosen);
        String name = "strongroom-audit-" + LocalDate.now(clock.withZone(present.zone())) + "." + exports.extension(chosen);
        response.setContentType(exports.mediaType(chosen));
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        try {
            exports.write(TrailDesk.query(checked), chosen, response.getOutputStream());
        } catch (IOException e) {
            // Usually the browser went away; the file is then incomplete (a bundle without its end is invalid).
            log.info("An audit export stopped before its end: {}", e.getClass().getSimpleName());
        } catch (IllegalStateException e) {
            // A bundle over a broken stretch of the chain is not signed. Say so if nothing was sent yet.
            if (response.isCommitted()) {
                throw e;
            }
            response.reset();
            return refuseExport(filters, Map.of("format", "audit.error.bundleBroken"), response, model);
        }
        return null;
    }

    private String refuseExport(SearchForm filters, Map<String, String> problems, HttpServletResponse response,
                                Model model) {
        refuse(filters, problems, "/audit", response, model);
        if (problems.containsKey("format") && "audit.error.bundleBroken".equals(problems.get("format"))) {
            response.setStatus(HttpStatus.CONFLICT.value());
        }
        model.addAttribute("staff", present.staffOptions());
        return "audit/search";
    }

    private void show(SearchForm form, String path, Authentication who, HttpServletResponse response, Model model,
                      Locale locale) {
        SearchForm.Checked checked = form.check(present.zone());
        if (!checked.valid()) {
            refuse(form, checked.problems(), path, response, model);
            return;
        }
        TrailDesk.Page page = desk.search(who, checked);
        common(form, checked.problems(), path, model);
        model.addAttribute("rows", present.rows(page.entries(), locale));
        model.addAttribute("olderHref", page.older() == null ? null : link(path, form, page.older()));
        model.addAttribute("newestHref", form.before().isEmpty() ? null : link(path, form.withoutPaging(), null));
    }

    private void refuse(SearchForm form, Map<String, String> problems, String path, HttpServletResponse response,
                        Model model) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        common(form, problems, path, model);
        model.addAttribute("rows", null);
    }

    private void common(SearchForm form, Map<String, String> problems, String path, Model model) {
        model.addAttribute("problems", problems);
        model.addAttribute("actions", TrailRows.KNOWN_ACTIONS);
        model.addAttribute("zone", present.zone().getId());
        model.addAttribute("formAction", path);
        SearchForm filters = form.withoutPaging();
        model.addAttribute("exportHrefs", Map.of("csv", exportLink(filters, "csv"), "jsonl", exportLink(filters, "jsonl"),
                "bundle", exportLink(filters.periodOnly(), "bundle")));
    }

    private static String link(String path, SearchForm form, @Nullable Long before) {
        MultiValueMap<String, String> params = form.withoutPaging().parameters();
        if (before != null) {
            params.add("before", before.toString());
        }
        return withQuery(path, params);
    }

    private static String exportLink(SearchForm filters, String format) {
        MultiValueMap<String, String> params = new LinkedMultiValueMap<>();
        params.add("format", format);
        params.addAll(filters.parameters());
        return withQuery("/audit/export", params);
    }

    /** Form-encoded query (so '+' and '&' in an id survive the round trip). */
    private static String withQuery(String path, MultiValueMap<String, String> params) {
        StringBuilder uri = new StringBuilder(path);
        char separator = '?';
        for (var param : params.entrySet()) {
            for (String value : param.getValue()) {
                uri.append(separator).append(URLEncoder.encode(param.getKey(), StandardCharsets.UTF_8))
                        .append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
                separator = '&';
            }
        }
        return uri.toString();
    }

    private static @Nullable ExportFormat format(String code) {
        return switch (code) {
            case "csv" -> ExportFormat.CSV;
            case "jsonl" -> ExportFormat.JSON_LINES;
            case "bundle" -> ExportFormat.SIGNED_BUNDLE;
            default -> null;
        };
    }

    private static Optional<StaffId> staffId(String text) {
        try {
            return Optional.of(StaffId.parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** What the client history fragment needs, in one object so other pages can pass it along. */
    record ClientHistory(String clientId, String path, SearchForm form, Map<String, String> problems,
                         @Nullable List<EntryRow> rows, @Nullable String olderHref, @Nullable String newestHref,
                         Map<String, String> exportHrefs, String zone) {

        @SuppressWarnings("unchecked")
        ClientHistory(String clientId, String path, SearchForm form, Model model) {
            this(clientId, path, form, (Map<String, String>) model.getAttribute("problems"),
                    (List<EntryRow>) model.getAttribute("rows"), (String) model.getAttribute("olderHref"),
                    (String) model.getAttribute("newestHref"), (Map<String, String>) model.getAttribute("exportHrefs"),
                    (String) model.getAttribute("zone"));
        }
    }
}
