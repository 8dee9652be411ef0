package org.strongroom.clients.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.strongroom.access.AccessPolicy;
import org.strongroom.access.Actor;
import org.strongroom.access.CareTeamMember;
import org.strongroom.access.CareTeams;
import org.strongroom.access.FieldReveals;
import org.strongroom.access.Permission;
import org.strongroom.access.Visibility;
import org.strongroom.clients.ClientProfile;
import org.strongroom.clients.ClientResult;
import org.strongroom.clients.ClientStatus;
import org.strongroom.clients.Clients;
import org.strongroom.clients.FieldCatalogue;
import org.strongroom.clients.FieldDefinition;
import org.strongroom.clients.HistoryEntry;
import org.strongroom.clients.ProfileValue;
import org.strongroom.identity.StaffDirectory;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffPrincipal;
import org.strongroom.identity.StaffProfile;

/**
 * One client's workspace, the client's "folder": a header (reference, name, status, care team,
 * alerts), tabs (profile, history, access history — other modules add theirs to {@link #tabs}),
 * the edit form with optimistic concurrency, the deliberate reveal of a masked value, and the
 * status changes (close, reopen, move). A client out of reach answers exactly as one that does not
 * exist (404): the services throw and the access module's advice answers. A malformed id is a 404
 * too. A revealed value is rendered into the one answer to the reveal and kept nowhere else.
 */
@Controller
@RequestMapping("/clients/{clientId}")
class ClientWorkspaceController {

    /** A tab of the workspace: a link to its own address, so each tab can be bookmarked and works without script. */
    record Tab(String key, String labelKey, String href) {
    }

    /** A value of the profile as the page shows it. */
    record Shown(String key, String label, @Nullable String value, Visibility visibility, boolean multiline) {
        public boolean masked() {
            return visibility == Visibility.MASKED;
        }

        @Override
        public String toString() {
            return "Shown[" + key + "]";
        }
    }

    /** One change of one field, as the history tab shows it. */
    record Change(Instant when, String who, String field, @Nullable String before, @Nullable String after, String cause,
                  boolean masked) {
        @Override
        public String toString() {
            return "Change[" + field + "]";
        }
    }

    /** A field someone else changed since the person opened the edit form. */
    record Conflicting(String key, String label, @Nullable String theirs, @Nullable String yours, boolean bothChanged) {
        @Override
        public String toString() {
            return "Conflicting[" + key + "]";
        }
    }

    private final Clients clients;
    private final FieldCatalogue catalogue;
    private final AccessPolicy policy;
    private final CareTeams teams;
    private final StaffDirectory staff;
    private final MessageSource messages;

    ClientWorkspaceController(Clients clients, FieldCatalogue catalogue, AccessPolicy policy, CareTeams teams, StaffDirectory staff,
                              MessageSource messages) {
        this.clients = clients;
        this.catalogue = catalogue;
        this.policy = policy;
        this.teams = teams;
        this.staff = staff;
        this.messages = messages;
    }

    /**
     * The tabs, in order. A module adds its tab here with one line, naming the permission the tab
     * needs on this client (the tab's own page asks the policy again).
     */
    private List<Tab> tabs(UUID id, Set<Permission> permitted, boolean mayReadAudit) {
        List<Tab> tabs = new ArrayList<>();
        tabs.add(new Tab("profile", "clientpages.tab.profile", "/clients/" + id));
        tabs.add(new Tab("history", "clientpages.tab.history", "/clients/" + id + "/history"));
        if (mayReadAudit) {
            tabs.add(new Tab("access", "clientpages.tab.access", "/clients/" + id + "/access-history"));
        }
        if (permitted.contains(Permission.DOCUMENT_READ)) {
            tabs.add(new Tab("documents", "documentpages.tab", "/clients/" + id + "/documents"));
        }
        return tabs;
    }

    @GetMapping
    String profile(@PathVariable String clientId, @AuthenticationPrincipal StaffPrincipal me, Model model, Locale locale) {
        UUID id = id(clientId);
        Actor actor = Actor.of(me);
        return workspace(actor, clients.profile(actor, id), "profile", Map.of(), model, locale);
    }

