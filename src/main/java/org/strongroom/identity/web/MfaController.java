package org.strongroom.identity.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.strongroom.identity.SecondFactors;
import org.strongroom.identity.SignInStage;
import org.strongroom.identity.StaffPrincipal;
import org.strongroom.identity.internal.SafePaths;
import org.strongroom.identity.internal.SecondFactorEvents;
import org.strongroom.identity.internal.SignIns;

/**
 * The second step of signing in, enrolment of an authenticator app, and step-up. After a correct
 * password the session reaches only these pages: {@code /mfa/challenge} when the account has a
 * factor, {@code /mfa/enrol} when it has none. Enrolment by a signed-in person (replacing their
 * app) and step-up for sensitive operations use the same pages.
 */
@Controller
class MfaController {

    private final SecondFactors factors;
    private final SignIns signIns;
    private final SecondFactorEvents events;
    private final RequestCache requestCache = new HttpSessionRequestCache();

    MfaController(SecondFactors factors, SignIns signIns, SecondFactorEvents events) {
        this.factors = factors;
        this.signIns = signIns;
        this.events = events;
    }

    @GetMapping("/mfa/challenge")
    String challenge(@RequestParam(name = "continue", defaultValue = "/") String next, Model model,
                     @AuthenticationPrincipal StaffPrincipal staff, Authentication authentication) {
        model.addAttribute("stepUp", isComplete(authentication));
        model.addAttribute("next", SafePaths.local(next));
        model.addAttribute("hasApp", factors.hasAuthenticatorApp(staff.id()));
        return "identity/mfa-challenge";
    }

    @PostMapping("/mfa/challenge")
    String verify(@RequestParam(name = "code", defaultValue = "") String code,
                  @RequestParam(name = "continue", defaultValue = "/") String next,
                  @AuthenticationPrincipal StaffPrincipal staff, Authentication authentication, Model model,
                  HttpServletRequest request, HttpServletResponse response) {
        String typed = code.length() > 64 ? "" : code.strip();
        boolean stepUp = isComplete(authentication);
        SecondFactors.Outcome outcome;
        String factor;
        if (typed.replace(" ", "").length() > 6) {
            factor = "recovery_code";
            outcome = factors.useRecoveryCode(staff.id(), typed) ? SecondFactors.Outcome.ACCEPTED : SecondFactors.Outcome.REFUSED;
        } else {
            factor = "authenticator_app";
            outcome = factors.verifyAuthenticatorCode(staff.id(), typed);
        }
        events.secondFactor(staff.id(), factor, outcome, stepUp, request);
        if (outcome == SecondFactors.Outcome.ACCEPTED) {
            if (stepUp) {
                signIns.steppedUp(request);
                return "redirect:" + SafePaths.local(next);
            }
            signIns.completeWithFactor(staff, request, response);
            return "redirect:" + afterSignIn(request, response);
        }
        response.setStatus(422);
        model.addAttribute("stepUp", stepUp);
        model.addAttribute("next", SafePaths.local(next));
        model.addAttribute("hasApp", factors.hasAuthenticatorApp(staff.id()));
        model.addAttribute("problem", switch (outcome) {
            case LOCKED -> "mfa.challenge.locked";
            case NOT_ENROLLED -> "mfa.challenge.noApp";
            default -> "mfa.challenge.wrong";
        });
        return "identity/mfa-challenge";
    }

    @GetMapping("/mfa/enrol")
    String enrol(@AuthenticationPrincipal StaffPrincipal staff, Authentication authentication, Model model,
                 HttpServletRequest request) {
        if (isComplete(authentication) && !signIns.isFresh(request.getSession(false))) {
            return "redirect:/mfa/challenge?stepUp&continue=/mfa/enrol";
        }
        model.addAttribute("enrolment", factors.currentOrNewEnrolment(staff.id()));
        model.addAttribute("replacing", factors.hasAuthenticatorApp(staff.id()));
        return "identity/mfa-enrol";
    }

    @PostMapping("/mfa/enrol")
    String confirm(@RequestParam(name = "code", defaultValue = "") String code,
                   @AuthenticationPrincipal StaffPrincipal staff, Authentication authentication, Model model,
                   HttpServletRequest request, HttpServletResponse response) {
        boolean complete = isComplete(authentication);
        if (complete && !signIns.isFresh(request.getSession(false))) {
            return "redirect:/mfa/challenge?stepUp&continue=/mfa/enrol";
        }
        String typed = code.length() > 64 ? "" : code;
        if (!factors.confirmAuthenticatorEnrolment(staff.id(), typed)) {
            events.enrolment(staff.id(), "authenticator_app", false, request);
            response.setStatus(422);
            model.addAttribute("enrolment", factors.currentOrNewEnrolment(staff.id()));
            model.addAttribute("replacing", factors.hasAuthenticatorApp(staff.id()));
            model.addAttribute("problem", "mfa.enrol.wrong");
            return "identity/mfa-enrol";
        }
        events.enrolment(staff.id(), "authenticator_app", true, request);
        if (complete) {
            signIns.steppedUp(request);
        } else {
            signIns.completeWithFactor(staff, request, response);
        }
        // Shown in this response only: never put into the session, a redirect or a log.
        boolean firstCodes = factors.recoveryCodesLeft(staff.id()) == 0;
        List<String> codes = firstCodes ? factors.regenerateRecoveryCodes(staff.id()) : List.of();
        model.addAttribute("codes", codes);
        model.addAttribute("next", complete ? "/account/security" : afterSignIn(request, response));
        return firstCodes ? "identity/recovery-codes" : "redirect:/account/security?appReplaced";
    }

    private String afterSignIn(HttpServletRequest request, HttpServletResponse response) {
        SavedRequest saved = requestCache.getRequest(request, response);
        requestCache.removeRequest(request, response);
        if (saved == null) {
            return "/";
        }
        // The saved request is a full URL of this server; keep its path and query only.
        java.net.URI uri = java.net.URI.create(saved.getRedirectUrl());
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return SafePaths.local(path);
    }

    static boolean isComplete(Authentication authentication) {
        return authentication.getAuthorities().stream().anyMatch(a -> SignInStage.COMPLETE.equals(a.getAuthority()));
    }
}
