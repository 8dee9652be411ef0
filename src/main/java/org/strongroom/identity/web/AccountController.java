package org.strongroom.identity.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.strongroom.identity.SecondFactors;
import org.strongroom.identity.StaffDirectory;
import org.strongroom.identity.StaffPrincipal;
import org.strongroom.identity.internal.SignIns;

/** The signed-in person's own account: overview and two-step verification. */
@Controller
class AccountController {

    private final StaffDirectory staff;
    private final SecondFactors factors;
    private final SignIns signIns;

    AccountController(StaffDirectory staff, SecondFactors factors, SignIns signIns) {
        this.staff = staff;
        this.factors = factors;
        this.signIns = signIns;
    }

    @GetMapping("/account")
    String overview(@AuthenticationPrincipal StaffPrincipal principal, Model model) {
        model.addAttribute("profile", staff.find(principal.id()).orElseThrow(() -> new IllegalStateException("signed-in account missing")));
        return "identity/account";
    }

    @GetMapping("/account/security")
    String security(@AuthenticationPrincipal StaffPrincipal principal, Model model) {
        model.addAttribute("hasApp", factors.hasAuthenticatorApp(principal.id()));
        model.addAttribute("codesLeft", factors.recoveryCodesLeft(principal.id()));
        return "identity/account-security";
    }

    /** New recovery codes replace the old ones; a sensitive change, so it needs a fresh second factor. */
    @PostMapping("/account/security/recovery-codes")
    String regenerate(@AuthenticationPrincipal StaffPrincipal principal, Model model, HttpServletRequest request) {
        if (!signIns.isFresh(request.getSession(false))) {
            return "redirect:/mfa/challenge?stepUp&continue=/account/security";
        }
        model.addAttribute("codes", factors.regenerateRecoveryCodes(principal.id()));
        model.addAttribute("next", "/account/security");
        return "identity/recovery-codes";
    }
}
