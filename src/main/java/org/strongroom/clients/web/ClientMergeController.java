package org.strongroom.clients.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.strongroom.access.AccessPolicy;
import org.strongroom.access.Actor;
import org.strongroom.access.Permission;
import org.strongroom.clients.ClientMerges;
import org.strongroom.clients.ClientResult;
import org.strongroom.clients.DuplicateCandidate;
import org.strongroom.clients.FieldCatalogue;
import org.strongroom.clients.FieldDefinition;
import org.strongroom.clients.MergeChoice;
import org.strongroom.clients.MergeComparison;
import org.strongroom.clients.MergeRecord;
import org.strongroom.identity.StaffDirectory;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffPrincipal;
import org.strongroom.identity.StaffProfile;

/**
 * Duplicates and merges in the browser: the possible duplicates of a client (a fragment the
 * client's workspace loads with htmx, or a page of its own), two records side by side with a
 * choice per differing field and a Merge button, the result of a merge with its Undo button, and
 * the undo. Every read and change goes through {@link ClientMerges}, which asks the access policy
 * (a record out of reach answers 404 like one that does not exist). Ids in paths are only the
 * canonical 36-character form; anything else is a 404.
 */
@Controller
@RequestMapping("/clients")
class ClientMergeController {

    /** A person on the merged record's care team who is not on the survivor's. */
    record TeamRow(String staffId, String name, String teamRole) {
        @Override
        public String toString() {
            return "TeamRow[" + staffId + "]";
        }
    }

    private static final Pattern CANONICAL = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final String CHOICE = "choice.";

    private final ClientMerges merges;
    private final FieldCatalogue catalogue;
    private final AccessPolicy policy;
    private final StaffDirectory staff;
    private final MessageSource messages;

    ClientMergeController(ClientMerges merges, FieldCatalogue catalogue, AccessPolicy policy, StaffDirectory staff,
                          MessageSource messages) {
        this.merges = merges;
        this.catalogue = catalogue;
        this.policy = policy;
        this.staff = staff;
        this.messages = messages;
    }

    /** The possible duplicates: the bare list for htmx (HX-Request), else a page around it. */
    @GetMapping("/{clientId}/duplicates")
    String duplicates(@PathVariable String clientId, @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
                      @AuthenticationPrincipal StaffPrincipal me, Model model) {
        UUID id = id(clientId);
        List<DuplicateCandidate> candidates = merges.duplicatesOf(Actor.of(me), id);
        model.addAttribute("clientId", id.toString());
        model.addAttribute("candidates", candidates);
        return htmx != null ? "clients/merge/duplicates :: list" : "clients/merge/duplicates";
    }

    @GetMapping("/{clientId}/compare/{otherId}")
    String compare(@PathVariable String clientId, @PathVariable String otherId, @AuthenticationPrincipal StaffPrincipal me,
                   Model model, HttpServletResponse response, Locale locale) {
        return renderComparison(id(clientId), id(otherId), Actor.of(me), model, response, locale, Map.of());
    }

    /** Merges {@code otherId} into {@code clientId} (the survivor) with the choices of the comparison form. */
    @PostMapping("/{clientId}/merge/{otherId}")
    String merge(@PathVariable String clientId, @PathVariable String otherId, @RequestParam MultiValueMap<String, String> form,
                 @AuthenticationPrincipal StaffPrincipal me, Model model, HttpServletResponse response,
                 RedirectAttributes redirect, Locale locale) {
        UUID survivor = id(clientId);
        UUID merged = id(otherId);
        Actor actor = Actor.of(me);
        Map<String, MergeChoice> choices = new LinkedHashMap<>();
        Map<String, String> problems = new LinkedHashMap<>();
        form.forEach((name, values) -> {
            if (name.startsWith(CHOICE) && values.size() == 1) {
                String key = name.substring(CHOICE.length());
                switch (values.get(0)) {
                    case "SURVIVOR" -> choices.put(key, MergeChoice.SURVIVOR);
                    case "MERGED" -> choices.put(key, MergeChoice.MERGED);
                    default -> problems.put(FieldDefinition.KEY.matcher(key).matches() ? key : "field", "clientmerge.choice.invalid");
                }
            }
        });
        long survivorVersion = version(form.getFirst("survivorVersion"));
        long mergedVersion = version(form.getFirst("mergedVersion"));
        ClientResult<MergeRecord> result = problems.isEmpty()
                ? merges.merge(actor, survivor, survivorVersion, merged, mergedVersion, choices)
                : new ClientResult.Rejected<>(problems);
        if (result instanceof ClientResult.Done<MergeRecord> done) {
            redirect.addFlashAttribute("done", "clientmerge.done.merged");
            return "redirect:/clients/merges/" + done.value().id();
        }
        Map<String, String> refused = result instanceof ClientResult.Rejected<MergeRecord> r ? r.problems()
                : Map.of("version", "clientmerge.stale");
        response.setStatus(refused.containsKey("version") ? HttpStatus.CONFLICT.value() : 422);
        Map<String, String> kept = new LinkedHashMap<>();
        choices.forEach((key, choice) -> kept.put(key, choice.name()));
        model.addAttribute("kept", refused.containsKey("version") ? Map.of() : kept);
        return renderComparison(survivor, merged, actor, model, response, locale, refused);
    }

