package org.strongroom.identity;

import java.time.Instant;
import java.util.Set;

import org.strongroom.identity.internal.Accounts;

/**
 * Staff accounts for token tests, made in one place so that a change to how accounts are stored
 * (encrypted email and name) touches only this class. Fictitious people only.
 */
final class TestStaff {

    private TestStaff() {
    }

    static StaffId insert(Accounts accounts, StaffRole role, String email, String name, Instant now) {
        StaffId id = StaffId.random();
        // The hash is never checked by these tests: tokens do not involve the password.
        accounts.insert(id, email, name, "{argon2}not-a-real-hash", role, StaffStatus.ACTIVE, now);
        return id;
    }

    /** Straight in the table, bypassing StaffAdministration and its events (tokens are not revoked). */
    static void disable(Accounts accounts, StaffId id, Instant now) {
        accounts.changeStatus(id, Set.of(StaffStatus.ACTIVE), StaffStatus.DISABLED, "MANUAL", now);
    }

    static void enable(Accounts accounts, StaffId id, Instant now) {
        accounts.changeStatus(id, Set.of(StaffStatus.DISABLED), StaffStatus.ACTIVE, null, now);
    }
}
