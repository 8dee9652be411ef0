package org.strongroom.web.internal;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.strongroom.identity.RoleCatalogue;
import org.strongroom.identity.SignInStage;
import org.strongroom.identity.StaffPrincipal;

/**
 * Request-level rules that ask the access policy (through {@link RoleCatalogue}) whether the
 * signed-in person's role holds an organisation-level permission. The services behind these
 * pages ask again; the route rule only keeps a page shell from rendering for someone who could
 * not use it.
 */
final class Decisions {

    private Decisions() {
    }

    /** Allowed when the sign-in is complete and the account's role holds the permission now. */
    static AuthorizationManager<RequestAuthorizationContext> completeWithPermission(RoleCatalogue roles, String permission) {
        return (authentication, context) -> decide(authentication.get(), roles, permission);
    }

    /** A complete sign-in whose role holds at least one of the permissions (e.g. a read-only view for auditors). */
    static AuthorizationManager<RequestAuthorizationContext> completeWithAnyPermission(RoleCatalogue roles, String... permissions) {
        return (authentication, context) -> {
            for (String permission : permissions) {
                if (decide(authentication.get(), roles, permission).isGranted()) {
                    return new AuthorizationDecision(true);
                }
            }
            return new AuthorizationDecision(false);
        };
    }

    /**
     * A complete sign-in whose role holds every one of the permissions, client-bound ones included
     * (held somewhere: the service decides per client).
     */
    static AuthorizationManager<RequestAuthorizationContext> completeHoldingAll(RoleCatalogue roles, String... permissions) {
        return (authentication, context) -> {
            Authentication who = authentication.get();
            if (!decide(who, roles, null).isGranted()) {
                return new AuthorizationDecision(false);
            }
            StaffPrincipal staff = (StaffPrincipal) who.getPrincipal();
            for (String permission : permissions) {
                if (!roles.holds(staff.role(), permission)) {
                    return new AuthorizationDecision(false);
                }
            }
            return new AuthorizationDecision(true);
        };
    }

    /** With a {@code null} permission: only whether the sign-in is complete. */
    static AuthorizationDecision decide(@Nullable Authentication authentication, RoleCatalogue roles, @Nullable String permission) {
        if (authentication == null || !authentication.isAuthenticated()
                || !(authentication.getPrincipal() instanceof StaffPrincipal staff)) {
            return new AuthorizationDecision(false);
        }
        boolean complete = false;
        for (GrantedAuthority a : authentication.getAuthorities()) {
            complete |= SignInStage.COMPLETE.equals(a.getAuthority());
        }
        return new AuthorizationDecision(complete && (permission == null || roles.permits(staff.role(), permission)));
    }
}
