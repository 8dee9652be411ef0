package org.strongroom.identity.web;

import jakarta.servlet.http.HttpSession;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.strongroom.identity.StaffPrincipal;
import org.strongroom.identity.internal.SignIns;
import org.strongroom.identity.internal.StaffPasskeys;

/**
 * The person's own passkeys: list (name, added, last used), add (in the browser, through
 * passkeys.js and Spring's WebAuthn endpoints) and remove. Adding and removing change how the
 * account can be entered, so both need a second factor from the last few minutes (step-up).
 */
@Controller
class PasskeysController {

    static final String STEP_UP = "/mfa/challenge?stepUp&continue=/account/passkeys";

    private final StaffPasskeys passkeys;
    private final SignIns signIns;

    PasskeysController(StaffPasskeys passkeys, SignIns signIns) {
        this.passkeys = passkeys;
        this.signIns = signIns;
    }

    @GetMapping("/account/passkeys")
    String list(@AuthenticationPrincipal StaffPrincipal staff, @Nullable HttpSession session, Model model) {
        model.addAttribute("passkeys", passkeys.list(staff.id()));
        model.addAttribute("fresh", signIns.isFresh(session));
        model.addAttribute("stepUpUrl", STEP_UP);
        return "identity/passkeys";
    }

    @PostMapping("/account/passkeys/remove")
    String remove(@AuthenticationPrincipal StaffPrincipal staff, @Nullable HttpSession session,
            @RequestParam(name = "credential", defaultValue = "") String credential) {
        if (!signIns.isFresh(session)) {
            return "redirect:" + STEP_UP;
        }
        if (credential.isEmpty() || credential.length() > 1400) {
            return "redirect:/account/passkeys?notFound";
        }
        return switch (passkeys.remove(staff.id(), credential)) {
            case REMOVED -> "redirect:/account/passkeys?removed";
            case NOT_FOUND -> "redirect:/account/passkeys?notFound";
            case LAST_FACTOR -> "redirect:/account/passkeys?lastFactor";
        };
    }
}
