package org.strongroom.audit.web;

import org.jspecify.annotations.Nullable;

/**
 * One entry as the trail's table shows it: every text already in the reader's language and the
 * organisation's time zone. Identifiers are in their stored, percent-encoded form (plain ASCII).
 *
 * @param time        local date and time, to the second
 * @param utc         the instant in ISO 8601 UTC, for {@code <time datetime>} and its title
 * @param who         a staff member's name, "API token …", "System" or "Not signed in"
 * @param whoHref     the person's activity page, when the actor is a known staff member
 * @param actionLabel the action in words, or its code when it has no label
 * @param clientKey   the client id decoded from its stored form, for links
 * @param outcomeCode {@code allowed}, {@code denied}, {@code succeeded} or {@code failed}
 */
record EntryRow(long seq, String time, String utc, String who, @Nullable String whoHref, String actionLabel,
                String actionCode, @Nullable String resource, @Nullable String client, @Nullable String clientKey,
                String outcomeCode,
                String outcomeLabel, @Nullable String reason, @Nullable String reasonCode,
                @Nullable String sourceAddress) {
}
