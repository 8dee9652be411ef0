package org.strongroom.access.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.strongroom.access.AccessPolicy;
import org.strongroom.access.AccessResult;
import org.strongroom.access.Actor;
import org.strongroom.access.Permission;
import org.strongroom.access.Reach;
import org.strongroom.access.RoleDefinition;
import org.strongroom.access.Roles;
import org.strongroom.access.Sensitivity;
import org.strongroom.access.Visibility;
import org.strongroom.identity.StaffPrincipal;
import org.strongroom.identity.StaffRole;

/**
 * The permission matrix and the custom role form. {@code /admin/roles} is the owner's editable
 * view (the security chain asks for {@code role.manage}); {@code /admin/access/roles} shows the
 * same matrix read-only to anyone with {@code access.review}. The {@link Roles} service asks the
 * policy again on every call. Bad input is answered with 422 and the form again, a stale edit with
 * 409 and the role as it now is; nothing is saved in either case.
 */
@Controller
class RolesController {

    static final String EDITABLE = "/admin/roles";
    static final String READ_ONLY = "/admin/access/roles";

    private final Roles roles;
    private final AccessPolicy policy;

    RolesController(Roles roles, AccessPolicy policy) {
        this.roles = roles;
        this.policy = policy;
    }

    @GetMapping(EDITABLE)
    String matrix(@AuthenticationPrincipal StaffPrincipal me, Model model) {
        return matrix(me, model, true);
    }

    @GetMapping(READ_ONLY)
    String readOnlyMatrix(@AuthenticationPrincipal StaffPrincipal me, Model model) {
        return matrix(me, model, false);
    }

    private String matrix(StaffPrincipal me, Model model, boolean editable) {
        Actor actor = Actor.of(me);
        if (editable) {
            // The links to change roles are shown only to someone who may follow them.
            policy.require(actor, Permission.ROLE_MANAGE);
        }
        List<RoleDefinition> all = roles.all(actor);
        model.addAttribute("roles", all);
        model.addAttribute("matrix", PermissionMatrix.ofAll());
        model.addAttribute("sensitivities", Sensitivity.values());
        model.addAttribute("editable", editable);
        model.addAttribute("customCount", all.stream().filter(r -> !r.builtIn()).count());
        return "access/roles";
    }

    @GetMapping(EDITABLE + "/new")
    String newRole(@AuthenticationPrincipal StaffPrincipal me, Model model) {
        // Asks the policy even though the security chain already did: the page must not depend on the URL rule alone.
        policy.require(Actor.of(me), Permission.ROLE_MANAGE);
        return form(model, RoleForm.blank(), null, 0);
    }

    @PostMapping(EDITABLE + "/new")
    String create(@RequestParam MultiValueMap<String, String> body, @AuthenticationPrincipal StaffPrincipal me, Model model,
                  HttpServletResponse response, RedirectAttributes redirect) {
        policy.require(Actor.of(me), Permission.ROLE_MANAGE);
        RoleForm typed = RoleForm.read(body);
        if (!typed.readable()) {
            response.setStatus(422);
            return form(model, typed, null, 0);
        }
        AccessResult<RoleDefinition> result = roles.create(Actor.of(me), typed.draft());
        if (result instanceof AccessResult.Done<RoleDefinition> done) {
            redirect.addFlashAttribute("done", "accesspages.role.created");
            redirect.addFlashAttribute("doneRole", done.value().label());
            return "redirect:" + EDITABLE;
        }
        response.setStatus(422);
        return form(model, typed.withProblems(problems(result)), null, 0);
    }

    @GetMapping(EDITABLE + "/{key}")
    String edit(@PathVariable String key, @AuthenticationPrincipal StaffPrincipal me, Model model) {
        Actor actor = Actor.of(me);
        RoleDefinition role = customRole(actor, key);
        return form(model, RoleForm.of(role), role, roles.holders(actor, key));
    }

