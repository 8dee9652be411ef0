package org.strongroom.clients.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.strongroom.clients.ClientsConfigurationProblem;

/**
 * Human reference numbers such as {@code C-2026-00042}: a configurable format
 * ({@code strongroom.clients.reference-format}, default {@code C-{yyyy}-{seq:5}}) with a counter
 * per formatted prefix (so the sequence starts again each year when the year is part of it),
 * taken in the creating transaction (on PostgreSQL the counter row is locked until it commits, so
 * two creations never get the same number; on SQLite there is one writer).
 *
 * <p>Placeholders: {@code {yyyy}} and {@code {yy}} for the year, {@code {seq:N}} for the counter
 * zero-padded to at least N digits (exactly once). Literal characters: letters, digits and
 * {@code - / . _}.
 */
@Component
public class ReferenceNumbers {

    private static final Pattern TOKEN = Pattern.compile("\\{(yyyy|yy|seq:([1-9]))}");
    private static final Pattern LITERALS = Pattern.compile("[A-Za-z0-9\\-/._]*");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ZoneId zone;
    private final String format;

    ReferenceNumbers(JdbcClient jdbc, Clock clock, @Value("${strongroom.clients.reference-format:C-{yyyy}-{seq:5}}") String format,
                     @Value("${strongroom.organisation.time-zone:}") String zone) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.format = validate(format);
        this.zone = zone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zone);
    }

    static String validate(String format) {
        Matcher m = TOKEN.matcher(format);
        int seqs = 0;
        StringBuilder literals = new StringBuilder();
        int last = 0;
        while (m.find()) {
            literals.append(format, last, m.start());
            last = m.end();
            if (m.group(1).startsWith("seq")) {
                seqs++;
            }
        }
        literals.append(format.substring(last));
        if (seqs != 1 || !LITERALS.matcher(literals).matches() || format.length() > 24) {
            throw new ClientsConfigurationProblem("strongroom.clients.reference-format must contain {seq:N} once, at most 24 characters"
                    + " of letters, digits, - / . _ and the placeholders {yyyy} {yy} {seq:N}");
        }
        return format;
    }

    /** The next reference number; call inside the creating transaction. */
    public String next() {
        return next(1).get(0);
    }

    /** The next {@code count} reference numbers, taken with one counter update (an import batch). */
    public java.util.List<String> next(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
        LocalDate today = LocalDate.now(clock.withZone(zone));
        String dated = format.replace("{yyyy}", String.format("%04d", today.getYear()))
                .replace("{yy}", String.format("%02d", today.getYear() % 100));
        Matcher seq = Pattern.compile("\\{seq:([1-9])}").matcher(dated);
        if (!seq.find()) {
            throw new IllegalStateException("format without {seq}");
        }
        String scope = dated.substring(0, seq.start()) + "#" + dated.substring(seq.end());
        int width = Integer.parseInt(seq.group(1));
        jdbc.sql("INSERT INTO client_reference_counter (scope, next_value) VALUES (?, 1) ON CONFLICT (scope) DO NOTHING")
                .param(scope).update();
        jdbc.sql("UPDATE client_reference_counter SET next_value = next_value + ? WHERE scope = ?").param(count).param(scope).update();
        long end = jdbc.sql("SELECT next_value FROM client_reference_counter WHERE scope = ?").param(scope).query(Long.class).single();
        java.util.List<String> out = new java.util.ArrayList<>(count);
        for (long value = end - count; value < end; value++) {
            String number = String.format("%0" + width + "d", value);
            out.add((dated.substring(0, seq.start()) + number + dated.substring(seq.end())).toUpperCase(java.util.Locale.ROOT));
        }
        return out;
    }
}
