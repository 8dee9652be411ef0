package org.strongroom.identity.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffRole;

/**
 * Reads of {@code staff_account} that API tokens need: an account's current role and whether it
 * is active, checked at every token use so that a disabled account's tokens stop at once and a
 * changed role takes effect at once. Reads no name or email. (To be folded into {@code Accounts}.)
 */
@Repository
public class StaffStanding {

    /** An account's role and status. */
    public record Standing(StaffId id, StaffRole role, String status) {
        public boolean active() {
            return "ACTIVE".equals(status);
        }
    }

    private final JdbcClient jdbc;

    StaffStanding(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Standing> find(StaffId id) {
        return jdbc.sql("SELECT id, role, status FROM staff_account WHERE id = :id")
                .param("id", id.toString())
                .query((rs, n) -> new Standing(StaffId.parse(rs.getString("id")), StaffRole.valueOf(rs.getString("role")),
                        rs.getString("status")))
                .optional();
    }

    public List<Standing> listAll() {
        return jdbc.sql("SELECT id, role, status FROM staff_account ORDER BY created_at, id")
                .query((rs, n) -> new Standing(StaffId.parse(rs.getString("id")), StaffRole.valueOf(rs.getString("role")),
                        rs.getString("status")))
                .list();
    }

    /**
     * TEMPORARY, until {@code StaffDirectory.findByEmail} exists: the account with this email as
     * stored today (in clear, lower-cased). Replaced when email moves to ciphertext + blind index.
     */
    public Optional<StaffId> findIdByEmail(String email) {
        return jdbc.sql("SELECT id FROM staff_account WHERE email = :email")
                .param("email", email.strip().toLowerCase(Locale.ROOT))
                .query((rs, n) -> StaffId.parse(rs.getString("id")))
                .optional();
    }
}
