package org.strongroom.identity;

import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/** What a list of tokens shows about one of them. Holds nothing secret. */
public record ApiTokenSummary(ApiTokenId id, StaffId staff, String label, Set<ApiScope> scopes, Instant createdAt,
                              Instant expiresAt, @Nullable Instant lastUsedAt, @Nullable Instant revokedAt) {

    public ApiTokenSummary {
        scopes = Set.copyOf(scopes);
    }

    /** Whether a token can be used, or why not. */
    public enum Status {
        ACTIVE,
        EXPIRED,
        REVOKED
    }

    /** The status at the given time; a revoked token stays revoked after its expiry. */
    public Status status(Instant now) {
        if (revokedAt != null) {
            return Status.REVOKED;
        }
        return now.isBefore(expiresAt) ? Status.ACTIVE : Status.EXPIRED;
    }
}
