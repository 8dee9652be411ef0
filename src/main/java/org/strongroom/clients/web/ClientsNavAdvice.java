package org.strongroom.clients.web;

import org.springframework.dao.DataAccessException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.strongroom.access.AccessPolicy;
import org.strongroom.access.Permission;
import org.strongroom.identity.SignInStage;
import org.strongroom.identity.StaffPrincipal;

/**
 * Puts {@code clientsNav} into every page's model: whether the navigation shows "Clients" — the
 * signed-in person's role holds {@code client.read}. That permission is client-bound, so the
 * shell's {@code shellMay} (organisation-level permissions only) cannot say it; which clients the
 * person then sees is the directory's business.
 */
@ControllerAdvice
class ClientsNavAdvice {

    private final AccessPolicy policy;

    ClientsNavAdvice(AccessPolicy policy) {
        this.policy = policy;
    }

    @ModelAttribute("clientsNav")
    boolean clientsNav() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof StaffPrincipal principal)
                || authentication.getAuthorities().stream().noneMatch(a -> SignInStage.COMPLETE.equals(a.getAuthority()))) {
            return false;
        }
        try {
            return policy.role(principal.role().key()).filter(r -> r.forStaff() && r.holds(Permission.CLIENT_READ)).isPresent();
        } catch (DataAccessException e) {
            // The page must render even when the database is failing (e.g. on the error page).
            return false;
        }
    }
}
