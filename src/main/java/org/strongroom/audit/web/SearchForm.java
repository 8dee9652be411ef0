package org.strongroom.audit.web;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.strongroom.audit.AuditEvent;
import org.strongroom.audit.AuditQuery;
import org.strongroom.audit.Outcome;

/**
 * The trail's filters as typed into the search form (and carried in links), checked field by
 * field. Dates are whole days in the organisation's time zone: "from" starts at the beginning of
 * its day, "until" includes its whole day. Every problem is a message code at its field; nothing
 * here throws on input.
 *
 * @param actor   a staff id chosen from the list
 * @param actorId a staff or token id typed in (wins over {@code actor} when both are the same)
 * @param client  a client id
 * @param action  an action code or the start of one ({@code identity} finds {@code identity.sign_in})
 * @param from    first day, {@code yyyy-MM-dd}
 * @param until   last day, {@code yyyy-MM-dd}
 * @param outcome {@code allowed}, {@code denied}, {@code succeeded} or {@code failed}
 * @param before  the sequence number the page starts below (keyset paging)
 */
record SearchForm(String actor, String actorId, String client, String action, String from, String until,
                  String outcome, String before) {

    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9._:-]*");
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    /** Longest raw value kept for showing the form again; longer ones are refused and not echoed. */
    private static final int MAX_ECHO = 300;

    SearchForm {
        actor = clean(actor);
        actorId = clean(actorId);
        client = clean(client);
        action = clean(action);
        from = clean(from);
        until = clean(until);
        outcome = clean(outcome);
        before = clean(before);
    }

    static SearchForm empty() {
        return new SearchForm("", "", "", "", "", "", "", "");
    }

    /** The result of checking the form: a query, or problems by field ({@code form} for the whole form). */
    record Checked(@Nullable AuditQuery query, @Nullable Long before, String actor, String client,
                   Map<String, String> problems) {
        boolean valid() {
            return problems.isEmpty();
        }
    }

    Checked check(ZoneId zone) {
        Map<String, String> problems = new LinkedHashMap<>();
        String who = actorId.isEmpty() ? actor : actorId;
        if (!actor.isEmpty() && !actorId.isEmpty() && !actor.equals(actorId)) {
            problems.put("actorId", "audit.error.actor.both");
        } else if (who.length() > AuditEvent.MAX_VALUE_LENGTH) {
            problems.put(actorId.isEmpty() ? "actor" : "actorId", "audit.error.id.tooLong");
        }
        if (client.length() > AuditEvent.MAX_VALUE_LENGTH) {
            problems.put("client", "audit.error.id.tooLong");
        }
        if (!action.isEmpty() && (action.length() > AuditEvent.MAX_CODE_LENGTH || !CODE.matcher(action).matches())) {
            problems.put("action", "audit.error.action");
        }
        LocalDate first = day("from", from, problems);
        LocalDate last = day("until", until, problems);
        if (first != null && last != null && last.isBefore(first)) {
            problems.put("until", "audit.error.period");
        }
        Outcome wanted = null;
        if (!outcome.isEmpty()) {
            try {
                wanted = Outcome.fromCode(outcome);
                if (!wanted.code().equals(outcome)) {
                    wanted = null;
                    problems.put("outcome", "audit.error.outcome");
                }
            } catch (IllegalArgumentException e) {
                problems.put("outcome", "audit.error.outcome");
            }
        }
        Long startBelow = null;
        if (!before.isEmpty()) {
            try {
                startBelow = Long.parseLong(before);
                if (startBelow < 1) {
                    problems.put("form", "audit.error.before");
                }
            } catch (NumberFormatException e) {
                problems.put("form", "audit.error.before");
            }
        }
        if (!problems.isEmpty()) {
            return new Checked(null, null, who, client, problems);
        }
        Instant start = first == null ? null : first.atStartOfDay(zone).toInstant();
        Instant end = last == null ? null : last.plusDays(1).atStartOfDay(zone).toInstant();
        AuditQuery query = new AuditQuery(who, client, action, start, end, wanted);
        return new Checked(query, startBelow, who, client, problems);
    }

    /** This form with another actor (the per-person page) or client (the per-client page) fixed. */
    SearchForm withActor(String id) {
        return new SearchForm(id, "", client, action, from, until, outcome, before);
    }

    SearchForm withClient(String id) {
        return new SearchForm(actor, actorId, id, action, from, until, outcome, before);
    }

    /** Only the period: what a signed bundle takes. */
    SearchForm periodOnly() {
        return new SearchForm("", "", "", "", from, until, "", "");
    }

    SearchForm withoutPaging() {
        return new SearchForm(actor, actorId, client, action, from, until, outcome, "");
    }

    /** The filled-in filters as query parameters, for the "older entries" and export links. */
    MultiValueMap<String, String> parameters() {
        MultiValueMap<String, String> params = new LinkedMultiValueMap<>();
        put(params, "actor", actor);
        put(params, "actorId", actorId);
        put(params, "client", client);
        put(params, "action", action);
        put(params, "from", from);
        put(params, "until", until);
        put(params, "outcome", outcome);
        put(params, "before", before);
        return params;
    }

    private static void put(MultiValueMap<String, String> params, String name, String value) {
        if (!value.isEmpty()) {
            params.add(name, value);
        }
    }

    private static @Nullable LocalDate day(String field, String text, Map<String, String> problems) {
        if (text.isEmpty()) {
            return null;
        }
        if (DAY.matcher(text).matches()) {
            try {
                LocalDate day = LocalDate.parse(text);
                if (day.getYear() >= 1970) {
                    return day;
                }
            } catch (DateTimeException e) {
                // reported below
            }
        }
        problems.put(field, "audit.error.date");
        return null;
    }

    private static String clean(@Nullable String value) {
        if (value == null) {
            return "";
        }
        String stripped = value.strip();
        // Far too long to be anything real: not kept, so a huge value is not sent back in the page.
        return stripped.length() > MAX_ECHO ? stripped.substring(0, MAX_ECHO) + "\u2026" : stripped;
    }
}
