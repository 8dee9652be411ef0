package org.strongroom.access.web;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.strongroom.access.AccessPolicy;
import org.strongroom.access.Actor;
import org.strongroom.access.BreakGlass;
import org.strongroom.access.Permission;
import org.strongroom.identity.SignInStage;
import org.strongroom.identity.StaffPrincipal;

/**
 * Puts {@code accessNav} into every page's model for a completely signed-in person (else null),
 * so the layout can show the links to the access pages by permission rather than by role name:
 * roles (editable or read-only) and the break-the-glass review queue with its waiting count. One
 * count query per page, for reviewers only.
 */
@ControllerAdvice
class AccessNavAdvice {

    /** What the navigation may offer. {@code rolesPath} is null when neither roles page is open to the person. */
    record AccessNav(@Nullable String rolesPath, boolean reviews, long waitingReviews) {
    }

    private final AccessPolicy policy;
    private final BreakGlass breakGlass;

    AccessNavAdvice(AccessPolicy policy, BreakGlass breakGlass) {
        this.policy = policy;
        this.breakGlass = breakGlass;
    }

    @ModelAttribute("accessNav")
    @Nullable AccessNav accessNav() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof StaffPrincipal principal)
                || authentication.getAuthorities().stream().noneMatch(a -> SignInStage.COMPLETE.equals(a.getAuthority()))) {
            return null;
        }
        try {
            Actor actor = Actor.of(principal);
            String roles = policy.decide(actor, Permission.ROLE_MANAGE).allowed() ? RolesController.EDITABLE
                    : policy.decide(actor, Permission.ACCESS_REVIEW).allowed() ? RolesController.READ_ONLY : null;
            boolean reviews = policy.decide(actor, Permission.BREAK_GLASS_REVIEW).allowed();
            return new AccessNav(roles, reviews, reviews ? breakGlass.pendingCount(actor) : 0);
        } catch (DataAccessException e) {
            // The page must render even when the database is failing (e.g. on the error page).
            return null;
        }
    }
}
