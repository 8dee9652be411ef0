package org.strongroom.identity.internal;

import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code setup_token} table: digests of one-time owner-setup tokens. */
@Repository
public class SetupTokens {

    private final JdbcClient jdbc;

    SetupTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(String digest, Instant createdAt, Instant expiresAt) {
        jdbc.sql("""
                INSERT INTO setup_token (token_digest, created_at, expires_at)
                VALUES (:digest, :createdAt, :expiresAt)
                """)
                .param("digest", digest)
                .param("createdAt", createdAt.toEpochMilli())
                .param("expiresAt", expiresAt.toEpochMilli())
                .update();
    }

    /** Deletes every token that was not used, so at most one link is ever outstanding. */
    public void withdrawUnused() {
        jdbc.sql("DELETE FROM setup_token WHERE used_at IS NULL").update();
    }

    public boolean isUsable(String digest, Instant now) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM setup_token
                WHERE token_digest = :digest AND used_at IS NULL AND expires_at > :now
                """)
                .param("digest", digest)
                .param("now", now.toEpochMilli())
                .query(Long.class)
                .single() == 1;
    }

    /** Marks the token used if it is unused and unexpired; true only for the one caller that did. */
    public boolean consume(String digest, Instant now) {
        return jdbc.sql("""
                UPDATE setup_token SET used_at = :now
                WHERE token_digest = :digest AND used_at IS NULL AND expires_at > :now
                """)
                .param("digest", digest)
                .param("now", now.toEpochMilli())
                .update() == 1;
    }
}
