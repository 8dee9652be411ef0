package org.strongroom.identity.internal;

import java.time.Clock;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;
import org.strongroom.identity.StaffPrincipal;

/** Keeps the time of the last and the previous sign-in, so people can spot one that was not theirs. */
@Component
class SignInRecorder {

    private final Accounts accounts;
    private final Clock clock;

    SignInRecorder(Accounts accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    @EventListener
    void on(AuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof StaffPrincipal staff) {
            accounts.recordSignIn(staff.id(), clock.instant());
        }
    }
}
