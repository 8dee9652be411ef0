package org.strongroom.web.internal;

import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.strongroom.identity.SignInStage;

/** Request-level checks that need more than one authority at once. */
final class Decisions {

    private Decisions() {
    }

    /** Allowed when the sign-in is complete and the account has one of the roles. */
    static AuthorizationDecision completeWithAnyRole(@Nullable Authentication authentication, String... roles) {
        if (authentication == null || !authentication.isAuthenticated()) {
            return new AuthorizationDecision(false);
        }
        Set<String> held = new java.util.HashSet<>();
        for (GrantedAuthority a : authentication.getAuthorities()) {
            held.add(a.getAuthority());
        }
        if (!held.contains(SignInStage.COMPLETE)) {
            return new AuthorizationDecision(false);
        }
        for (String role : roles) {
            if (held.contains("ROLE_" + role)) {
                return new AuthorizationDecision(true);
            }
        }
        return new AuthorizationDecision(false);
    }
}
