package org.strongroom.web.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.dao.DataAccessException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.strongroom.identity.RoleCatalogue;
import org.strongroom.identity.StaffDirectory;
import org.strongroom.identity.SignInStage;
import org.strongroom.identity.StaffPrincipal;

/** What every page's shell needs: who is signed in (for the header) and where the page is (for the language menu). */
@ControllerAdvice
class ShellModelAdvice {

    /** The organisation-level permissions the navigation shows links for. */
    private static final List<String> NAVIGATION = List.of("user.manage", "keys.manage", "audit.read", "role.manage",
            "access.review", "break_glass.review", "break_glass.use",
            "settings.manage", "compliance.read");

    private final StaffDirectory staff;
    private final RoleCatalogue roles;

    ShellModelAdvice(StaffDirectory staff, RoleCatalogue roles) {
        this.staff = staff;
        this.roles = roles;
    }

    /** Which of the navigation's permissions the signed-in person's role holds now (asked of the policy). */
    @ModelAttribute("shellMay")
    Set<String> shellMay() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof StaffPrincipal principal)
                || authentication.getAuthorities().stream().noneMatch(a -> SignInStage.COMPLETE.equals(a.getAuthority()))) {
            return Set.of();
        }
        try {
            Set<String> may = new HashSet<>(roles.organisationPermissions(principal.role()));
            may.retainAll(NAVIGATION);
            return may;
        } catch (DataAccessException e) {
            return Set.of();
        }
    }

    @ModelAttribute("shellUser")
    Object shellUser() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        // Half-way through signing in (password only) the shell shows no navigation or name.
        if (authentication != null && authentication.getPrincipal() instanceof StaffPrincipal principal
                && authentication.getAuthorities().stream().anyMatch(a -> SignInStage.COMPLETE.equals(a.getAuthority()))) {
            try {
                return staff.find(principal.id()).orElse(null);
            } catch (DataAccessException e) {
                // The shell must render even when the database is failing (e.g. on the error page).
                return null;
            }
        }
        return null;
    }

    /** The label of a custom role (built-in roles are labelled from the messages). */
    @ModelAttribute("shellRoleLabel")
    String shellRoleLabel() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof StaffPrincipal principal)
                || principal.role().isBuiltIn()) {
            return "";
        }
        try {
            return roles.staffRoles().stream().filter(c -> c.role().equals(principal.role()) && c.label() != null)
                    .map(RoleCatalogue.RoleChoice::label).findFirst().orElse(principal.role().name());
        } catch (DataAccessException e) {
            return principal.role().name();
        }
    }

    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        String query = request.getQueryString();
        String path = request.getRequestURI() + (query == null ? "" : "?" + query);
        return LanguageController.safeReturnPath(path);
    }
}
