package org.strongroom.identity.internal;

import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.strongroom.crypto.SecretBox;
import org.strongroom.identity.StaffId;

/**
 * The {@code staff_totp} table. Seeds — the one in use and one being enrolled — are sealed in the
 * secret box, bound to the account and to their role.
 */
@Repository
public class TotpSeeds implements FactorSource {

    /** A stored factor. Holds seeds in clear: never log it. */
    public record Totp(byte @Nullable [] seed, byte @Nullable [] pendingSeed, @Nullable Long lastUsedStep,
                       int failedAttempts, @Nullable Instant lockedUntil) {
        @Override
        public String toString() {
            return "Totp[enrolled=" + (seed != null) + "]";
        }
    }

    private final JdbcClient jdbc;
    private final SecretBox box;

    TotpSeeds(JdbcClient jdbc, SecretBox box) {
        this.jdbc = jdbc;
        this.box = box;
    }

    @Override
    public boolean isEnrolled(StaffId staff) {
        return jdbc.sql("SELECT COUNT(*) FROM staff_totp WHERE staff_id = :id AND seed_ciphertext IS NOT NULL")
                .param("id", staff.toString())
                .query(Long.class)
                .single() > 0;
    }

    public Optional<Totp> find(StaffId staff) {
        return jdbc.sql("""
                SELECT seed_ciphertext, pending_seed_ciphertext, last_used_step, failed_attempts, locked_until
                FROM staff_totp WHERE staff_id = :id
                """)
                .param("id", staff.toString())
                .query((rs, n) -> {
                    byte[] sealed = rs.getBytes("seed_ciphertext");
                    byte[] pending = rs.getBytes("pending_seed_ciphertext");
                    long step = rs.getLong("last_used_step");
                    Long lastStep = rs.wasNull() ? null : step;
                    int failed = rs.getInt("failed_attempts");
                    long locked = rs.getLong("locked_until");
                    Instant lockedUntil = rs.wasNull() ? null : Instant.ofEpochMilli(locked);
                    return new Totp(sealed == null ? null : box.open(sealed, context(staff)),
                            pending == null ? null : box.open(pending, pendingContext(staff)), lastStep, failed, lockedUntil);
                })
                .optional();
    }

    /** Stores a new seed to enrol; the seed in use, if any, stays until the new one is confirmed. */
    public void startEnrolment(StaffId staff, byte[] seed, Instant now) {
        byte[] sealed = box.seal(seed, pendingContext(staff));
        int updated = jdbc.sql("UPDATE staff_totp SET pending_seed_ciphertext = :seed WHERE staff_id = :id")
                .param("seed", sealed)
                .param("id", staff.toString())
                .update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO staff_totp (staff_id, pending_seed_ciphertext, created_at, failed_attempts)
                    VALUES (:id, :seed, :now, 0)
                    """)
                    .param("id", staff.toString())
                    .param("seed", sealed)
                    .param("now", now.toEpochMilli())
                    .update();
        }
    }

    /**
     * Makes the pending seed the one in use, with a code for the given step — only if the step is
     * later than the last one used. The new seed is sealed again under its in-use context.
     */
    public boolean confirmEnrolment(StaffId staff, byte[] seed, long step, Instant now) {
        return jdbc.sql("""
                UPDATE staff_totp
                SET seed_ciphertext = :seed, pending_seed_ciphertext = NULL, confirmed_at = :now,
                    last_used_step = :step, failed_attempts = 0, locked_until = NULL
                WHERE staff_id = :id AND pending_seed_ciphertext IS NOT NULL
                  AND (last_used_step IS NULL OR last_used_step < :step)
                """)
                .param("seed", box.seal(seed, context(staff)))
                .param("now", now.toEpochMilli())
                .param("step", step)
                .param("id", staff.toString())
                .update() == 1;
    }

    /**
     * Accepts a code for a time step: records the step and clears the failure count — only if
     * the step is later than the last one used. Of two concurrent uses of one code, exactly one
     * gets {@code true}.
     */
    public boolean acceptStep(StaffId staff, long step) {
        return jdbc.sql("""
                UPDATE staff_totp
                SET last_used_step = :step, failed_attempts = 0, locked_until = NULL
                WHERE staff_id = :id AND seed_ciphertext IS NOT NULL
                  AND (last_used_step IS NULL OR last_used_step < :step)
                """)
                .param("step", step)
                .param("id", staff.toString())
                .update() == 1;
    }

    /** Counts a wrong code; at the limit the factor locks until the given time. */
    public void recordFailure(StaffId staff, int limit, Instant lockUntil) {
        jdbc.sql("""
                UPDATE staff_totp
                SET failed_attempts = failed_attempts + 1,
                    locked_until = CASE WHEN failed_attempts + 1 >= :limit THEN :lockUntil ELSE locked_until END
                WHERE staff_id = :id
                """)
                .param("limit", limit)
                .param("lockUntil", lockUntil.toEpochMilli())
                .param("id", staff.toString())
                .update();
    }

    /** Ends a lock that has run out, so the count starts again. */
    public void unlockExpired(StaffId staff, Instant now) {
        jdbc.sql("""
                UPDATE staff_totp SET failed_attempts = 0, locked_until = NULL
                WHERE staff_id = :id AND locked_until IS NOT NULL AND locked_until <= :now
                """)
                .param("id", staff.toString())
                .param("now", now.toEpochMilli())
                .update();
    }

    public void delete(StaffId staff) {
        jdbc.sql("DELETE FROM staff_totp WHERE staff_id = :id").param("id", staff.toString()).update();
    }

    private static String context(StaffId staff) {
        return "totp-seed/" + staff;
    }

    private static String pendingContext(StaffId staff) {
        return "totp-seed-pending/" + staff;
    }
}
