package org.strongroom.access.web;

import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;
import org.strongroom.access.AccessExplanations;
import org.strongroom.access.AccessRefused;
import org.strongroom.access.Actor;
import org.strongroom.access.BreakGlass;
import org.strongroom.access.Sensitivity;
import org.strongroom.identity.StaffPrincipal;

/**
 * A person's own view of their access: the clients on their care teams, their grants and
 * break-the-glass uses with when they end, and — for one client — why they may open it, until
 * when, what they may do and how much they see. A client out of reach is a plain 404, exactly as
 * for a client that does not exist.
 */
@Controller
class MyAccessController {

    private final AccessExplanations explanations;
    private final BreakGlass breakGlass;

    MyAccessController(AccessExplanations explanations, BreakGlass breakGlass) {
        this.explanations = explanations;
        this.breakGlass = breakGlass;
    }

    @GetMapping("/access/mine")
    String mine(@AuthenticationPrincipal StaffPrincipal me, Model model) {
        model.addAttribute("mine", explanations.mine(Actor.of(me)));
        model.addAttribute("now", java.time.Instant.now());
        model.addAttribute("breakGlassMinutes", breakGlass.duration().toMinutes());
        return "access/mine";
    }

    @GetMapping("/access/clients/{clientId}")
    String client(@PathVariable String clientId, @AuthenticationPrincipal StaffPrincipal me, Model model) {
        UUID id = ClientIds.parseOrNotFound(clientId);
        model.addAttribute("access", explanations.mine(Actor.of(me), id));
        model.addAttribute("levels", Sensitivity.values());
        return "access/my-client";
    }

    @ExceptionHandler(AccessRefused.class)
    void refused(AccessRefused refused, HttpServletResponse response) throws java.io.IOException {
        // The same error page as any unknown path or record; the reason is in the audit trail.
        response.sendError(refused.looksAbsent() ? HttpServletResponse.SC_NOT_FOUND : HttpServletResponse.SC_FORBIDDEN);
    }

    /** Client ids in paths: a canonical UUID, else the same 404 as an unknown client. */
    static final class ClientIds {
        private ClientIds() {
        }

        static UUID parseOrNotFound(String text) {
            if (text.length() != 36) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            try {
                UUID id = UUID.fromString(text);
                if (!id.toString().equals(text.toLowerCase(java.util.Locale.ROOT))) {
                    throw new ResponseStatusException(HttpStatus.NOT_FOUND);
                }
                return id;
            } catch (IllegalArgumentException e) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
        }
    }
}
