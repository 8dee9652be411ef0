package org.strongroom.audit;

import java.time.Instant;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What to look for in the trail; every part is optional and the parts combine with AND.
 *
 * @param actorId      entries by this staff member or token id (exact)
 * @param clientId     entries about this client (exact)
 * @param actionPrefix entries whose action is this code or starts with it followed by a dot
 *                     ({@code identity} finds {@code identity.sign-in} and {@code identity.sign-out})
 * @param from         entries at or after this instant
 * @param until        entries before this instant
 * @param outcome      entries with this outcome
 */
public record AuditQuery(
        @Nullable String actorId,
        @Nullable String clientId,
        @Nullable String actionPrefix,
        @Nullable Instant from,
        @Nullable Instant until,
        @Nullable Outcome outcome) {

    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9._:-]*");

    public AuditQuery {
        actorId = blankToNull(actorId);
        clientId = blankToNull(clientId);
        actionPrefix = blankToNull(actionPrefix);
        if (actionPrefix != null
                && (actionPrefix.length() > AuditEvent.MAX_CODE_LENGTH || !CODE.matcher(actionPrefix).matches())) {
            throw new IllegalArgumentException("an action is a machine code ([a-z0-9._:-], at most "
                    + AuditEvent.MAX_CODE_LENGTH + " characters)");
        }
        if (actorId != null && actorId.length() > AuditEvent.MAX_VALUE_LENGTH
                || clientId != null && clientId.length() > AuditEvent.MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("an id is at most " + AuditEvent.MAX_VALUE_LENGTH + " characters");
        }
        if (from != null && until != null && !from.isBefore(until)) {
            throw new IllegalArgumentException("the period must end after it starts");
        }
        // Ids are stored percent-encoded (AuditEvent): search for the same form.
        actorId = actorId == null ? null : AuditEvent.encode(actorId);
        clientId = clientId == null ? null : AuditEvent.encode(clientId);
    }

    /** Everything. */
    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null, null, null);
    }

    public AuditQuery byActor(@Nullable String id) {
        return new AuditQuery(id, clientId, actionPrefix, from, until, outcome);
    }

    public AuditQuery aboutClient(@Nullable String id) {
        return new AuditQuery(actorId, id, actionPrefix, from, until, outcome);
    }

    public AuditQuery withAction(@Nullable String prefix) {
        return new AuditQuery(actorId, clientId, prefix, from, until, outcome);
    }

    public AuditQuery between(@Nullable Instant start, @Nullable Instant end) {
        return new AuditQuery(actorId, clientId, actionPrefix, start, end, outcome);
    }

    public AuditQuery withOutcome(@Nullable Outcome value) {
        return new AuditQuery(actorId, clientId, actionPrefix, from, until, value);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
