package org.strongroom.clients.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.strongroom.access.AccessPolicy;
import org.strongroom.access.Actor;
import org.strongroom.access.Permission;
import org.strongroom.access.Reach;
import org.strongroom.access.RoleDefinition;
import org.strongroom.clients.ClientDirectory;
import org.strongroom.clients.ClientPage;
import org.strongroom.clients.ClientProfile;
import org.strongroom.clients.ClientQuery;
import org.strongroom.clients.ClientResult;
import org.strongroom.clients.ClientStatus;
import org.strongroom.clients.ClientSummary;
import org.strongroom.clients.Clients;
import org.strongroom.clients.DuplicateCandidate;
import org.strongroom.clients.FieldCatalogue;
import org.strongroom.clients.FieldDefinition;
import org.strongroom.clients.NewClient;
import org.strongroom.identity.StaffAdministration;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffMember;
import org.strongroom.identity.StaffPrincipal;
import org.strongroom.identity.StaffStatus;

/**
 * The practitioner's everyday entry to clients: the master index ({@code /clients}: one search box
 * answered live from {@code /clients/search}, and the list with filters and cursor paging) and the
 * form that creates a client ({@code /clients/new}), generated from the enabled catalogue fields.
 * Every read and write goes through {@link ClientDirectory} and {@link Clients}, which ask the
 * access policy and write the audit trail; this controller only shapes input and output. Bad
 * input answers 422 with the messages at the fields and nothing saved; possible duplicates answer
 * 409 with the candidates and a way to go on.
 */
@Controller
@RequestMapping("/clients")
class ClientPagesController {

    static final int PAGE_SIZE = 25;
    static final int SEARCH_LIMIT = 10;
    static final int FULL_SEARCH_LIMIT = 50;
    /** The most earlier pages remembered for "Previous" (the trail rides in the links). */
    static final int TRAIL_LIMIT = 30;
    static final int MAX_CURSOR = 512;
    static final int MAX_QUERY = 200;
    static final List<String> TOUCHED = List.of("7", "30", "90", "365", "older");
    /** The statuses a new client may start in. */
    static final List<ClientStatus> NEW_STATUSES = List.of(ClientStatus.PROSPECT, ClientStatus.ACTIVE, ClientStatus.INACTIVE);

    /** A care-team filter choice. */
    record Person(String value, String name) {
        @Override
        public String toString() {
            return "Person[" + value + "]";
        }
    }

    /** The list's filters as the form shows them. */
    record Filters(String status, String tag, String team, String touched) {
    }

    private final ClientDirectory directory;
    private final Clients clients;
    private final FieldCatalogue catalogue;
    private final AccessPolicy policy;
    private final StaffAdministration staff;
    private final MessageSource messages;
    private final Clock clock;

    ClientPagesController(ClientDirectory directory, Clients clients, FieldCatalogue catalogue, AccessPolicy policy,
                          StaffAdministration staff, MessageSource messages, Clock clock) {
        this.directory = directory;
        this.clients = clients;
        this.catalogue = catalogue;
        this.policy = policy;
        this.staff = staff;
        this.messages = messages;
        this.clock = clock;
    }

