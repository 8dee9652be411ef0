package org.strongroom.identity.web;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.strongroom.identity.NewOwner;
import org.strongroom.identity.OwnerSetup;
import org.strongroom.identity.PasswordRules;
import org.strongroom.identity.SetupResult;

/**
 * The one-time owner setup page reached through the link printed on the console. A used, expired
 * or forged link gets the same refusal page (403) and changes nothing.
 */
@Controller
class SetupController {

    private final OwnerSetup setup;

    SetupController(OwnerSetup setup) {
        this.setup = setup;
    }

    @GetMapping("/setup")
    String form(@RequestParam(name = "token", defaultValue = "") String token, Model model, HttpServletResponse response) {
        if (!setup.isUsable(token)) {
            return refused(response);
        }
        model.addAttribute("token", token);
        model.addAttribute("name", "");
        model.addAttribute("email", "");
        model.addAttribute("minLength", PasswordRules.MIN_LENGTH);
        model.addAttribute("maxLength", PasswordRules.MAX_LENGTH);
        return "identity/setup";
    }

    @PostMapping("/setup")
    String create(@RequestParam(name = "token", defaultValue = "") String token,
                  @RequestParam(name = "name", defaultValue = "") String name,
                  @RequestParam(name = "email", defaultValue = "") String email,
                  @RequestParam(name = "password", defaultValue = "") String password,
                  @RequestParam(name = "passwordConfirm", defaultValue = "") String passwordConfirm,
                  Model model, HttpServletResponse response) {
        NewOwner owner = new NewOwner(name, email, password);
        SetupResult result;
        if (!password.equals(passwordConfirm)) {
            if (!setup.isUsable(token)) {
                return refused(response);
            }
            Map<String, String> problems = new LinkedHashMap<>(setup.problemsWith(owner));
            problems.put("passwordConfirm", "password.mismatch");
            result = new SetupResult.Rejected(problems);
        } else {
            result = setup.completeSetup(token, owner);
        }
        if (result instanceof SetupResult.Created) {
            return "redirect:/login?created";
        }
        if (result instanceof SetupResult.Rejected rejected) {
            response.setStatus(422);
            model.addAttribute("token", token);
            model.addAttribute("name", name.length() > 200 ? "" : name);
            model.addAttribute("email", email.length() > 254 ? "" : email);
            model.addAttribute("problems", rejected.problems());
            model.addAttribute("minLength", PasswordRules.MIN_LENGTH);
            model.addAttribute("maxLength", PasswordRules.MAX_LENGTH);
            return "identity/setup";
        }
        return refused(response);
    }

    private static String refused(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        return "identity/setup-refused";
    }
}
