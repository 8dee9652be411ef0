package org.strongroom.identity.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.strongroom.identity.InvitationLinks;
import org.strongroom.identity.RoleCatalogue;
import org.strongroom.identity.StaffAdministration;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffPrincipal;
import org.strongroom.identity.StaffRole;
import org.strongroom.identity.internal.SignIns;

/**
 * The staff list for owners and administrators (the security chain admits no one else): invite,
 * change role, disable, enable, offboard, reset someone's second factor. Resetting factors and
 * offboarding ask for the administrator's own second factor again when it is stale.
 */
@Controller
class UsersController {

    private final StaffAdministration administration;
    private final InvitationLinks links;
    private final SignIns signIns;
    private final RoleCatalogue roles;
    private final MessageSource messages;

    UsersController(StaffAdministration administration, InvitationLinks links, SignIns signIns, RoleCatalogue roles,
                    MessageSource messages) {
        this.roles = roles;
        this.messages = messages;
        this.administration = administration;
        this.links = links;
        this.signIns = signIns;
    }

    @GetMapping("/admin/users")
    String list(Model model, @AuthenticationPrincipal StaffPrincipal me, Locale locale) {
        model.addAttribute("members", administration.list());
        model.addAttribute("me", me.id());
        // Offered: the roles this person may hand out (an administrator cannot give more than they hold).
        List<RoleCatalogue.RoleChoice> all = roles.staffRoles();
        Map<String, String> labels = new LinkedHashMap<>();
        for (RoleCatalogue.RoleChoice choice : all) {
            labels.put(choice.role().name(), choice.label() != null ? choice.label()
                    : messages.getMessage("users.role." + choice.role().name(), null, choice.role().name(), locale));
        }
        model.addAttribute("roles", all.stream()
                .filter(c -> StaffRole.OWNER.equals(me.role()) || (!StaffRole.OWNER.equals(c.role()) && roles.covers(me.role(), c.role())))
                .map(RoleCatalogue.RoleChoice::role).toList());
        model.addAttribute("roleLabels", labels);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", Map.of("name", "", "email", "", "role", "STAFF"));
        }
        return "identity/users";
    }

    @PostMapping("/admin/users/invite")
    String invite(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String email,
                  @RequestParam(defaultValue = "STAFF") String role, @AuthenticationPrincipal StaffPrincipal me,
                  Model model, HttpServletResponse response, Locale locale) {
        StaffRole chosen;
        try {
            chosen = StaffRole.valueOf(role);
        } catch (IllegalArgumentException e) {
            chosen = null;
        }
        StaffAdministration.Invitation result = chosen == null
                ? new StaffAdministration.Invitation.Rejected(Map.of("role", "users.role.invalid"))
                : administration.invite(me.id(), name, email, chosen);
        if (result instanceof StaffAdministration.Invitation.Sent sent) {
            InvitationLinks.Delivery delivery = links.deliver(sent.staff(), sent.token(), locale);
            // The link is shown in this response only (never stored in the session or a redirect).
            model.addAttribute("invited", name.strip());
            model.addAttribute("mailed", delivery.mailed());
            model.addAttribute("link", delivery.mailed() ? null : delivery.link());
            return list(model, me, locale);
        }
        response.setStatus(422);
        model.addAttribute("problems", ((StaffAdministration.Invitation.Rejected) result).problems());
        model.addAttribute("form", Map.of("name", name.length() > 200 ? "" : name, "email", email.length() > 254 ? "" : email,
                "role", chosen == null ? "STAFF" : chosen.name()));
        return list(model, me, locale);
    }

    @PostMapping("/admin/users/{id}/reinvite")
    String reinvite(@PathVariable String id, @AuthenticationPrincipal StaffPrincipal me, Model model, Locale locale) {
        StaffId staff = parse(id);
        var token = staff == null ? java.util.Optional.<String>empty() : administration.reinvite(me.id(), staff);
        if (token.isEmpty()) {
            model.addAttribute("refused", "users.refused.state");
            return list(model, me, locale);
        }
        InvitationLinks.Delivery delivery = links.deliver(staff, token.get(), locale);
        model.addAttribute("reinvited", true);
        model.addAttribute("mailed", delivery.mailed());
        model.addAttribute("link", delivery.mailed() ? null : delivery.link());
        return list(model, me, locale);
    }

    @PostMapping("/admin/users/{id}/{action}")
    String act(@PathVariable String id, @PathVariable String action, @RequestParam(defaultValue = "") String role,
               @AuthenticationPrincipal StaffPrincipal me, HttpServletRequest request, RedirectAttributes redirect) {
        StaffId staff = parse(id);
        boolean sensitive = action.equals("reset-factors") || action.equals("offboard");
        if (sensitive && !signIns.isFresh(request.getSession(false))) {
            return "redirect:/mfa/challenge?stepUp&continue=/admin/users";
        }
        StaffAdministration.Outcome outcome;
        if (staff == null) {
            outcome = new StaffAdministration.Outcome.Refused("users.refused.unknown");
        } else {
            outcome = switch (action) {
                case "disable" -> administration.disable(me.id(), staff);
                case "enable" -> administration.enable(me.id(), staff);
                case "offboard" -> administration.offboard(me.id(), staff);
                case "reset-factors" -> administration.resetFactors(me.id(), staff);
                case "role" -> {
                    try {
                        yield administration.changeRole(me.id(), staff, StaffRole.valueOf(role));
                    } catch (IllegalArgumentException e) {
                        yield new StaffAdministration.Outcome.Refused("users.role.invalid");
                    }
                }
                default -> new StaffAdministration.Outcome.Refused("users.refused.unknownAction");
            };
        }
        if (outcome instanceof StaffAdministration.Outcome.Refused refused) {
            redirect.addFlashAttribute("refused", refused.reason());
        } else {
            redirect.addFlashAttribute("done", "users.done." + action);
        }
        return "redirect:/admin/users";
    }

    private static StaffId parse(String id) {
        try {
            return StaffId.parse(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
