package org.strongroom.identity.internal;

import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.strongroom.identity.StaffId;

/** The {@code password_reset} table: digests of one-time reset links. */
@Repository
public class PasswordResetTokens {

    private final JdbcClient jdbc;

    PasswordResetTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(String digest, StaffId staff, Instant createdAt, Instant expiresAt) {
        jdbc.sql("""
                INSERT INTO password_reset (token_digest, staff_id, created_at, expires_at)
                VALUES (:digest, :staffId, :createdAt, :expiresAt)
                """)
                .param("digest", digest)
                .param("staffId", staff.toString())
                .param("createdAt", createdAt.toEpochMilli())
                .param("expiresAt", expiresAt.toEpochMilli())
                .update();
    }

    /** Whether an unused link for this person was issued after {@code since} (to limit mail floods). */
    public boolean issuedSince(StaffId staff, Instant since) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM password_reset
                WHERE staff_id = :staffId AND used_at IS NULL AND created_at > :since
                """)
                .param("staffId", staff.toString())
                .param("since", since.toEpochMilli())
                .query(Long.class)
                .single() > 0;
    }

    /** The person a usable (unused, unexpired) link belongs to. */
    public Optional<StaffId> findUsable(String digest, Instant now) {
        return jdbc.sql("""
                SELECT staff_id FROM password_reset
                WHERE token_digest = :digest AND used_at IS NULL AND expires_at > :now
                """)
                .param("digest", digest)
                .param("now", now.toEpochMilli())
                .query(String.class)
                .optional()
                .map(StaffId::parse);
    }

    /** Marks the link used if it is unused and unexpired; true only for the one caller that did. */
    public boolean consume(String digest, Instant now) {
        return jdbc.sql("""
                UPDATE password_reset SET used_at = :now
                WHERE token_digest = :digest AND used_at IS NULL AND expires_at > :now
                """)
                .param("digest", digest)
                .param("now", now.toEpochMilli())
                .update() == 1;
    }

    /** Withdraws every other unused link of the person (after a reset or a password change). */
    public void withdrawUnused(StaffId staff) {
        jdbc.sql("DELETE FROM password_reset WHERE staff_id = :staffId AND used_at IS NULL")
                .param("staffId", staff.toString())
                .update();
    }

    /** Forgets links that expired more than a day ago. */
    public int deleteExpired(Instant now) {
        return jdbc.sql("DELETE FROM password_reset WHERE expires_at < :cutoff")
                .param("cutoff", now.minusSeconds(86_400).toEpochMilli())
                .update();
    }
}
