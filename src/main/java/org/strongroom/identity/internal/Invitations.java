package org.strongroom.identity.internal;

import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.strongroom.identity.StaffId;

/** The {@code staff_invitation} table: digests of one-time invitation tokens. */
@Repository
public class Invitations {

    private final JdbcClient jdbc;

    Invitations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a new invitation and withdraws the person's earlier unused ones. */
    public void insert(String digest, StaffId staff, @Nullable StaffId invitedBy, Instant now, Instant expiresAt) {
        withdraw(staff);
        jdbc.sql("""
                INSERT INTO staff_invitation (token_digest, staff_id, invited_by, created_at, expires_at)
                VALUES (:digest, :staff, :by, :now, :expires)
                """)
                .param("digest", digest)
                .param("staff", staff.toString())
                .param("by", invitedBy == null ? null : invitedBy.toString())
                .param("now", now.toEpochMilli())
                .param("expires", expiresAt.toEpochMilli())
                .update();
    }

    public void withdraw(StaffId staff) {
        jdbc.sql("DELETE FROM staff_invitation WHERE staff_id = :staff AND used_at IS NULL")
                .param("staff", staff.toString())
                .update();
    }

    /** The invited account, if the token is unused and unexpired. */
    public Optional<StaffId> findUsable(String digest, Instant now) {
        return jdbc.sql("""
                SELECT staff_id FROM staff_invitation
                WHERE token_digest = :digest AND used_at IS NULL AND expires_at > :now
                """)
                .param("digest", digest)
                .param("now", now.toEpochMilli())
                .query((rs, n) -> StaffId.parse(rs.getString(1)))
                .optional();
    }

    /** Marks the token used if it still is usable; true only for the one caller that did. */
    public boolean consume(String digest, Instant now) {
        return jdbc.sql("""
                UPDATE staff_invitation SET used_at = :now
                WHERE token_digest = :digest AND used_at IS NULL AND expires_at > :now
                """)
                .param("digest", digest)
                .param("now", now.toEpochMilli())
                .update() == 1;
    }

    /** When the person's newest unused invitation expires, if they have one. */
    public Optional<Instant> pendingUntil(StaffId staff) {
        return jdbc.sql("SELECT MAX(expires_at) FROM staff_invitation WHERE staff_id = :staff AND used_at IS NULL")
                .param("staff", staff.toString())
                .query((rs, n) -> {
                    long at = rs.getLong(1);
                    return rs.wasNull() ? null : Instant.ofEpochMilli(at);
                })
                .optional();
    }
}
