package org.strongroom.identity.internal;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffRole;
import org.strongroom.identity.StaffStatus;

/**
 * The staff list as the API shows it: ids, roles and statuses, read without opening any name or
 * email ciphertext. (A candidate to fold into {@code Accounts}.)
 */
@Repository
public class StaffStanding {

    /** An account's role and status. */
    public record Standing(StaffId id, StaffRole role, StaffStatus status) {
    }

    private final JdbcClient jdbc;

    StaffStanding(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every account but offboarded ones, oldest first. */
    public List<Standing> listAll() {
        return jdbc.sql("""
                SELECT id, role, status
                FROM staff_member
                WHERE status <> 'OFFBOARDED'
                ORDER BY created_at, id
                """)
                .query((rs, n) -> new Standing(StaffId.parse(rs.getString("id")), StaffRole.valueOf(rs.getString("role")),
                        StaffStatus.valueOf(rs.getString("status"))))
                .list();
    }
}
