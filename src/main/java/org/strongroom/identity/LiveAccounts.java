package org.strongroom.identity;

import jakarta.servlet.Filter;

import org.springframework.stereotype.Service;
import org.strongroom.identity.internal.Accounts;
import org.strongroom.identity.internal.LiveAccountFilter;

/** Keeps signed-in sessions in step with their accounts (see {@link #sessionFilter()}). */
@Service
public class LiveAccounts {

    private final Accounts accounts;

    LiveAccounts(Accounts accounts) {
        this.accounts = accounts;
    }

    /**
     * A filter for the security chain, placed before authorisation: the session of an account
     * that is no longer active ends on its next request; a changed role applies at once.
     */
    public Filter sessionFilter() {
        return new LiveAccountFilter(accounts);
    }
}
