package org.strongroom.access.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.strongroom.access.AccessGrant;
import org.strongroom.access.AccessPolicy;
import org.strongroom.access.AccessResult;
import org.strongroom.access.Actor;
import org.strongroom.access.BreakGlass;
import org.strongroom.access.Permission;
import org.strongroom.identity.StaffDirectory;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffPrincipal;
import org.strongroom.identity.StaffProfile;

/**
 * The break-the-glass review queue: uses waiting for review (oldest first) and the last
 * {@value #REVIEWED} reviewed. A reviewer marks each use justified or not; a use found not
 * justified needs a note. Nobody reviews their own use (the service refuses it). The security
 * chain and the {@link BreakGlass} service both ask for {@code break_glass.review}.
 */
@Controller
class ReviewQueueController {

    static final int REVIEWED = 50;
    private static final int NOTE_ECHO_LIMIT = 2000;

    private final BreakGlass breakGlass;
    private final StaffDirectory staff;
    private final AccessPolicy policy;

    ReviewQueueController(BreakGlass breakGlass, StaffDirectory staff, AccessPolicy policy) {
        this.breakGlass = breakGlass;
        this.staff = staff;
        this.policy = policy;
    }

    /** One use as the page shows it: the grant with the names of the people involved. */
    record UseRow(AccessGrant use, String who, @Nullable String reviewer, boolean own) {
    }

    @GetMapping("/admin/access/reviews")
    String queue(@AuthenticationPrincipal StaffPrincipal me, Model model) {
        return show(Actor.of(me), me.id(), model);
    }

    @PostMapping("/admin/access/reviews/{grantId}")
    String review(@PathVariable String grantId, @RequestParam(defaultValue = "") String verdict,
                  @RequestParam(defaultValue = "") String note, @AuthenticationPrincipal StaffPrincipal me, Model model,
                  HttpServletResponse response, RedirectAttributes redirect) {
        Actor actor = Actor.of(me);
        policy.require(actor, Permission.BREAK_GLASS_REVIEW);
        UUID id = parse(grantId);
        Boolean justified = switch (verdict) {
            case "justified" -> Boolean.TRUE;
            case "unjustified" -> Boolean.FALSE;
            default -> null;
        };
        AccessResult<AccessGrant> result = justified == null
                ? new AccessResult.Rejected<AccessGrant>(Map.of("verdict", "accesspages.review.verdict.required"))
                : breakGlass.review(actor, id, justified, note);
        if (result instanceof AccessResult.Done<AccessGrant>) {
            redirect.addFlashAttribute("done", justified ? "accesspages.review.done.justified" : "accesspages.review.done.unjustified");
            return "redirect:/admin/access/reviews";
        }
        if (result instanceof AccessResult.Conflict<AccessGrant>) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            model.addAttribute("refused", "accesspages.review.conflict");
            return show(actor, me.id(), model);
        }
        Map<String, String> problems = ((AccessResult.Rejected<AccessGrant>) result).problems();
        if ("access.review.unknown".equals(problems.get("grant"))) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        response.setStatus(422);
        model.addAttribute("problemsFor", id.toString());
        model.addAttribute("problems", problems);
        model.addAttribute("typedVerdict", verdict);
        model.addAttribute("typedNote", note.length() > NOTE_ECHO_LIMIT ? "" : note);
        return show(actor, me.id(), model);
    }

    private String show(Actor actor, StaffId me, Model model) {
        Map<StaffId, String> names = new HashMap<>();
        List<UseRow> pending = breakGlass.pending(actor).stream().map(g -> row(g, me, names)).toList();
        List<UseRow> reviewed = breakGlass.reviewed(actor, REVIEWED).stream().map(g -> row(g, me, names)).toList();
        model.addAttribute("pending", pending);
        model.addAttribute("reviewed", reviewed);
        model.addAttribute("reviewedLimit", REVIEWED);
        model.addAttribute("mayReadTrail", policy.decide(actor, Permission.AUDIT_READ).allowed());
        if (!model.containsAttribute("problems")) {
            model.addAttribute("problems", Map.of());
        }
        return "access/reviews";
    }

    private UseRow row(AccessGrant use, StaffId me, Map<StaffId, String> names) {
        String reviewer = use.reviewedBy() == null ? null : name(use.reviewedBy(), names);
        return new UseRow(use, name(use.staff(), names), reviewer, use.staff().equals(me));
    }

    private String name(StaffId id, Map<StaffId, String> names) {
        return names.computeIfAbsent(id, key -> staff.find(key).map(StaffProfile::displayName).orElse(key.toString()));
    }

    private static UUID parse(String id) {
        try {
            UUID parsed = UUID.fromString(id);
            if (parsed.toString().equals(id)) {
                return parsed;
            }
        } catch (IllegalArgumentException e) {
            // falls through to not found
        }
        throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
}
