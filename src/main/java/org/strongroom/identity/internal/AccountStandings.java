package org.strongroom.identity.internal;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffRole;

/**
 * Role and status of a staff account, by id: what a passkey sign-in needs to know before it lets
 * anyone in. Reads {@code staff_account} (this module's own table) but never its personal columns.
 */
@Repository
class AccountStandings {

    /** Whether the account may sign in, and with which role. */
    record Standing(StaffRole role, boolean active) {
    }

    private final JdbcClient jdbc;

    AccountStandings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Standing> find(StaffId id) {
        return jdbc.sql("SELECT role, status FROM staff_account WHERE id = :id")
                .param("id", id.toString())
                .query((rs, n) -> new Standing(StaffRole.valueOf(rs.getString("role")), "ACTIVE".equals(rs.getString("status"))))
                .optional();
    }
}
