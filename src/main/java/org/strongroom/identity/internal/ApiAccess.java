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
import org.strongroom.identity.StaffRole;

/**
 * Request rules of the JSON API. A token's rights are the intersection of its scopes and its
 * account's current role: a rule names both, and a missing scope is reported as
 * {@code insufficient_scope} while a missing role is a plain 403.
 */
final class ApiAccess {

    private ApiAccess() {
    }

    /** Allowed for a token that holds the scope and whose account has one of the roles. */
    static AuthorizationManager<RequestAuthorizationContext> scopeAndRole(ApiScope scope, StaffRole... roles) {
        return (Supplier<? extends @Nullable Authentication> authentication, RequestAuthorizationContext context) -> {
            Set<String> held = held(authentication.get());
            if (!held.contains(SignInStage.API_TOKEN)) {
                return new AuthorizationDecision(false);
            }
            if (!held.contains(scope.authority())) {
                context.getRequest().setAttribute(ApiProblems.MISSING_SCOPE, scope.value());
                return new AuthorizationDecision(false);
            }
            for (StaffRole role : roles) {
                if (held.contains(role.authority())) {
                    return new AuthorizationDecision(true);
                }
            }
            return new AuthorizationDecision(false);
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
