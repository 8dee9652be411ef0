package org.strongroom.identity.internal;

import org.springframework.stereotype.Component;
import org.strongroom.identity.StaffId;

/** Passkeys as a second factor: a staff member with at least one passkey has this factor. */
@Component
class PasskeyFactor implements FactorSource {

    private final Passkeys passkeys;

    PasskeyFactor(Passkeys passkeys) {
        this.passkeys = passkeys;
    }

    @Override
    public boolean isEnrolled(StaffId staff) {
        return passkeys.hasAny(staff);
    }
}
