package org.strongroom.identity.internal;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.strongroom.identity.StaffId;

/** The {@code staff_recovery_code} table: digests only. */
@Repository
public class RecoveryCodes {

    private final JdbcClient jdbc;

    RecoveryCodes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Replaces every code of the account (used or not) with these digests. */
    public void replace(StaffId staff, List<String> digests, Instant now) {
        jdbc.sql("DELETE FROM staff_recovery_code WHERE staff_id = :id").param("id", staff.toString()).update();
        for (String digest : digests) {
            jdbc.sql("INSERT INTO staff_recovery_code (staff_id, code_digest, created_at) VALUES (:id, :digest, :now)")
                    .param("id", staff.toString())
                    .param("digest", digest)
                    .param("now", now.toEpochMilli())
                    .update();
        }
    }

    /** Marks the code used if it is the account's and unused; true only for the one caller that did. */
    public boolean consume(StaffId staff, String digest, Instant now) {
        return jdbc.sql("""
                UPDATE staff_recovery_code SET used_at = :now
                WHERE staff_id = :id AND code_digest = :digest AND used_at IS NULL
                """)
                .param("now", now.toEpochMilli())
                .param("id", staff.toString())
                .param("digest", digest)
                .update() == 1;
    }

    public int remaining(StaffId staff) {
        return jdbc.sql("SELECT COUNT(*) FROM staff_recovery_code WHERE staff_id = :id AND used_at IS NULL")
                .param("id", staff.toString())
                .query(Long.class)
                .single()
                .intValue();
    }

    public void delete(StaffId staff) {
        jdbc.sql("DELETE FROM staff_recovery_code WHERE staff_id = :id").param("id", staff.toString()).update();
    }
}