    @GetMapping("/history")
    String history(@PathVariable String clientId, @AuthenticationPrincipal StaffPrincipal me, Model model, Locale locale) {
        UUID id = id(clientId);
        Actor actor = Actor.of(me);
        ClientProfile profile = clients.profile(actor, id);
        List<HistoryEntry> entries = clients.history(actor, id);
        Map<String, String> names = new HashMap<>();
        List<Change> changes = new ArrayList<>();
        for (HistoryEntry e : entries) {
            boolean status = "status".equals(e.fieldKey());
            changes.add(new Change(e.changedAt(), name(e.changedBy(), names, locale),
                    ClientForms.label(e.field(), e.fieldKey(), messages, locale),
                    status ? statusLabel(e.oldValue(), locale) : ClientForms.display(e.field(), e.oldValue(), e.visibility()),
                    status ? statusLabel(e.newValue(), locale) : ClientForms.display(e.field(), e.newValue(), e.visibility()),
                    messages.getMessage("clients.cause." + e.cause(), null, e.cause(), locale), e.visibility() == Visibility.MASKED));
        }
        model.addAttribute("changes", changes);
        model.addAttribute("historyLimited", entries.size() >= Clients.HISTORY_LIMIT);
        return workspace(actor, profile, "history", Map.of(), model, locale);
    }

    /** The access-history tab: the audit module's fragment, loaded into the page (htmx) or linked without script. */
    @GetMapping("/access-history")
    String accessHistory(@PathVariable String clientId, @AuthenticationPrincipal StaffPrincipal me, Model model, Locale locale) {
        Actor actor = Actor.of(me);
        // Without audit.read there is no such tab for anyone (403, recorded); then the client as any other page.
        policy.require(actor, Permission.AUDIT_READ);
        UUID id = id(clientId);
        return workspace(actor, clients.profile(actor, id), "access", Map.of(), model, locale);
    }