    @GetMapping("/merges/{mergeId}")
    String merged(@PathVariable String mergeId, @AuthenticationPrincipal StaffPrincipal me, Model model, Locale locale) {
        Actor actor = Actor.of(me);
        return renderMerge(merges.find(actor, id(mergeId)), actor, model, locale);
    }

    @PostMapping("/merges/{mergeId}/undo")
    String undo(@PathVariable String mergeId, @AuthenticationPrincipal StaffPrincipal me, Model model,
                HttpServletResponse response, RedirectAttributes redirect, Locale locale) {
        UUID id = id(mergeId);
        Actor actor = Actor.of(me);
        ClientResult<MergeRecord> result = merges.unmerge(actor, id);
        if (result instanceof ClientResult.Done<MergeRecord>) {
            redirect.addFlashAttribute("done", "clientmerge.done.undone");
            return "redirect:/clients/merges/" + id;
        }
        Map<String, String> problems = result instanceof ClientResult.Rejected<MergeRecord> r ? r.problems() : Map.of();
        response.setStatus(HttpStatus.CONFLICT.value());
        model.addAttribute("problems", problems);
        List<String> editedFields = new ArrayList<>();
        problems.forEach((key, message) -> {
            if ("clientmerge.undo.editedField".equals(message)) {
                editedFields.add(key);
            }
        });
        model.addAttribute("editedLabels", editedFields.stream().map(k -> label(k, locale)).toList());
        return renderMerge(merges.find(actor, id), actor, model, locale);
    }

    private String renderComparison(UUID first, UUID second, Actor actor, Model model, HttpServletResponse response, Locale locale,
                                    Map<String, String> problems) {
        ClientResult<MergeComparison> result = merges.compare(actor, first, second);
        model.addAttribute("firstId", first.toString());
        model.addAttribute("secondId", second.toString());
        if (!model.containsAttribute("kept")) {
            model.addAttribute("kept", Map.of());
        }
        if (result instanceof ClientResult.Done<MergeComparison> done) {
            model.addAttribute("comparison", done.value());
            model.addAttribute("problems", problems);
            Map<String, String> labels = new LinkedHashMap<>();
            done.value().fields().forEach(f -> labels.put(f.field().key(), label(f.field(), locale)));
            model.addAttribute("labels", labels);
            return "clients/merge/compare";
        }
        response.setStatus(422);
        model.addAttribute("comparison", null);
        model.addAttribute("labels", Map.of());
        model.addAttribute("problems", result instanceof ClientResult.Rejected<MergeComparison> r ? r.problems() : Map.of());
        return "clients/merge/compare";
    }

    private String renderMerge(MergeRecord merge, Actor actor, Model model, Locale locale) {
        model.addAttribute("merge", merge);
        model.addAttribute("changedLabels", merge.changedFields().stream().map(k -> label(k, locale)).toList());
        model.addAttribute("team", merge.teamNotCarried().stream().map(m -> new TeamRow(m.staff().toString(),
                staff.find(m.staff()).map(StaffProfile::displayName).orElse(m.staff().toString()),
                messages.getMessage("teamRole." + m.teamRole().name(), null, m.teamRole().name(), locale))).toList());
        model.addAttribute("mergedBy", name(merge.mergedBy()));
        model.addAttribute("undoneBy", name(merge.undoneBy()));
        model.addAttribute("mayUndo", !merge.undone() && policy.decide(actor, Permission.CLIENT_MERGE, merge.survivorId()).allowed()
                && policy.decide(actor, Permission.CLIENT_MERGE, merge.mergedId()).allowed());
        if (!model.containsAttribute("problems")) {
            model.addAttribute("problems", Map.of());
            model.addAttribute("editedLabels", List.of());
        }
        return "clients/merge/result";
    }

    private @Nullable String name(@Nullable String staffId) {
        if (staffId == null || !CANONICAL.matcher(staffId).matches()) {
            return null;
        }
        return staff.find(new StaffId(UUID.fromString(staffId))).map(StaffProfile::displayName).orElse(null);
    }

    private String label(String key, Locale locale) {
        return catalogue.find(key).map(f -> label(f, locale)).orElse(key);
    }

    private String label(FieldDefinition field, Locale locale) {
        return field.label() != null ? field.label() : messages.getMessage(field.labelKey(), null, field.key(), locale);
    }

    /** A version from the form; anything unreadable is a version no record has (so: stale). */
    private static long version(@Nullable String text) {
        if (text == null || text.length() > 18 || !text.matches("[0-9]+")) {
            return -1;
        }
        return Long.parseLong(text);
    }

    private static UUID id(String text) {
        return Optional.ofNullable(text).filter(t -> t.length() == 36 && CANONICAL.matcher(t).matches()).map(UUID::fromString)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
