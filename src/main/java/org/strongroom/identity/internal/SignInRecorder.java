package org.strongroom.identity.internal;

import java.time.Clock;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.strongroom.identity.StaffSignedIn;

/** Keeps the time of the last and the previous sign-in, so people can spot one that was not theirs. */
@Component
class SignInRecorder {

    private final Accounts accounts;
    private final Clock clock;

    SignInRecorder(Accounts accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    /** Only complete sign-ins count: a correct password without the second factor is not one. */
    @EventListener
    void on(StaffSignedIn event) {
        accounts.recordSignIn(event.staff(), clock.instant());
    }
}
