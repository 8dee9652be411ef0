package org.strongroom.audit.web;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;
import org.strongroom.audit.AuditRecord;
import org.strongroom.audit.Outcome;
import org.strongroom.crypto.KeyEvent;
import org.strongroom.identity.CredentialChanged;
import org.strongroom.identity.StaffAccountChanged;
import org.strongroom.identity.StaffAdministration;
import org.strongroom.identity.StaffDirectory;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffProfile;

/**
 * Turns entries into rows people can read: times in the organisation's zone, staff ids into
 * names (decrypted in memory, for this response only — never stored or logged), codes into words
 * from the {@code i18n/audit} bundle. A code without a label is shown as the code itself, so an
 * action added by a later module is never hidden.
 */
@Component
class TrailRows {

    /** Every action code the code base records today, for the search form's suggestions. */
    static final List<String> KNOWN_ACTIONS;

    static {
        List<String> actions = new ArrayList<>(List.of("identity", "identity.sign_in", "identity.sign_out",
                "identity.session_expired", "identity.second_factor", "identity.second_factor.sign_in",
                "identity.second_factor.step_up", "identity.second_factor.enrolment", "identity.account"));
        for (StaffAccountChanged.Change change : StaffAccountChanged.Change.values()) {
            actions.add("identity.account." + change.name().toLowerCase(Locale.ROOT));
        }
        actions.add("identity.credential");
        for (CredentialChanged.Kind kind : CredentialChanged.Kind.values()) {
            actions.add("identity.credential." + kind.name().toLowerCase(Locale.ROOT));
        }
        actions.add("access.denied");
        actions.add("keys");
        for (KeyEvent.Kind kind : KeyEvent.Kind.values()) {
            actions.add("keys." + kind.name().toLowerCase(Locale.ROOT));
        }
        actions.addAll(List.of("audit", "audit.search", "audit.export", "audit.verify"));
        KNOWN_ACTIONS = List.copyOf(actions);
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    /** A staff member as the actor list shows them. Personal data: never logged. */
    record StaffOption(String id, String name) {
        @Override
        public String toString() {
            return "StaffOption[" + id + "]";
        }
    }

    private final MessageSource messages;
    private final StaffAdministration administration;
    private final StaffDirectory directory;
    private final ZoneId zone;

    TrailRows(MessageSource messages, StaffAdministration administration, StaffDirectory directory,
              @Value("${strongroom.organisation.time-zone:}") String zone) {
        this.messages = messages;
        this.administration = administration;
        this.directory = directory;
        this.zone = zone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zone);
    }

    /** The zone dates are typed and times are shown in. */
    ZoneId zone() {
        return zone;
    }

    /** Everyone with an account (not offboarded), by name, for the actor list. */
    List<StaffOption> staffOptions() {
        return administration.list().stream()
                .map(m -> new StaffOption(m.id().toString(), m.displayName()))
                .sorted(Comparator.comparing(StaffOption::name, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    /** A staff member's name, also for offboarded accounts. */
    Optional<String> staffName(StaffId id) {
        return directory.find(id).map(StaffProfile::displayName);
    }

    List<EntryRow> rows(List<AuditRecord> records, Locale locale) {
        Names names = new Names();
        List<EntryRow> rows = new ArrayList<>(records.size());
        for (AuditRecord r : records) {
            rows.add(row(r, names, locale));
        }
        return rows;
    }

    private EntryRow row(AuditRecord r, Names names, Locale locale) {
        String who;
        String whoHref = null;
        switch (r.actorType()) {
            case STAFF -> {
                String name = names.of(r.actorId());
                if (name != null) {
                    who = name;
                    whoHref = "/audit/staff/" + r.actorId();
                } else {
                    who = text("audit.who.staff", locale, shortId(r.actorId()));
                }
            }
            case TOKEN -> who = text("audit.who.token", locale, shortId(r.actorId()));
            case SYSTEM -> who = text("audit.who.system", locale);
            case CLIENT -> who = text("audit.who.client", locale, shortId(r.actorId()));
            default -> who = text("audit.who.anonymous", locale);
        }
        String resource = null;
        if (r.resourceType() != null) {
            String type = label("audit.resource.", r.resourceType(), locale);
            String id = r.resourceId();
            if (("staff".equals(r.resourceType()) || "actor".equals(r.resourceType())) && id != null) {
                String name = names.of(id);
                id = name != null ? name : id;
            }
            resource = id == null ? type : type + ": " + id;
        }
        Outcome outcome = r.outcome();
        return new EntryRow(r.seq(), TIME.withZone(zone).format(r.occurredAt()), r.occurredAt().toString(), who, whoHref,
                label("audit.action.", r.action(), locale), r.action(), resource, r.clientId(),
                r.clientId() == null ? null : UriUtils.decode(r.clientId(), StandardCharsets.UTF_8), outcome.code(),
                text("audit.outcome." + outcome.code(), locale),
                r.reason() == null ? null : label("audit.reason.", r.reason(), locale), r.reason(), r.sourceAddress());
    }

    /** The label for a code, or the code itself when the bundle has none. */
    String label(String prefix, String code, Locale locale) {
        return messages.getMessage(prefix + code, null, code, locale);
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }

    private static String shortId(@Nullable String id) {
        if (id == null) {
            return "?";
        }
        return id.length() > 8 ? id.substring(0, 8) + "\u2026" : id;
    }

    /** Names looked up once per response: the staff list, then each unknown id (offboarded accounts) once. */
    private final class Names {
        private @Nullable Map<String, String> known;
        private final Map<String, Optional<String>> others = new HashMap<>();

        @Nullable String of(@Nullable String id) {
            if (id == null) {
                return null;
            }
            if (known == null) {
                known = new HashMap<>();
                for (StaffOption option : staffOptions()) {
                    known.put(option.id(), option.name());
                }
            }
            String name = known.get(id);
            if (name != null) {
                return name;
            }
            return others.computeIfAbsent(id, key -> {
                try {
                    return staffName(StaffId.parse(key));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }).orElse(null);
        }
    }
}
