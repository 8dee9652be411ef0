package org.strongroom.identity.internal;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.strongroom.identity.ApiTokens;
import org.strongroom.identity.StaffAccountChanged;

/**
 * Revokes every token of an account whose access ends (disabled, disabled for inactivity,
 * offboarded, factors reset), in the same transaction as the change. Re-enabling the account does
 * not bring them back. Until then — and should this ever be missed — each token use checks that
 * the account is active.
 */
@Component
class TokensFollowAccounts {

    private final ApiTokens tokens;

    TokensFollowAccounts(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @EventListener
    void on(StaffAccountChanged change) {
        if (change.endsAccess()) {
            tokens.revokeAllOf(change.staff());
        }
    }
}
