package org.strongroom.identity.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.strongroom.identity.SignInAttempt;
import org.strongroom.identity.StaffId;

/** The {@code sign_in_attempt} table. */
@Repository
public class Attempts {

    /** A row to insert; the email index is set only when no account is known. */
    public record NewAttempt(Instant at, SignInAttempt.Reason reason, @Nullable StaffId staff, @Nullable String emailIndex,
                             String sourceAddress, String browser, String platform) {
    }

    private final JdbcClient jdbc;

    Attempts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(NewAttempt attempt) {
        jdbc.sql("""
                INSERT INTO sign_in_attempt
                    (id, attempted_at, succeeded, reason, staff_id, email_index, source_address, browser, platform)
                VALUES (:id, :at, :succeeded, :reason, :staffId, :emailIndex, :address, :browser, :platform)
                """)
                .param("id", UUID.randomUUID().toString())
                .param("at", attempt.at().toEpochMilli())
                .param("succeeded", attempt.reason().isSuccess())
                .param("reason", attempt.reason().code())
                .param("staffId", attempt.staff() == null ? null : attempt.staff().toString())
                .param("emailIndex", attempt.emailIndex())
                .param("address", truncate(attempt.sourceAddress(), 64))
                .param("browser", truncate(attempt.browser(), 40))
                .param("platform", truncate(attempt.platform(), 40))
                .update();
    }

    /** The staff member's latest attempts, newest first. */
    public List<SignInAttempt> latest(StaffId staff, int limit) {
        return jdbc.sql("""
                SELECT attempted_at, reason, source_address, browser, platform
                FROM sign_in_attempt
                WHERE staff_id = :staffId
                ORDER BY attempted_at DESC
                LIMIT :limit
                """)
                .param("staffId", staff.toString())
                .param("limit", limit)
                .query((rs, n) -> new SignInAttempt(Instant.ofEpochMilli(rs.getLong("attempted_at")),
                        SignInAttempt.Reason.fromCode(rs.getString("reason")), rs.getString("source_address"),
                        rs.getString("browser"), rs.getString("platform")))
                .list();
    }

    private static String truncate(String value, int length) {
        return value.length() <= length ? value : value.substring(0, length);
    }
}