    /** The master index: the search box, and the list (or, without script, the results of a search). */
    @GetMapping
    String index(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "") String status,
                 @RequestParam(defaultValue = "") String tag, @RequestParam(defaultValue = "") String team,
                 @RequestParam(defaultValue = "") String touched, @RequestParam(defaultValue = "") String cursor,
                 HttpServletRequest request, @AuthenticationPrincipal StaffPrincipal me, Model model, Locale locale) {
        Actor actor = Actor.of(me);
        RoleDefinition role = reader(actor);
        String query = q.strip();
        if (query.length() > MAX_QUERY) {
            query = query.substring(0, MAX_QUERY);
        }
        model.addAttribute("q", query);
        model.addAttribute("mayCreate", role.holds(Permission.CLIENT_CREATE));
        model.addAttribute("statuses", ClientStatus.CHOOSABLE);
        model.addAttribute("touchedChoices", TOUCHED);
        model.addAttribute("people", people(actor, role, locale));
        if (!query.isEmpty()) {
            List<ClientSummary> found = directory.search(actor, query, FULL_SEARCH_LIMIT);
            model.addAttribute("results", found);
            model.addAttribute("filters", new Filters("", "", "", ""));
            return "clients/index";
        }
        Filters filters = filters(status, tag, team, touched);
        model.addAttribute("filters", filters);
        String current = cursor.length() > MAX_CURSOR ? "" : cursor;
        // Read as sent: a converted List<String> would split a cursor at its commas.
        String[] trail = request.getParameterValues("trail");
        List<String> earlier = trail == null || current.isEmpty() ? List.of() : java.util.Arrays.stream(trail).limit(TRAIL_LIMIT).map(c -> c.length() > MAX_CURSOR ? "" : c).toList();
        ClientPage page;
        try {
            page = directory.list(actor, query(filters, current, actor));
        } catch (IllegalArgumentException e) {
            // A page link this server did not make for these filters (edited, or from before a
            // restart with new keys): the first page instead, with a word about it.
            model.addAttribute("staleLink", true);
            current = "";
            earlier = List.of();
            page = directory.list(actor, query(filters, current, actor));
        }
        model.addAttribute("page", page);
        model.addAttribute("firstPage", current.isEmpty());
        model.addAttribute("nextHref", page.nextCursor() == null ? null
                : pageHref(filters, page.nextCursor(), append(earlier, current)));
        model.addAttribute("previousHref", current.isEmpty() ? null
                : pageHref(filters, earlier.isEmpty() ? "" : earlier.get(earlier.size() - 1),
                earlier.isEmpty() ? List.of() : earlier.subList(0, earlier.size() - 1)));
        model.addAttribute("firstHref", pageHref(filters, "", List.of()));
        return "clients/index";
    }

    /**
     * The live results under the search box: an HTML fragment (a listbox of at most ten clients
     * and the sentence a screen reader announces). Blank or too short a query gives an empty list.
     */
    @GetMapping("/search")
    String search(@RequestParam(defaultValue = "") String q, @AuthenticationPrincipal StaffPrincipal me, Model model) {
        Actor actor = Actor.of(me);
        reader(actor);
        String query = q.strip();
        if (query.length() > MAX_QUERY) {
            query = query.substring(0, MAX_QUERY);
        }
        List<ClientSummary> found = query.isEmpty() ? List.of() : directory.search(actor, query, SEARCH_LIMIT);
        model.addAttribute("q", query);
        model.addAttribute("results", found);
        return "clients/fragments :: searchResults";
    }

    @GetMapping("/new")
    String newForm(@AuthenticationPrincipal StaffPrincipal me, Model model, Locale locale) {
        Actor actor = Actor.of(me);
        policy.require(actor, Permission.CLIENT_CREATE);
        return form(Map.of(), ClientStatus.ACTIVE.name(), Map.of(), List.of(), model, locale);
    }

    /**
     * Creates a client. A value out of place answers 422 with every message at its field and all
     * that was typed shown again; records that may be the same person answer 409 with the
     * candidates, and the form again with "This is a different person — create anyway".
     */
    @PostMapping("/new")
    String create(@RequestParam MultiValueMap<String, String> form, @AuthenticationPrincipal StaffPrincipal me, Model model,
                  HttpServletResponse response, RedirectAttributes redirect, Locale locale) {
        Actor actor = Actor.of(me);
        policy.require(actor, Permission.CLIENT_CREATE);
        List<FieldDefinition> fields = catalogue.enabled();
        Map<String, String> values = ClientForms.values(form, fields);
        String statusText = Optional.ofNullable(form.getFirst("status")).orElse("");
        ClientStatus status = NEW_STATUSES.stream().filter(s -> s.name().equals(statusText)).findFirst().orElse(null);
        boolean acknowledged = "true".equals(form.getFirst("acknowledgeDuplicates"));
        ClientResult<ClientProfile> result = clients.create(actor, new NewClient(status, values, acknowledged));
        if (result instanceof ClientResult.Done<ClientProfile> done) {
            ClientProfile created = done.value();
            if (policy.decide(actor, Permission.CLIENT_READ, created.id()).allowed()) {
                redirect.addFlashAttribute("done", "clientpages.created");
                return "redirect:/clients/" + created.id();
            }
            redirect.addFlashAttribute("createdReference", created.reference());
            return "redirect:/clients/new";
        }
        if (result instanceof ClientResult.PossibleDuplicates<ClientProfile> duplicates) {
            response.setStatus(HttpStatus.CONFLICT.value());
            return form(values, statusText, Map.of(), duplicates.candidates(), model, locale);
        }
        Map<String, String> problems = result instanceof ClientResult.Rejected<ClientProfile> rejected ? rejected.problems()
                : Map.of("form", "clientpages.notSaved");
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return form(values, statusText, problems, List.of(), model, locale);
    }

    private String form(Map<String, String> values, String status, Map<String, String> problems, List<DuplicateCandidate> duplicates,
                        Model model, Locale locale) {
        List<FieldDefinition> fields = catalogue.enabled();
        List<ClientForms.Input> inputs = new ArrayList<>();
        Map<String, String> labels = new LinkedHashMap<>();
        for (FieldDefinition field : fields) {
            String label = ClientForms.label(field, field.key(), messages, locale);
            labels.put(field.key(), label);
            inputs.add(ClientForms.input(field, label, values.getOrDefault(field.key(), ""), null, problems.get(field.key()), true));
        }
        labels.put("status", messages.getMessage("clients.field.status", null, locale));
        model.addAttribute("inputs", inputs);
        model.addAttribute("labels", labels);
        model.addAttribute("problems", problems);
        model.addAttribute("summary", ClientForms.ordered(problems, fields));
        model.addAttribute("status", status);
        model.addAttribute("statuses", NEW_STATUSES);
        model.addAttribute("duplicates", duplicates);
        return "clients/new";
    }

    /** The asker's role, if it may read clients at all (which ones is the directory's business); else 403. */
    private RoleDefinition reader(Actor actor) {
        return policy.role(actor.roleKey()).filter(r -> r.forStaff() && r.holds(Permission.CLIENT_READ))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.FORBIDDEN));
    }


    /**
     * Whom the care-team filter offers: oneself, and for a role that reaches every client also the
     * other active staff (someone who reaches clients only through their teams has no one else's
     * list to look at).
     */
    private List<Person> people(Actor actor, RoleDefinition role, Locale locale) {
        List<Person> out = new ArrayList<>();
        out.add(new Person("me", messages.getMessage("clientpages.filters.team.me", null, locale)));
        if (role.reach() == Reach.ORGANISATION) {
            String self = actor.id();
            staff.list().stream()
                    .filter(m -> m.status() == StaffStatus.ACTIVE && !m.id().toString().equals(self))
                    .sorted(Comparator.comparing(StaffMember::displayName, String.CASE_INSENSITIVE_ORDER))
                    .forEach(m -> out.add(new Person(m.id().toString(), m.displayName())));
        }
        return out;
    }

    private static Filters filters(String status, String tag, String team, String touched) {
        String s = ClientStatus.CHOOSABLE.stream().map(Enum::name).filter(status::equals).findFirst().orElse("");
        String t = tag.strip();
        if (t.length() > 40) {
            t = "";
        }
        String who = "me".equals(team) || ClientForms.clientId(team).isPresent() ? team : "";
        String when = TOUCHED.contains(touched) ? touched : "";
        return new Filters(s, t, who, when);
    }

    private ClientQuery query(Filters filters, String cursor, Actor actor) {
        Set<ClientStatus> statuses = filters.status().isEmpty() ? Set.of() : Set.of(ClientStatus.valueOf(filters.status()));
        StaffId careTeam = null;
        if ("me".equals(filters.team()) && actor instanceof Actor.Staff s) {
            careTeam = s.staffId();
        } else if (!filters.team().isEmpty() && !"me".equals(filters.team())) {
            careTeam = StaffId.parse(filters.team());
        }
        Instant now = clock.instant();
        Instant after = null;
        Instant before = null;
        if ("older".equals(filters.touched())) {
            before = now.minus(Duration.ofDays(365));
        } else if (!filters.touched().isEmpty()) {
            after = now.minus(Duration.ofDays(Long.parseLong(filters.touched())));
        }
        return new ClientQuery(statuses, filters.tag().isEmpty() ? null : filters.tag(), careTeam, after, before,
                cursor.isEmpty() ? null : cursor, PAGE_SIZE);
    }

    private static List<String> append(List<String> trail, String cursor) {
        List<String> out = new ArrayList<>(trail);
        out.add(cursor);
        return out.size() > TRAIL_LIMIT ? out.subList(out.size() - TRAIL_LIMIT, out.size()) : out;
    }

    private static String pageHref(Filters filters, String cursor, List<String> trail) {
        StringBuilder query = new StringBuilder();
        parameter(query, "status", filters.status());
        parameter(query, "tag", filters.tag());
        parameter(query, "team", filters.team());
        parameter(query, "touched", filters.touched());
        if (!cursor.isEmpty()) {
            parameter(query, "cursor", cursor);
            trail.forEach(t -> query.append(query.isEmpty() ? "" : "&").append("trail=").append(URLEncoder.encode(t, StandardCharsets.UTF_8)));
        }
        return query.isEmpty() ? "/clients" : "/clients?" + query;
    }

    private static void parameter(StringBuilder query, String name, String value) {
        if (!value.isEmpty()) {
            query.append(query.isEmpty() ? "" : "&").append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }
}
