package org.strongroom.clients.web;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.strongroom.access.AccessPolicy;
import org.strongroom.access.Actor;
import org.strongroom.access.Permission;
import org.strongroom.clients.ClientExports;
import org.strongroom.clients.ClientStatus;
import org.strongroom.clients.ExportFileFormat;
import org.strongroom.clients.ExportOutcome;
import org.strongroom.clients.ExportRequest;
import org.strongroom.clients.ExportSelection;
import org.strongroom.clients.FieldDefinition;
import org.strongroom.identity.StaffPrincipal;
import org.strongroom.identity.StepUp;

/**
 * The export of selected clients ({@code /clients/export}): the person picks clients (a list of
 * reference numbers, or filters) and fields, and downloads CSV or JSON. Taking records away in
 * bulk is sensitive: the download needs a second factor younger than the step-up window, as the
 * audit trail's exports do; otherwise the code page comes first and returns to the same
 * selection. {@link ClientExports} checks {@code client.export} on every client and records each
 * before the first byte; the file is streamed with {@code Content-Disposition: attachment} and
 * {@code Cache-Control: no-store}, never written to disk.
 */
@Controller
class ClientExportController {

    static final String PATH = "/clients/export";
    /** Longer selections are not carried through the step-up page's address (the person picks again). */
    static final int MAX_CONTINUE = 3000;

    private final ClientExports exports;
    private final AccessPolicy policy;
    private final StepUp stepUp;
    private final Clock clock;
    private final ZoneId zone;

