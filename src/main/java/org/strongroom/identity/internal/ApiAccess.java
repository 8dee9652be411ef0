package org.strongroom.identity.internal;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.strongroom.identity.ApiScope;
import org.strongroom.identity.SignInStage;
import org.strongroom.identity.RoleCatalogue;
import org.strongroom.identity.StaffPrincipal;

/**
 * Request rules of the JSON API. A token's rights are the intersection of its scopes and its
 * account's current role: a rule names a scope and a permission, and a missing scope is reported
 * as {@code insufficient_scope} while a missing permission is a plain 403.
 */
final class ApiAccess {

    private ApiAccess() {
    }

    /**
     * Allowed for a token that holds the scope and whose account's role holds the permission now
     * (asked of the access policy through {@link RoleCatalogue}).
     */
    static AuthorizationManager<RequestAuthorizationContext> scopeAndPermission(ApiScope scope, String permission,
                                                                                RoleCatalogue roles) {
        return (Supplier<? extends @Nullable Authentication> authentication, RequestAuthorizationContext context) -> {
            Set<String> held = held(authentication.get());
            if (!held.contains(SignInStage.API_TOKEN)) {
                return new AuthorizationDecision(false);
            }
            if (!held.contains(scope.authority())) {
                context.getRequest().setAttribute(ApiProblems.MISSING_SCOPE, scope.value());
                return new AuthorizationDecision(false);
            }
            Authentication who = authentication.get();
            return new AuthorizationDecision(who != null && who.getPrincipal() instanceof StaffPrincipal staff
                    && roles.permits(staff.role(), permission));
        };
    }

    /**
     * Allowed for a token that holds the scope; the service behind the endpoint asks the access
     * policy for the permission on the record (so a client out of reach can answer 404).
     */
    static AuthorizationManager<RequestAuthorizationContext> scope(ApiScope scope) {
        return (Supplier<? extends @Nullable Authentication> authentication, RequestAuthorizationContext context) -> {
            Set<String> held = held(authentication.get());
            if (!held.contains(SignInStage.API_TOKEN)) {
                return new AuthorizationDecision(false);
            }
            if (!held.contains(scope.authority())) {
                context.getRequest().setAttribute(ApiProblems.MISSING_SCOPE, scope.value());
                return new AuthorizationDecision(false);
            }
            return new AuthorizationDecision(true);
        };
    }

    private static Set<String> held(@Nullable Authentication authentication) {
        Set<String> held = new HashSet<>();
        if (authentication != null && authentication.isAuthenticated()) {
            for (GrantedAuthority a : authentication.getAuthorities()) {
                held.add(a.getAuthority());
            }
        }
        return held;
    }
}
