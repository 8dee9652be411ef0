package org.strongroom.identity.internal;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.strongroom.identity.StaffAccountChanged;
import org.strongroom.identity.StaffId;

/**
 * Passkeys as a second factor: a staff member with at least one passkey has this factor. When an
 * administrator resets someone's factors, or the account is offboarded, their passkeys go too.
 */
@Component
public class PasskeyFactor implements FactorSource {

    private final Passkeys passkeys;

    PasskeyFactor(Passkeys passkeys) {
        this.passkeys = passkeys;
    }

    @Override
    public boolean isEnrolled(StaffId staff) {
        return passkeys.hasAny(staff);
    }

    @EventListener
    void on(StaffAccountChanged event) {
        if (event.change() == StaffAccountChanged.Change.FACTORS_RESET || event.change() == StaffAccountChanged.Change.OFFBOARDED) {
            passkeys.removeAllFor(event.staff());
        }
    }
}
