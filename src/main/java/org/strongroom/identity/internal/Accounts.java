package org.strongroom.identity.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffProfile;
import org.strongroom.identity.StaffRole;

/** The {@code staff_account} table and the single-row {@code owner_claim} latch. */
@Repository
public class Accounts {

    /** A row as needed for signing in. Holds a password hash: never log it. */
    public record Credentials(StaffId id, String passwordHash, StaffRole role, boolean active) {
        @Override
        public String toString() {
            return "Credentials[" + id + "]";
        }
    }

    private final JdbcClient jdbc;

    Accounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean ownerExists() {
        return jdbc.sql("SELECT claimed FROM owner_claim WHERE id = 1")
                .query(Boolean.class)
                .single();
    }

    /**
     * Atomically claims the one-time right to create the first owner. Of any number of
     * concurrent callers, on either database, exactly one gets {@code true}.
     */
    public boolean claimOwnership() {
        return jdbc.sql("UPDATE owner_claim SET claimed = TRUE WHERE id = 1 AND claimed = FALSE").update() == 1;
    }

    public void insert(StaffId id, String email, String displayName, String passwordHash, StaffRole role, Instant now) {
        jdbc.sql("""
                INSERT INTO staff_account (id, email, display_name, password_hash, role, status, created_at)
                VALUES (:id, :email, :displayName, :passwordHash, :role, 'ACTIVE', :createdAt)
                """)
                .param("id", id.toString())
                .param("email", email)
                .param("displayName", displayName)
                .param("passwordHash", passwordHash)
                .param("role", role.name())
                .param("createdAt", now.toEpochMilli())
                .update();
    }

    public Optional<Credentials> findCredentialsByEmail(String email) {
        return jdbc.sql("""
                SELECT id, password_hash, role, status
                FROM staff_account
                WHERE email = :email
                """)
                .param("email", email)
                .query((rs, n) -> new Credentials(StaffId.parse(rs.getString("id")), rs.getString("password_hash"),
                        StaffRole.valueOf(rs.getString("role")), "ACTIVE".equals(rs.getString("status"))))
                .optional();
    }

    public Optional<StaffProfile> findProfile(StaffId id) {
        return jdbc.sql("""
                SELECT id, display_name, email, role, locale, previous_sign_in_at
                FROM staff_account
                WHERE id = :id
                """)
                .param("id", id.toString())
                .query((rs, n) -> new StaffProfile(StaffId.parse(rs.getString("id")), rs.getString("display_name"),
                        rs.getString("email"), StaffRole.valueOf(rs.getString("role")), rs.getString("locale"),
                        instant(rs.getLong("previous_sign_in_at"), rs.wasNull())))
                .optional();
    }

    /** Moves the last sign-in to "previous" and records this one. */
    public void recordSignIn(StaffId id, Instant at) {
        jdbc.sql("""
                UPDATE staff_account
                SET previous_sign_in_at = last_sign_in_at, last_sign_in_at = :at
                WHERE id = :id
                """)
                .param("at", at.toEpochMilli())
                .param("id", id.toString())
                .update();
    }

    public void updateLocale(StaffId id, String languageTag) {
        jdbc.sql("UPDATE staff_account SET locale = :locale WHERE id = :id")
                .param("locale", languageTag)
                .param("id", id.toString())
                .update();
    }

    public Optional<String> findLocale(UUID id) {
        return jdbc.sql("SELECT locale FROM staff_account WHERE id = :id")
                .param("id", id.toString())
                .query(String.class)
                .optional();
    }

    /** Epoch milliseconds to an instant; read with {@code getLong} then {@code wasNull}, which both drivers support. */
    private static @Nullable Instant instant(long epochMillis, boolean wasNull) {
        return wasNull ? null : Instant.ofEpochMilli(epochMillis);
    }
}
