package org.strongroom.access.web;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.strongroom.access.AccessGrant;

/** Small pieces shared by the access pages and API: a grant's status and the "until" field of the forms. */
final class ClientAccessPages {

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?");
    static final DateTimeFormatter LOCAL_INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private ClientAccessPages() {
    }

    /** A parsed end: the instant, or the message key of what is wrong with the text. */
    record Until(@Nullable Instant instant, @Nullable String problem) {
        static Until at(Instant instant) {
            return new Until(instant, null);
        }

        static Until refused(String messageKey) {
            return new Until(null, messageKey);
        }
    }

    /** {@code ACTIVE}, {@code REVOKED}, {@code ENDED} or (not yet begun) {@code SCHEDULED}. */
    static String status(AccessGrant grant, Instant now) {
        if (grant.revokedAt() != null) {
            return "REVOKED";
        }
        if (!grant.expiresAt().isAfter(now)) {
            return "ENDED";
        }
        return grant.startsAt().isAfter(now) ? "SCHEDULED" : "ACTIVE";
    }

    /**
     * The end a person typed, in the organisation's time zone: a date-time
     * ({@code 2026-12-01T17:30}, as a {@code datetime-local} input sends it) is that moment; a
     * bare date ({@code 2026-12-01}) means to the end of that day, i.e. the next midnight.
     */
    static Until until(@Nullable String text, ZoneId zone) {
        String value = text == null ? "" : text.strip();
        if (value.isEmpty()) {
            return Until.refused("accessclient.until.required");
        }
        try {
            if (DATE.matcher(value).matches()) {
                return Until.at(LocalDate.parse(value).plusDays(1).atStartOfDay(zone).toInstant());
            }
            if (DATE_TIME.matcher(value).matches()) {
                return Until.at(LocalDateTime.parse(value).atZone(zone).toInstant());
            }
        } catch (DateTimeException e) {
            // 2026-02-30 and the like: fall through to "invalid".
        }
        return Until.refused("accessclient.until.invalid");
    }

    /** An instant as a {@code datetime-local} value in the zone, to the minute. */
    static String localInput(Instant instant, ZoneId zone) {
        return LOCAL_INPUT.format(instant.atZone(zone).toLocalDateTime().truncatedTo(ChronoUnit.MINUTES));
    }
}
