package org.strongroom.identity.internal;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.strongroom.crypto.SecretBox;
import org.strongroom.identity.ApiScope;
import org.strongroom.identity.ApiTokenId;
import org.strongroom.identity.ApiTokenSummary;
import org.strongroom.identity.StaffId;

/** The {@code api_token} table: personal access tokens, each stored as the SHA-256 digest of its secret. */
@Repository
public class StoredApiTokens {

    /** A row as needed to accept or refuse a token. */
    public record Candidate(ApiTokenId id, StaffId staff, Set<ApiScope> scopes, Instant expiresAt,
                            @Nullable Instant lastUsedAt, @Nullable Instant revokedAt) {
    }

    private final JdbcClient jdbc;
    private final SecretBox box;

    StoredApiTokens(JdbcClient jdbc, SecretBox box) {
        this.jdbc = jdbc;
        this.box = box;
    }

    public void insert(ApiTokenId id, StaffId staff, String digest, String label, Set<ApiScope> scopes,
                       Instant createdAt, Instant expiresAt) {
        jdbc.sql("""
                INSERT INTO api_token (id, staff_id, token_digest, label_ciphertext, scopes, created_at, expires_at)
                VALUES (:id, :staffId, :digest, :label, :scopes, :createdAt, :expiresAt)
                """)
                .param("id", id.toString())
                .param("staffId", staff.toString())
                .param("digest", digest)
                .param("label", box.seal(label.getBytes(StandardCharsets.UTF_8), labelContext(id.toString())))
                .param("scopes", format(scopes))
                .param("createdAt", createdAt.toEpochMilli())
                .param("expiresAt", expiresAt.toEpochMilli())
                .update();
    }

    public Optional<Candidate> findByDigest(String digest) {
        return jdbc.sql("""
                SELECT id, staff_id, scopes, expires_at, last_used_at, revoked_at
                FROM api_token
                WHERE token_digest = :digest
                """)
                .param("digest", digest)
                .query((rs, n) -> new Candidate(ApiTokenId.parse(rs.getString("id")), StaffId.parse(rs.getString("staff_id")),
                        parse(rs.getString("scopes")), Instant.ofEpochMilli(rs.getLong("expires_at")),
                        instant(rs, "last_used_at"), instant(rs, "revoked_at")))
                .optional();
    }

    /**
     * Records a use unless one was recorded at or after {@code notBefore}; of concurrent callers
     * (on any node) at most one writes.
     */
    public void touch(ApiTokenId id, Instant now, Instant notBefore) {
        jdbc.sql("""
                UPDATE api_token SET last_used_at = :now
                WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :notBefore)
                """)
                .param("now", now.toEpochMilli())
                .param("id", id.toString())
                .param("notBefore", notBefore.toEpochMilli())
                .update();
    }

    public List<ApiTokenSummary> listOf(StaffId staff) {
        return jdbc.sql("""
                SELECT id, staff_id, label_ciphertext, scopes, created_at, expires_at, last_used_at, revoked_at
                FROM api_token
                WHERE staff_id = :staffId
                ORDER BY created_at DESC, id
                """)
                .param("staffId", staff.toString())
                .query((rs, n) -> summary(rs))
                .list();
    }

    public List<ApiTokenSummary> listAll() {
        return jdbc.sql("""
                SELECT id, staff_id, label_ciphertext, scopes, created_at, expires_at, last_used_at, revoked_at
                FROM api_token
                ORDER BY created_at DESC, id
                """)
                .query((rs, n) -> summary(rs))
                .list();
    }

    public Optional<ApiTokenSummary> find(ApiTokenId id) {
        return jdbc.sql("""
                SELECT id, staff_id, label_ciphertext, scopes, created_at, expires_at, last_used_at, revoked_at
                FROM api_token
                WHERE id = :id
                """)
                .param("id", id.toString())
                .query((rs, n) -> summary(rs))
                .optional();
    }

    public long countUsable(StaffId staff, Instant now) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM api_token
                WHERE staff_id = :staffId AND revoked_at IS NULL AND expires_at > :now
                """)
                .param("staffId", staff.toString())
                .param("now", now.toEpochMilli())
                .query(Long.class)
                .single();
    }

    /** Revokes the token if it is not revoked yet; true only for the caller that did. */
    public boolean revoke(ApiTokenId id, Instant now) {
        return jdbc.sql("UPDATE api_token SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
                .param("now", now.toEpochMilli())
                .param("id", id.toString())
                .update() == 1;
    }

    /** Revokes every not yet revoked token of the account; returns how many. */
    public int revokeAllOf(StaffId staff, Instant now) {
        return jdbc.sql("UPDATE api_token SET revoked_at = :now WHERE staff_id = :staffId AND revoked_at IS NULL")
                .param("now", now.toEpochMilli())
                .param("staffId", staff.toString())
                .update();
    }

    private static String labelContext(String tokenId) {
        return "api-token-label/" + tokenId;
    }

    private ApiTokenSummary summary(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        return new ApiTokenSummary(ApiTokenId.parse(id), StaffId.parse(rs.getString("staff_id")),
                new String(box.open(rs.getBytes("label_ciphertext"), labelContext(id)), StandardCharsets.UTF_8), parse(rs.getString("scopes")), Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("expires_at")), instant(rs, "last_used_at"), instant(rs, "revoked_at"));
    }

    static String format(Set<ApiScope> scopes) {
        return scopes.stream().map(ApiScope::value).sorted().collect(Collectors.joining(" "));
    }

    /** Scope names no longer known (from a newer or older version) are dropped: the token just lacks them. */
    static Set<ApiScope> parse(String stored) {
        Set<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
        Arrays.stream(stored.split(" ")).map(ApiScope::fromValue).flatMap(Optional::stream).forEach(scopes::add);
        return scopes;
    }

    /** Epoch milliseconds to an instant; read with {@code getLong} then {@code wasNull}, which both drivers support. */
    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(value);
    }
}
