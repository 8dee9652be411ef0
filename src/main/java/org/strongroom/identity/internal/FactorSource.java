package org.strongroom.identity.internal;

import org.strongroom.identity.StaffId;

/**
 * One kind of second factor (authenticator app, passkeys). A staff member with none of them
 * enrolled can reach nothing but the enrolment page. Recovery codes are not a source: they only
 * stand in for a factor the person has.
 */
public interface FactorSource {

    /** Whether the staff member has at least one usable factor of this kind. */
    boolean isEnrolled(StaffId staff);
}
