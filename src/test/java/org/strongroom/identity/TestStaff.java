package org.strongroom.identity;

import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
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
        accounts.insert(id, email, name, "{argon2}not-a-real-hash", role, now);
        return id;
    }

    static void disable(JdbcClient jdbc, StaffId id) {
        jdbc.sql("UPDATE staff_account SET status = 'DISABLED' WHERE id = :id").param("id", id.toString()).update();
    }

    static void enable(JdbcClient jdbc, StaffId id) {
        jdbc.sql("UPDATE staff_account SET status = 'ACTIVE' WHERE id = :id").param("id", id.toString()).update();
    }

    static void changeRole(JdbcClient jdbc, StaffId id, StaffRole role) {
        jdbc.sql("UPDATE staff_account SET role = :role WHERE id = :id").param("role", role.name())
                .param("id", id.toString()).update();
    }

    static void setLocale(JdbcClient jdbc, StaffId id, String locale) {
        jdbc.sql("UPDATE staff_account SET locale = :locale WHERE id = :id").param("locale", locale)
                .param("id", id.toString()).update();
    }
}
