package org.strongroom.access;

import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.strongroom.identity.StaffId;

/**
 * Published inside the transaction of every change to who may see what; the audit module records
 * it there ({@code access.<kind>}), so a change that cannot be recorded does not happen. Ids and
 * codes only — never a reason's text.
 *
 * @param kind     what changed
 * @param actor    who changed it ({@code null} for the system, e.g. the command line)
 * @param staff    the staff member whose access changed, if any
 * @param clientId the client concerned, if any
 * @param subject  the role key or grant id concerned, if any
 * @param reason   a machine code, if any (e.g. {@code justified} on a review)
 */
public record AccessChanged(Kind kind, @Nullable StaffId actor, @Nullable StaffId staff, @Nullable UUID clientId,
                            @Nullable String subject, @Nullable String reason) {

    public AccessChanged {
        Objects.requireNonNull(kind, "kind");
    }

    public enum Kind {
        ROLE_CREATED, ROLE_UPDATED, ROLE_DELETED,
        TEAM_MEMBER_ADDED, TEAM_MEMBER_CHANGED, TEAM_MEMBER_REMOVED,
        GRANT_CREATED, GRANT_RENEWED, GRANT_REVOKED,
        BREAK_GLASS_OPENED, BREAK_GLASS_REVIEWED,
        FIELD_REVEALED;

        /** The audit action, e.g. {@code access.grant_created}. */
        public String action() {
            return "access." + name().toLowerCase(Locale.ROOT);
        }
    }
}
