package org.strongroom.identity;

import java.time.Instant;
import java.util.Set;

/** What a person asks for when creating a token: a label to recognise it by, its scopes and its expiry. */
public record ApiTokenRequest(String label, Set<ApiScope> scopes, Instant expiresAt) {

    public ApiTokenRequest {
        label = label == null ? "" : label;
        scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
        if (expiresAt == null) {
            throw new IllegalArgumentException("expiresAt must not be null: every token expires");
        }
    }
}
