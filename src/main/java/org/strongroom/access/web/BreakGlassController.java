package org.strongroom.access.web;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.strongroom.access.AccessGrant;
import org.strongroom.access.AccessPolicy;
import org.strongroom.access.AccessResult;
import org.strongroom.access.Actor;
import org.strongroom.access.BreakGlass;
import org.strongroom.access.Permission;
import org.strongroom.identity.StaffPrincipal;
import org.strongroom.identity.StepUp;

/**
 * Break-the-glass for people whose role holds {@code break_glass.use}: a page that says what will
 * happen and asks for the reason, then the confirmation. The second factor is asked for before
 * the form is shown, so the reason is normally sent with a fresh factor; if the factor went stale
 * while the person typed, the form comes back with the reason as typed and a link to confirm the
 * factor in another tab. The reason is personal data: it is never put in an address, a log, or the
 * (database-stored) session.
 */
@Controller
class BreakGlassController {

    static final String PATH = "/access/break-glass";
    private static final int REASON_ECHO_LIMIT = 4000;
    private static final DateTimeFormatter HOURS = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    private final BreakGlass breakGlass;
    private final AccessPolicy policy;
    private final StepUp stepUp;
    private final ZoneId zone;

    BreakGlassController(BreakGlass breakGlass, AccessPolicy policy, StepUp stepUp,
                         @Value("${strongroom.organisation.time-zone:}") String zone) {
        this.breakGlass = breakGlass;
        this.policy = policy;
        this.stepUp = stepUp;
        this.zone = zone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zone.strip());
    }

    @GetMapping(PATH)
    String form(@RequestParam(defaultValue = "") String client, @AuthenticationPrincipal StaffPrincipal me, Model model,
                HttpServletRequest request) {
        UUID clientId = clientId(client);
        Actor actor = Actor.of(me);
        // Refuse a role without the permission before asking for a second factor it could not use.
        policy.require(actor, Permission.BREAK_GLASS_USE);
        if (!stepUp.isFresh(request.getSession(false))) {
            return "redirect:" + StepUp.challengePath(PATH + "?client=" + clientId);
        }
        return show(model, actor, clientId, "", null);
    }

    @PostMapping(PATH)
    String open(@RequestParam(defaultValue = "") String client, @RequestParam(defaultValue = "") String reason,
                @AuthenticationPrincipal StaffPrincipal me, Model model, HttpServletRequest request,
                HttpServletResponse response) {
        UUID clientId = clientId(client);
        Actor actor = Actor.of(me);
        AccessResult<AccessGrant> result = breakGlass.open(actor, clientId, reason, stepUp.isFresh(request.getSession(false)));
        if (result instanceof AccessResult.Done<AccessGrant> done) {
            AccessGrant grant = done.value();
            model.addAttribute("clientId", clientId);
            model.addAttribute("until", HOURS.format(grant.expiresAt().atZone(zone)));
            model.addAttribute("untilFull", grant.expiresAt());
            model.addAttribute("mayReadTrail", policy.decide(actor, Permission.AUDIT_READ).allowed());
            return "access/break-glass-open";
        }
        String typed = reason.length() > REASON_ECHO_LIMIT ? "" : reason;
        if (result instanceof AccessResult.StepUpNeeded<AccessGrant>) {
            model.addAttribute("stepUpLink", StepUp.challengePath(PATH + "?client=" + clientId));
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            return show(model, actor, clientId, typed, null);
        }
        if (result instanceof AccessResult.Rejected<AccessGrant> rejected) {
            response.setStatus(422);
            return show(model, actor, clientId, typed, rejected.problems());
        }
        response.setStatus(HttpServletResponse.SC_CONFLICT);
        return show(model, actor, clientId, typed, Map.of("reason", "accesspages.breakGlass.notOpened"));
    }

    private String show(Model model, Actor actor, UUID clientId, String reason, Map<String, String> problems) {
        model.addAttribute("clientId", clientId);
        model.addAttribute("reason", reason);
        model.addAttribute("problems", problems == null ? Map.of() : problems);
        Duration duration = breakGlass.duration();
        model.addAttribute("hours", duration.toHours());
        model.addAttribute("minutes", duration.toMinutesPart());
        // Someone who already reaches the client needs no emergency access; say so (it tells them nothing new).
        var decision = policy.decide(actor, Permission.CLIENT_READ, clientId);
        model.addAttribute("alreadyOpen", decision.allowed() ? decision.basis() : null);
        return "access/break-glass";
    }

    private static UUID clientId(String text) {
        try {
            UUID id = UUID.fromString(text);
            if (id.toString().equals(text.toLowerCase(Locale.ROOT))) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // not an id: answered as for a client that does not exist
        }
        throw new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
}
