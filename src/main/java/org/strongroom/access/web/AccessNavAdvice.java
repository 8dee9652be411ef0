package org.strongroom.access.web;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.strongroom.access.Actor;
import org.strongroom.access.BreakGlass;
import org.strongroom.identity.SignInStage;
import org.strongroom.identity.StaffPrincipal;

/**
 * Puts {@code accessNav} into every page's model for a completely signed-in person (else null):
 * the number of break-the-glass uses waiting for review, for the badge on the navigation's
 * Reviews link (which links are shown at all comes from {@code shellMay}). One count query per
 * page, for reviewers only — {@link BreakGlass#pendingCount} answers zero without a query for
 * everyone else.
 */
@ControllerAdvice
class AccessNavAdvice {

    /** What the navigation shows about access work. */
    record AccessNav(long waitingReviews) {
    }

    private final BreakGlass breakGlass;

    AccessNavAdvice(BreakGlass breakGlass) {
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
            return new AccessNav(breakGlass.pendingCount(Actor.of(principal)));
        } catch (DataAccessException e) {
            // The page must render even when the database is failing (e.g. on the error page).
            return null;
        }
    }
}