    ClientExportController(ClientExports exports, AccessPolicy policy, StepUp stepUp, Clock clock,
                           @Value("${strongroom.organisation.time-zone:}") String zone) {
        this.exports = exports;
        this.policy = policy;
        this.stepUp = stepUp;
        this.clock = clock;
        this.zone = zone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zone);
    }

    @GetMapping(PATH)
    String page(@RequestParam MultiValueMap<String, String> query, @AuthenticationPrincipal StaffPrincipal me,
                HttpServletRequest request, Model model) {
        Actor actor = requireExporter(me);
        Form form = query.isEmpty() ? Form.blank(exports.exportableFields(actor)) : Form.read(query);
        return show(actor, form, Map.of(), List.of(), request, model);
    }

    @PostMapping(PATH)
    @Nullable String download(@RequestParam MultiValueMap<String, String> body, @AuthenticationPrincipal StaffPrincipal me,
                              HttpServletRequest request, HttpServletResponse response, Model model) throws IOException {
        Actor actor = requireExporter(me);
        Form form = Form.read(body);
        if (!stepUp.isFresh(request.getSession(false))) {
            String back = form.query();
            return "redirect:" + StepUp.challengePath(back.length() > MAX_CONTINUE ? PATH : PATH + "?" + back);
        }
        Map<String, String> problems = new LinkedHashMap<>();
        ExportRequest wanted = form.request(zone, problems);
        if (wanted == null) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return show(actor, form, problems, List.of(), request, model);
        }
        String name = "strongroom-clients-" + LocalDate.now(clock.withZone(zone)) + "." + wanted.format().extension();
        ExportOutcome outcome = exports.export(actor, wanted, (format, clients) -> {
            response.setContentType(format.mediaType());
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString());
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            response.setHeader("X-Content-Type-Options", "nosniff");
            return response.getOutputStream();
        });
        if (outcome instanceof ExportOutcome.Done) {
            return null;
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        if (outcome instanceof ExportOutcome.Rejected rejected) {
            return show(actor, form, rejected.problems(), List.of(), request, model);
        }
        List<String> missing = ((ExportOutcome.NotFound) outcome).references();
        return show(actor, form, Map.of("references", "clientinventory.export.notFound"), missing, request, model);
    }

    private Actor requireExporter(StaffPrincipal me) {
        Actor actor = Actor.of(me);
        if (!exports.mayExport(actor)) {
            // Records the refusal and answers 403.
            policy.require(actor, Permission.CLIENT_EXPORT);
            policy.require(actor, Permission.CLIENT_READ);
        }
        return actor;
    }

    private String show(Actor actor, Form form, Map<String, String> problems, List<String> missing, HttpServletRequest request,
                        Model model) {
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("missing", missing.size() > 50 ? missing.subList(0, 50) : missing);
        model.addAttribute("missingMore", Math.max(0, missing.size() - 50));
        model.addAttribute("fields", exports.exportableFields(actor));
        model.addAttribute("statuses", List.of(ClientStatus.PROSPECT, ClientStatus.ACTIVE, ClientStatus.INACTIVE, ClientStatus.CLOSED));
        model.addAttribute("fresh", stepUp.isFresh(request.getSession(false)));
        model.addAttribute("max", ClientExports.MAX_CLIENTS);
        model.addAttribute("stepUpHref", StepUp.challengePath(form.query().length() > MAX_CONTINUE ? PATH : PATH + "?" + form.query()));
        return "clients/export/form";
    }

    /** The export form as typed. */
    record Form(String mode, String references, Set<String> statuses, String tag, String from, String until, List<String> fields,
                String format) {

        static Form blank(List<FieldDefinition> fields) {
            return new Form("references", "", Set.of(), "", "", "", fields.stream().map(FieldDefinition::key).toList(), "csv");
        }

        static Form read(MultiValueMap<String, String> body) {
            String mode = "filters".equals(body.getFirst("mode")) ? "filters" : "references";
            List<String> statuses = Optional.ofNullable(body.get("status")).orElse(List.of());
            List<String> fields = Optional.ofNullable(body.get("field")).orElse(List.of());
            return new Form(mode, one(body, "references"), Set.copyOf(statuses), one(body, "tag"), one(body, "from"),
                    one(body, "until"), List.copyOf(new java.util.LinkedHashSet<>(fields)), one(body, "format"));
        }

        public boolean status(ClientStatus status) {
            return statuses.contains(status.name());
        }

        public boolean field(String key) {
            return fields.contains(key);
        }

        /** The request, or {@code null} with problems when the form cannot be read. */
        @Nullable ExportRequest request(ZoneId zone, Map<String, String> problems) {
            Optional<ExportFileFormat> chosen = ExportFileFormat.fromCode(format);
            if (chosen.isEmpty()) {
                problems.put("format", "clientinventory.export.format");
            }
            ExportSelection selection = null;
            if ("references".equals(mode)) {
                List<String> refs = new ArrayList<>();
                for (String part : references.split("[\\s,;]+")) {
                    if (!part.isBlank()) {
                        refs.add(part.strip());
                    }
                }
                selection = new ExportSelection.References(refs);
            } else {
                Set<ClientStatus> wanted = EnumSet.noneOf(ClientStatus.class);
                for (String s : statuses) {
                    try {
                        ClientStatus status = ClientStatus.valueOf(s);
                        if (status != ClientStatus.MERGED) {
                            wanted.add(status);
                        }
                    } catch (IllegalArgumentException e) {
                        problems.put("status", "clientinventory.export.statusInvalid");
                    }
                }
                Instant after = day(from, zone, false, "from", problems);
                Instant before = day(until, zone, true, "until", problems);
                selection = new ExportSelection.Matching(wanted, tag.isBlank() ? null : tag, after, before);
            }
            if (!problems.isEmpty()) {
                return null;
            }
            return new ExportRequest(selection, fields, chosen.orElseThrow());
        }

        private static @Nullable Instant day(String text, ZoneId zone, boolean endOfDay, String name, Map<String, String> problems) {
            if (text.isBlank()) {
                return null;
            }
            try {
                LocalDate day = LocalDate.parse(text.strip());
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
            } catch (DateTimeParseException e) {
                problems.put(name, "clientinventory.export.date");
                return null;
            }
        }

        /** The selection as a query string (form-encoded), to come back to after the step-up. */
        String query() {
            MultiValueMap<String, String> params = new LinkedMultiValueMap<>();
            params.add("mode", mode);
            if ("references".equals(mode)) {
                params.add("references", references);
            } else {
                statuses.stream().sorted().forEach(s -> params.add("status", s));
                params.add("tag", tag);
                params.add("from", from);
                params.add("until", until);
            }
            fields.forEach(f -> params.add("field", f));
            params.add("format", format);
            StringBuilder out = new StringBuilder();
            params.forEach((k, values) -> values.forEach(v -> {
                if (v.isEmpty()) {
                    return;
                }
                out.append(out.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
            }));
            return out.toString();
        }

        private static String one(MultiValueMap<String, String> body, String name) {
            return Optional.ofNullable(body.getFirst(name)).orElse("");
        }
    }
}
