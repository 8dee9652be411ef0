package org.strongroom.identity.internal;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.strongroom.identity.StaffId;

/**
 * The password hash column of {@code staff_account}, read and written by id for password changes
 * and resets (kept apart from {@link Accounts}, which is being reworked for encrypted email).
 */
@Repository
public class PasswordHashes {

    /** An account as the reset flow needs it. Never logged: {@code toString()} shows the id only. */
    public record ResetTarget(StaffId id, boolean active, String locale) {
        @Override
        public String toString() {
            return "ResetTarget[" + id + "]";
        }
    }

    private final JdbcClient jdbc;

    PasswordHashes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The Argon2id hash; empty for an unknown id. Holds a hash: never log it. */
    public Optional<String> find(StaffId id) {
        return jdbc.sql("SELECT password_hash FROM staff_account WHERE id = :id")
                .param("id", id.toString())
                .query(String.class)
                .optional();
    }

    public void update(StaffId id, String passwordHash) {
        int rows = jdbc.sql("UPDATE staff_account SET password_hash = :hash WHERE id = :id")
                .param("hash", passwordHash)
                .param("id", id.toString())
                .update();
        if (rows != 1) {
            throw new IllegalStateException("no account " + id);
        }
    }

    /**
     * TEMPORARY: looks an account up by its plaintext {@code email} column. To be replaced by
     * {@code StaffDirectory.findByEmail} (blind index over the encrypted email) when the lead's
     * email encryption lands; the only caller is {@code PasswordResets}.
     */
    public Optional<ResetTarget> findByEmailTemporary(String normalisedEmail) {
        return jdbc.sql("SELECT id, status, locale FROM staff_account WHERE email = :email")
                .param("email", normalisedEmail)
                .query((rs, n) -> new ResetTarget(StaffId.parse(rs.getString("id")), "ACTIVE".equals(rs.getString("status")),
                        rs.getString("locale") == null ? "" : rs.getString("locale")))
                .optional();
    }
}