    /**
     * Shows one masked value on purpose: the reason is recorded in the audit trail first, then the
     * value is shown in this answer only (not stored in the session, not cached: every page is
     * {@code no-store}). A bad reason answers 422 with the message at the field.
     */
    @PostMapping("/reveal")
    String reveal(@PathVariable String clientId, @RequestParam(defaultValue = "") String field,
                  @RequestParam(defaultValue = "") String reason, @AuthenticationPrincipal StaffPrincipal me, Model model,
                  HttpServletResponse response, Locale locale) {
        UUID id = id(clientId);
        Actor actor = Actor.of(me);
        ClientResult<Optional<String>> result = clients.reveal(actor, id, field, reason);
        ClientProfile profile = clients.profile(actor, id);
        if (result instanceof ClientResult.Done<Optional<String>> done) {
            Optional<FieldDefinition> definition = catalogue.find(field);
            String value = definition.map(d -> ClientForms.display(d, done.value().orElse(null), Visibility.FULL)).orElse(null);
            model.addAttribute("revealedKey", field);
            model.addAttribute("revealedValue", value == null ? "" : value);
            return workspace(actor, profile, "profile", Map.of(), model, locale);
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        Map<String, String> problems = result instanceof ClientResult.Rejected<Optional<String>> rejected ? rejected.problems() : Map.of();
        model.addAttribute("revealProblemKey", field);
        model.addAttribute("revealProblem", problems.getOrDefault("reason", problems.getOrDefault("field", "clientpages.notSaved")));
        return workspace(actor, profile, "profile", Map.of(), model, locale);
    }

    /** Moves the client to another status (close, reopen, prospect, active, inactive). */
    @PostMapping("/status")
    String status(@PathVariable String clientId, @RequestParam(defaultValue = "") String status,
                  @RequestParam(defaultValue = "-1") long version, @AuthenticationPrincipal StaffPrincipal me,
                  RedirectAttributes redirect) {
        UUID id = id(clientId);
        Actor actor = Actor.of(me);
        ClientStatus target = ClientStatus.CHOOSABLE.stream().filter(s -> s.name().equals(status)).findFirst().orElse(null);
        ClientResult<ClientProfile> result = clients.changeStatus(actor, id, version, target);
        if (result instanceof ClientResult.Done<ClientProfile>) {
            redirect.addFlashAttribute("done", "clientpages.status.done");
        } else if (result instanceof ClientResult.Conflict<ClientProfile>) {
            redirect.addFlashAttribute("refused", "clientpages.status.stale");
        } else if (result instanceof ClientResult.Rejected<ClientProfile> rejected && !rejected.problems().isEmpty()) {
            redirect.addFlashAttribute("refused", rejected.problems().values().iterator().next());
        } else {
            redirect.addFlashAttribute("refused", "clientpages.notSaved");
        }
        return "redirect:/clients/" + id;
    }

    @GetMapping("/edit")
    String editForm(@PathVariable String clientId, @AuthenticationPrincipal StaffPrincipal me, Model model, Locale locale) {
        UUID id = id(clientId);
        Actor actor = Actor.of(me);
        // The permission to change first: a role that may only read is refused alike for every client.
        mayUpdate(actor, id);
        ClientProfile profile = clients.profile(actor, id);
        Map<String, String> loaded = loadedValues(profile);
        return editPage(actor, profile, loaded, loaded, Map.of(), model, locale);
    }

    /**
     * Saves an edit. Only the values the person changed are sent to the service; a stale version
     * answers 409 with the fields someone else changed, their values now beside the person's
     * input, and the form again on the new version (fields only the other person changed now show
     * their value, fields both changed keep the person's input), ready to save again.
     */
    @PostMapping("/edit")
    String edit(@PathVariable String clientId, @RequestParam MultiValueMap<String, String> form,
                @AuthenticationPrincipal StaffPrincipal me, Model model, HttpServletResponse response, RedirectAttributes redirect,
                Locale locale) {
        UUID id = id(clientId);
        Actor actor = Actor.of(me);
        mayUpdate(actor, id);
        long version;
        try {
            version = Long.parseLong(Optional.ofNullable(form.getFirst("version")).orElse(""));
        } catch (NumberFormatException e) {
            version = -1;
        }
        List<FieldDefinition> fields = catalogue.enabled();
        Map<String, String> sent = ClientForms.values(form, fields);
        Map<String, String> changed = ClientForms.changed(sent, form);
        ClientResult<ClientProfile> result = clients.update(actor, id, version, changed);
        if (result instanceof ClientResult.Done<ClientProfile>) {
            redirect.addFlashAttribute("done", changed.isEmpty() ? "clientpages.edit.nothingChanged" : "clientpages.edit.saved");
            return "redirect:/clients/" + id;
        }
        if (result instanceof ClientResult.Conflict<ClientProfile> conflict) {
            response.setStatus(HttpStatus.CONFLICT.value());
            ClientProfile current = conflict.current();
            Map<String, String> now = loadedValues(current);
            Map<String, String> shown = new LinkedHashMap<>(now);
            List<Conflicting> rows = new ArrayList<>();
            for (ProfileValue v : current.values()) {
                String key = v.field().key();
                boolean theyChanged = conflict.changedFields().contains(key);
                boolean youChanged = changed.containsKey(key);
                if (youChanged && v.editable()) {
                    shown.put(key, changed.get(key));
                }
                if (theyChanged) {
                    rows.add(new Conflicting(key, ClientForms.label(v.field(), key, messages, locale),
                            ClientForms.display(v.field(), v.shown(), v.visibility()),
                            youChanged ? changed.get(key) : null, youChanged));
                }
            }
            if (conflict.changedFields().contains("status")) {
                rows.add(new Conflicting("status", messages.getMessage("clients.field.status", null, locale),
                        statusLabel(current.status().name(), locale), null, false));
            }
            model.addAttribute("conflicts", rows);
            return editPage(actor, current, shown, now, Map.of(), model, locale);
        }
        Map<String, String> problems = result instanceof ClientResult.Rejected<ClientProfile> rejected ? rejected.problems()
                : Map.of("form", "clientpages.notSaved");
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        ClientProfile profile = clients.profile(actor, id);
        Map<String, String> shown = new LinkedHashMap<>(loadedValues(profile));
        shown.putAll(sent);
        Map<String, String> loaded = new LinkedHashMap<>();
        for (FieldDefinition f : fields) {
            String was = form.getFirst(ClientForms.LOADED + f.key());
            if (was != null) {
                loaded.put(f.key(), ClientForms.cut(was));
            }
        }
        // The form stays on the version the person started from: a save after fixing the input
        // still notices a change someone else made meanwhile.
        model.addAttribute("formVersion", version);
        return editPage(actor, profile, shown, loaded, problems, model, locale);
    }

    private String editPage(Actor actor, ClientProfile profile, Map<String, String> values, Map<String, String> loaded,
                            Map<String, String> problems, Model model, Locale locale) {
        List<ClientForms.Input> inputs = new ArrayList<>();
        for (ProfileValue v : profile.values()) {
            FieldDefinition field = v.field();
            String label = ClientForms.label(field, field.key(), messages, locale);
            if (v.editable()) {
                inputs.add(ClientForms.input(field, label, values.getOrDefault(field.key(), ""), loaded.getOrDefault(field.key(), ""),
                        problems.get(field.key()), true));
            } else {
                inputs.add(ClientForms.input(field, label, v.shown() == null ? "" : v.shown(), null, null, false));
            }
        }
        Map<String, String> labels = new LinkedHashMap<>();
        inputs.forEach(i -> labels.put(i.key(), i.label()));
        model.addAttribute("inputs", inputs);
        model.addAttribute("labels", labels);
        model.addAttribute("problems", problems);
        model.addAttribute("summary", ClientForms.ordered(problems, catalogue.enabled()));
        if (!model.containsAttribute("formVersion")) {
            model.addAttribute("formVersion", profile.version());
        }
        header(actor, profile, model, locale);
        return "clients/edit";
    }

    private String workspace(Actor actor, ClientProfile profile, String active, Map<String, String> problems, Model model,
                             Locale locale) {
        Set<Permission> permitted = policy.permitted(actor, profile.id());
        boolean mayReadAudit = policy.decide(actor, Permission.AUDIT_READ).allowed();
        header(actor, profile, model, locale);
        model.addAttribute("tabs", tabs(profile.id(), permitted, mayReadAudit));
        model.addAttribute("activeTab", active);
        List<Shown> shown = new ArrayList<>();
        for (ProfileValue v : profile.values()) {
            shown.add(new Shown(v.field().key(), ClientForms.label(v.field(), v.field().key(), messages, locale),
                    ClientForms.display(v.field(), v.shown(), v.visibility()), v.visibility(),
                    v.field().type() == org.strongroom.clients.FieldType.LONG_TEXT || v.field().type() == org.strongroom.clients.FieldType.ADDRESS));
        }
        model.addAttribute("values", shown);
        model.addAttribute("reasons", FieldReveals.REASONS.stream().sorted().toList());
        boolean closed = profile.status() == ClientStatus.CLOSED;
        boolean mayClose = permitted.contains(Permission.CLIENT_CLOSE);
        boolean mayUpdate = permitted.contains(Permission.CLIENT_UPDATE);
        model.addAttribute("mayEdit", mayUpdate && profile.status() != ClientStatus.MERGED);
        model.addAttribute("mayClose", mayClose && !closed && profile.status() != ClientStatus.MERGED);
        model.addAttribute("mayReopen", mayClose && closed);
        model.addAttribute("moves", mayUpdate && !closed && profile.status() != ClientStatus.MERGED
                ? ClientStatus.CHOOSABLE.stream().filter(s -> s != ClientStatus.CLOSED && s != profile.status()).toList() : List.of());
        return "clients/workspace";
    }

    private void header(Actor actor, ClientProfile profile, Model model, Locale locale) {
        Map<String, String> names = new HashMap<>();
        List<String> team = new ArrayList<>();
        for (CareTeamMember m : teams.members(actor, profile.id())) {
            team.add(name(m.staff().toString(), names, locale) + " ("
                    + messages.getMessage("teamRole." + m.teamRole().name(), null, m.teamRole().name(), locale) + ")");
        }
        model.addAttribute("client", profile);
        model.addAttribute("displayName", profile.displayName());
        model.addAttribute("team", team);
        ProfileValue alerts = profile.value("alerts").filter(ProfileValue::present).orElse(null);
        model.addAttribute("alerts", alerts == null ? null : alerts.shown());
        model.addAttribute("alertsMasked", alerts != null && alerts.visibility() == Visibility.MASKED);
    }

    private Map<String, String> loadedValues(ClientProfile profile) {
        Map<String, String> out = new LinkedHashMap<>();
        for (ProfileValue v : profile.values()) {
            if (v.editable()) {
                out.put(v.field().key(), ClientForms.formValue(v.field(), v.shown()));
            }
        }
        return out;
    }

    private void mayUpdate(Actor actor, UUID id) {
        policy.require(actor, Permission.CLIENT_UPDATE, id);
    }

    private String name(@Nullable String staffId, Map<String, String> cache, Locale locale) {
        if (staffId == null) {
            return messages.getMessage("clientpages.history.system", null, locale);
        }
        return cache.computeIfAbsent(staffId, s -> {
            try {
                return staff.find(StaffId.parse(s)).map(StaffProfile::displayName)
                        .orElseGet(() -> messages.getMessage("clientpages.history.formerStaff", null, locale));
            } catch (IllegalArgumentException e) {
                return messages.getMessage("clientpages.history.formerStaff", null, locale);
            }
        });
    }

    private @Nullable String statusLabel(@Nullable String status, Locale locale) {
        return status == null ? null : messages.getMessage("clients.status." + status, null, status, locale);
    }

    private static UUID id(String clientId) {
        return ClientForms.clientId(clientId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
