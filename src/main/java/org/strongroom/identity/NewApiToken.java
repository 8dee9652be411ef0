package org.strongroom.identity;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A token just created: the only time its secret exists outside the caller's hands. Show
 * {@link #secret()} once and drop it; only its digest is stored. {@code toString()} leaves the
 * secret out, so logging this value does not leak it.
 */
public record NewApiToken(ApiTokenId id, String secret, Set<ApiScope> scopes, Instant expiresAt) {

    public NewApiToken {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(secret, "secret");
        scopes = Set.copyOf(scopes);
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "NewApiToken[id=" + id + ", scopes=" + scopes + ", expiresAt=" + expiresAt + ", secret=redacted]";
    }
}