    @PostMapping(EDITABLE + "/{key}")
    String update(@PathVariable String key, @RequestParam MultiValueMap<String, String> body,
                  @AuthenticationPrincipal StaffPrincipal me, Model model, HttpServletResponse response,
                  RedirectAttributes redirect) {
        Actor actor = Actor.of(me);
        RoleDefinition current = customRole(actor, key);
        RoleForm typed = RoleForm.read(body);
        if (!typed.readable()) {
            response.setStatus(422);
            return form(model, typed, current, roles.holders(actor, key));
        }
        AccessResult<RoleDefinition> result = roles.update(actor, key, typed.draft(), typed.version);
        if (result instanceof AccessResult.Done<RoleDefinition> done) {
            redirect.addFlashAttribute("done", "accesspages.role.updated");
            redirect.addFlashAttribute("doneRole", done.value().label());
            return "redirect:" + EDITABLE;
        }
        if (result instanceof AccessResult.Conflict<RoleDefinition>) {
            return conflict(actor, key, model, response);
        }
        Map<String, String> problems = problems(result);
        if ("access.role.unknown".equals(problems.get("role"))) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        response.setStatus(422);
        return form(model, typed.withProblems(problems), current, roles.holders(actor, key));
    }

    @PostMapping(EDITABLE + "/{key}/delete")
    String delete(@PathVariable String key, @RequestParam(defaultValue = "") String version,
                  @AuthenticationPrincipal StaffPrincipal me, Model model, HttpServletResponse response,
                  RedirectAttributes redirect) {
        Actor actor = Actor.of(me);
        RoleDefinition current = customRole(actor, key);
        long expected;
        try {
            expected = Long.parseLong(version);
        } catch (NumberFormatException e) {
            expected = -1;
        }
        AccessResult<Boolean> result = roles.delete(actor, key, expected);
        if (result instanceof AccessResult.Done<Boolean>) {
            redirect.addFlashAttribute("done", "accesspages.role.deleted");
            redirect.addFlashAttribute("doneRole", current.label());
            return "redirect:" + EDITABLE;
        }
        if (result instanceof AccessResult.Conflict<Boolean>) {
            return conflict(actor, key, model, response);
        }
        Map<String, String> problems = problems(result);
        if ("access.role.unknown".equals(problems.get("role"))) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        // Held by someone: the role stays as it is; say why at the delete button.
        response.setStatus(HttpServletResponse.SC_CONFLICT);
        model.addAttribute("deleteProblem", problems.getOrDefault("role", "access.role.inUse"));
        return form(model, RoleForm.of(current), current, roles.holders(actor, key));
    }

    /** Someone changed (or deleted) the role since the form was loaded: show it as it is now. */
    private String conflict(Actor actor, String key, Model model, HttpServletResponse response) {
        Optional<RoleDefinition> now = roles.find(actor, key).filter(r -> !r.builtIn());
        if (now.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        response.setStatus(HttpServletResponse.SC_CONFLICT);
        model.addAttribute("conflict", true);
        return form(model, RoleForm.of(now.get()), now.get(), roles.holders(actor, key));
    }

    /** A custom role by its key from the address; built-in roles and unknown keys are not found here. */
    private RoleDefinition customRole(Actor actor, String key) {
        policy.require(actor, Permission.ROLE_MANAGE);
        if (!StaffRole.isWellFormed(key)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return roles.find(actor, key).filter(r -> !r.builtIn())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static Map<String, String> problems(AccessResult<?> result) {
        if (result instanceof AccessResult.Rejected<?> rejected) {
            return rejected.problems();
        }
        return Map.of("role", "accesspages.role.notSaved");
    }

    private static String form(Model model, RoleForm form, RoleDefinition role, long holders) {
        model.addAttribute("form", form);
        model.addAttribute("role", role);
        model.addAttribute("holders", holders);
        model.addAttribute("matrix", PermissionMatrix.ofAll());
        model.addAttribute("reaches", List.of(Reach.ORGANISATION, Reach.CARE_TEAM, Reach.NONE));
        model.addAttribute("sensitivities", Sensitivity.values());
        model.addAttribute("visibilities", Visibility.values());
        return "access/role-form";
    }
}
