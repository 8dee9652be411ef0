package org.strongroom.operations.internal;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code --expires} value of {@code strongroom token create}: a lifetime ({@code 30d},
 * {@code 12h}, ISO-8601 {@code P30D} / {@code PT12H}) counted from now, or an ISO-8601 moment
 * ({@code 2027-01-31T12:00:00Z}) or date ({@code 2027-01-31}, meaning the end of that day, UTC).
 */
final class TokenExpiry {

    private static final Pattern SHORT = Pattern.compile("(\\d{1,6})([dh])");

    private TokenExpiry() {
    }

    /** @throws IllegalArgumentException with a message fit for one line on the console */
    static Instant parse(String text, Instant now) {
        String value = text == null ? "" : text.strip();
        Matcher shortForm = SHORT.matcher(value.toLowerCase(Locale.ROOT));
        try {
            if (shortForm.matches()) {
                long amount = Long.parseLong(shortForm.group(1));
                return positive(now, now.plus("d".equals(shortForm.group(2)) ? Duration.ofDays(amount) : Duration.ofHours(amount)));
            }
            if (value.startsWith("P") || value.startsWith("p")) {
                try {
                    return positive(now, now.plus(Duration.parse(value)));
                } catch (DateTimeException notADuration) {
                    return positive(now, now.atZone(ZoneOffset.UTC).plus(Period.parse(value)).toInstant());
                }
            }
            if (value.contains("T") || value.contains("t")) {
                return OffsetDateTime.parse(value.toUpperCase(Locale.ROOT)).toInstant();
            }
            if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(value).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
        } catch (DateTimeException | ArithmeticException e) {
            // falls through to the one message below
        }
        throw new IllegalArgumentException("--expires must be a lifetime such as 30d, 12h or P90D, or an ISO-8601 date "
                + "or time such as 2027-01-31 or 2027-01-31T12:00:00Z");
    }

    private static Instant positive(Instant now, Instant at) {
        if (!at.isAfter(now)) {
            throw new IllegalArgumentException("--expires must lie in the future");
        }
        return at;
    }
}
