package org.strongroom.identity;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/** A token that was just accepted: whose it is (id and current role) and what it may do. */
public record AuthenticatedApiToken(ApiTokenId id, StaffPrincipal staff, Set<ApiScope> scopes, Instant expiresAt) {

    public AuthenticatedApiToken {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(staff, "staff");
        scopes = Set.copyOf(scopes);
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
