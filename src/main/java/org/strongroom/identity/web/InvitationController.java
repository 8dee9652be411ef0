package org.strongroom.identity.web;

import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.strongroom.identity.PasswordRules;
import org.strongroom.identity.StaffAdministration;

/**
 * Where an invited person sets their password. A used, expired or forged link gets one refusal
 * page (403) that does not say which; nothing changes.
 */
@Controller
class InvitationController {

    private final StaffAdministration administration;

    InvitationController(StaffAdministration administration) {
        this.administration = administration;
    }

    @GetMapping("/invitation")
    String form(@RequestParam(name = "token", defaultValue = "") String token, Model model, HttpServletResponse response) {
        return administration.pending(token)
                .map(pending -> {
                    model.addAttribute("token", token);
                    model.addAttribute("invitation", pending);
                    model.addAttribute("minLength", PasswordRules.MIN_LENGTH);
                    model.addAttribute("maxLength", PasswordRules.MAX_LENGTH);
                    return "identity/invitation";
                })
                .orElseGet(() -> refused(response));
    }

    @PostMapping("/invitation")
    String accept(@RequestParam(name = "token", defaultValue = "") String token,
                  @RequestParam(name = "password", defaultValue = "") String password,
                  @RequestParam(name = "passwordConfirm", defaultValue = "") String passwordConfirm,
                  Model model, HttpServletResponse response) {
        var pending = administration.pending(token);
        if (pending.isEmpty()) {
            return refused(response);
        }
        Map<String, String> problems = password.equals(passwordConfirm)
                ? administration.accept(token, password)
                : Map.of("passwordConfirm", "password.mismatch");
        if (problems.isEmpty()) {
            return "redirect:/login?welcome";
        }
        if (problems.containsKey("link")) {
            return refused(response);
        }
        response.setStatus(422);
        model.addAttribute("token", token);
        model.addAttribute("invitation", pending.get());
        model.addAttribute("problems", problems);
        model.addAttribute("minLength", PasswordRules.MIN_LENGTH);
        model.addAttribute("maxLength", PasswordRules.MAX_LENGTH);
        return "identity/invitation";
    }

    private static String refused(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        return "identity/invitation-refused";
    }
}
