package org.strongroom.access;

import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Published when the policy refuses through {@link AccessPolicy#require}; the audit module
 * records it as {@code access.denied} with the permission, the client (if any) and the reason.
 * Holds ids and codes only.
 */
public record AccessDenied(Actor actor, Permission permission, @Nullable UUID clientId, String reason) {

    public AccessDenied {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(permission, "permission");
        Objects.requireNonNull(reason, "reason");
    }
}
