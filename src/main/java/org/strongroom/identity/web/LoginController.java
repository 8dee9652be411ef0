package org.strongroom.identity.web;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.strongroom.identity.OwnerSetup;

/** The sign-in page. Spring Security handles the POST; failures come back as {@code ?failed}. */
@Controller
class LoginController {

    private final OwnerSetup setup;

    LoginController(OwnerSetup setup) {
        this.setup = setup;
    }

    @GetMapping("/login")
    String login(org.springframework.ui.Model model) {
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        if (current != null && current.isAuthenticated() && !(current instanceof AnonymousAuthenticationToken)) {
            return "redirect:/";
        }
        model.addAttribute("ownerMissing", !setup.ownerExists());
        return "identity/login";
    }
}
