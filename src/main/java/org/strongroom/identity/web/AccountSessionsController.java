package org.strongroom.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.strongroom.identity.SignInAttempts;
import org.strongroom.identity.StaffPrincipal;
import org.strongroom.identity.StaffSessions;

/**
 * The person's own sessions and recent sign-ins ({@code /account/sessions}), ending one other
 * session or all others, and the keep-alive the idle warning calls. Needs a complete sign-in
 * (the security chain's default); everything acts on the signed-in person's own sessions only.
 */
@Controller
class AccountSessionsController {

    private final StaffSessions sessions;
    private final SignInAttempts attempts;

    AccountSessionsController(StaffSessions sessions, SignInAttempts attempts) {
        this.sessions = sessions;
        this.attempts = attempts;
    }

    @GetMapping("/account/sessions")
    String list(Authentication authentication, HttpServletRequest request, Model model) {
        StaffPrincipal staff = (StaffPrincipal) authentication.getPrincipal();
        HttpSession current = request.getSession(false);
        model.addAttribute("sessions", sessions.list(staff.id(), current == null ? null : current.getId()));
        model.addAttribute("attempts", attempts.recent(staff.id()));
        return "identity/sessions";
    }

    @PostMapping("/account/sessions/end")
    String end(Authentication authentication, @RequestParam(name = "session", defaultValue = "") String reference) {
        StaffPrincipal staff = (StaffPrincipal) authentication.getPrincipal();
        boolean ended = !reference.isEmpty() && reference.length() <= 64 && sessions.end(staff.id(), reference);
        return ended ? "redirect:/account/sessions?ended" : "redirect:/account/sessions?notFound";
    }

    @PostMapping("/account/sessions/end-others")
    String endOthers(Authentication authentication, HttpServletRequest request) {
        StaffPrincipal staff = (StaffPrincipal) authentication.getPrincipal();
        sessions.endAllExcept(staff.id(), request);
        return "redirect:/account/sessions?endedOthers";
    }

    /** Touches the session (Spring Session records the access) so the idle timeout starts again. */
    @PostMapping("/session/keep-alive")
    ResponseEntity<Void> keepAlive(HttpServletRequest request) {
        request.getSession(false);
        return ResponseEntity.noContent().build();
    }
}
