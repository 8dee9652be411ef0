package org.strongroom.identity.web;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.strongroom.identity.PasswordChangeResult;
import org.strongroom.identity.PasswordResets;

/**
 * "Forgot your password?": asks for an email address and always gives the same answer; the
 * mailed link leads to a form for the new password. Afterwards the person signs in as usual,
 * password and second factor: a reset never signs anyone in.
 */
@Controller
class PasswordResetController {

    private final PasswordResets resets;

    PasswordResetController(PasswordResets resets) {
        this.resets = resets;
    }

    @GetMapping("/password/reset")
    String ask(Model model) {
        model.addAttribute("available", resets.available());
        return "identity/password-reset-request";
    }

    /** The same redirect for every address, known or not, well-formed or not. */
    @PostMapping("/password/reset")
    String request(@RequestParam(name = "email", defaultValue = "") String email, Locale locale) {
        resets.request(email, locale);
        return "redirect:/password/reset?sent";
    }

    @GetMapping("/password/reset/{token}")
    String form(@PathVariable String token, Model model, HttpServletResponse response) {
        if (!resets.isUsable(token)) {
            return refused(response);
        }
        model.addAttribute("token", token);
        PasswordController.addLimits(model);
        return "identity/password-reset";
    }

    @PostMapping("/password/reset/{token}")
    String reset(@PathVariable String token,
                 @RequestParam(name = "password", defaultValue = "") String password,
                 @RequestParam(name = "passwordConfirm", defaultValue = "") String passwordConfirm,
                 Model model, HttpServletRequest request, HttpServletResponse response) {
        PasswordChangeResult result = resets.complete(token, password, passwordConfirm);
        if (result instanceof PasswordChangeResult.Rejected rejected) {
            response.setStatus(422);
            model.addAttribute("token", token);
            model.addAttribute("problems", rejected.problems());
            PasswordController.addLimits(model);
            return "identity/password-reset";
        }
        if (result instanceof PasswordChangeResult.Changed) {
            // Whoever used this browser is signed out: the next step is a full sign-in.
            SecurityContextHolder.clearContext();
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            return "redirect:/login?passwordReset";
        }
        return refused(response);
    }

    private static String refused(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        return "identity/password-reset-refused";
    }
}
