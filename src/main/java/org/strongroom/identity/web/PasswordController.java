package org.strongroom.identity.web;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.strongroom.identity.PasswordAssessment;
import org.strongroom.identity.PasswordChangeResult;
import org.strongroom.identity.PasswordChanges;
import org.strongroom.identity.PasswordRules;
import org.strongroom.identity.StaffDirectory;
import org.strongroom.identity.StaffPrincipal;
import org.strongroom.identity.StaffProfile;
import org.strongroom.identity.internal.SignIns;

/**
 * The strength meter (an htmx fragment under every new-password field) and the page where a
 * signed-in person changes their password: current password plus a fresh second factor.
 * Passwords are never logged, echoed back or kept in the model.
 */
@Controller
class PasswordController {

    /** The meter looks at no more than this many characters (the rules allow 256 code points). */
    static final int METER_INPUT_LIMIT = 1024;
    static final String STEP_UP = "redirect:/mfa/challenge?stepUp&continue=/account/password";

    private final PasswordChanges changes;
    private final StaffDirectory directory;
    private final SignIns signIns;

    PasswordController(PasswordChanges changes, StaffDirectory directory, SignIns signIns) {
        this.changes = changes;
        this.directory = directory;
        this.signIns = signIns;
    }

    /**
     * Rates a candidate password for the meter. Signed-in people are checked against their own
     * name and email; on anonymous forms (setup, invitation) the form's {@code name} and
     * {@code email} fields are used. Answers 429 with nothing to swap when the server is already
     * busy estimating (htmx then keeps the previous meter).
     */
    @PostMapping("/password/strength")
    String strength(@RequestParam(name = "password", defaultValue = "") String password,
                    @RequestParam(name = "name", defaultValue = "") String name,
                    @RequestParam(name = "email", defaultValue = "") String email,
                    Authentication authentication, Model model, HttpServletResponse response) {
        Optional<PasswordAssessment> assessment;
        if (password.length() > METER_INPUT_LIMIT) {
            assessment = Optional.of(new PasswordAssessment(0, "password.tooLong", null));
        } else {
            String personName = limit(name, 200);
            String personEmail = limit(email, 254);
            Optional<StaffProfile> me = signedIn(authentication).flatMap(staff -> directory.find(staff.id()));
            if (me.isPresent()) {
                personName = me.get().displayName();
                personEmail = me.get().email();
            }
            assessment = password.isEmpty() ? Optional.of(new PasswordAssessment(0, null, null))
                    : PasswordRules.tryAssess(password, personName, personEmail);
        }
        if (assessment.isEmpty()) {
            response.setStatus(429);
            return "identity/password-fragments :: busy";
        }
        model.addAttribute("assessment", assessment.get());
        model.addAttribute("empty", password.isEmpty());
        model.addAttribute("minLength", PasswordRules.MIN_LENGTH);
        model.addAttribute("maxLength", PasswordRules.MAX_LENGTH);
        return "identity/password-fragments :: result";
    }

    @GetMapping("/account/password")
    String form(HttpServletRequest request, Model model) {
        if (!signIns.isFresh(request.getSession(false))) {
            return STEP_UP;
        }
        addLimits(model);
        return "identity/password-change";
    }

    @PostMapping("/account/password")
    String change(@RequestParam(name = "currentPassword", defaultValue = "") String currentPassword,
                  @RequestParam(name = "password", defaultValue = "") String password,
                  @RequestParam(name = "passwordConfirm", defaultValue = "") String passwordConfirm,
                  Authentication authentication, HttpServletRequest request, HttpServletResponse response, Model model) {
        HttpSession session = request.getSession(false);
        Optional<StaffPrincipal> me = signedIn(authentication);
        if (me.isEmpty() || !signIns.isFresh(session)) {
            return STEP_UP;
        }
        PasswordChangeResult result = changes.change(me.get().id(), limit(currentPassword, METER_INPUT_LIMIT),
                password, passwordConfirm, session.getId());
        if (result instanceof PasswordChangeResult.Rejected rejected) {
            response.setStatus(422);
            model.addAttribute("problems", rejected.problems());
            addLimits(model);
            return "identity/password-change";
        }
        // The session that made the change stays, under a new id; all others have ended.
        request.changeSessionId();
        return "redirect:/account/password?changed";
    }

    static Optional<StaffPrincipal> signedIn(Authentication authentication) {
        return authentication != null && authentication.getPrincipal() instanceof StaffPrincipal staff
                ? Optional.of(staff) : Optional.empty();
    }

    static void addLimits(Model model) {
        model.addAttribute("minLength", PasswordRules.MIN_LENGTH);
        model.addAttribute("maxLength", PasswordRules.MAX_LENGTH);
    }

    private static String limit(String text, int max) {
        return text.length() > max ? "" : text;
    }
}
