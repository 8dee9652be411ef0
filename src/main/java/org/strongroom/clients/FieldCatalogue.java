package org.strongroom.clients;

import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.strongroom.access.AccessPolicy;
import org.strongroom.access.Actor;
import org.strongroom.access.Permission;
import org.strongroom.access.Sensitivity;
import org.strongroom.clients.internal.ClientAudit;

/**
 * The catalogue of fields kept about clients: what, how sensitive, why, how long. Anyone signed in
 * may read it (it describes data, it holds none); changing it needs {@code settings.manage} (owners and
 * administrators) and is recorded as {@code clients.field_created} / {@code clients.field_updated}.
 */
@Service
public class FieldCatalogue {

    public static final int MAX_LABEL = 120;
    public static final int MAX_PURPOSE = 1000;
    public static final int MAX_CHOICES = 50;
    public static final int MAX_CHOICE = 80;
    public static final int MAX_FIELDS = 200;
    private static final Period MAX_RETENTION = Period.ofYears(100);

    private static final String COLUMNS = "field_key, label, field_type, sensitivity, category, purpose, required, search_mode, "
            + "retention, enabled, built_in, position, choices, version, updated_at, updated_by";

    static final RowMapper<FieldDefinition> ROW = (rs, n) -> new FieldDefinition(rs.getString("field_key"), rs.getString("label"),
            FieldType.valueOf(rs.getString("field_type")), Sensitivity.valueOf(rs.getString("sensitivity")),
            FieldCategory.valueOf(rs.getString("category")), rs.getString("purpose"), rs.getInt("required") == 1,
            SearchMode.valueOf(rs.getString("search_mode")),
            rs.getString("retention") == null ? null : Period.parse(rs.getString("retention")), rs.getInt("enabled") == 1,
            rs.getInt("built_in") == 1, rs.getInt("position"),
            rs.getString("choices") == null ? List.of() : List.of(rs.getString("choices").split("\n")), rs.getLong("version"),
            Instant.ofEpochMilli(rs.getLong("updated_at")), rs.getString("updated_by"));

    private final JdbcClient jdbc;
    private final AccessPolicy policy;
    private final ClientAudit audit;
    private final Clock clock;

    FieldCatalogue(JdbcClient jdbc, AccessPolicy policy, ClientAudit audit, Clock clock) {
        this.jdbc = jdbc;
        this.policy = policy;
        this.audit = audit;
        this.clock = clock;
    }

    /** Every field, enabled or not, in display order. */
    @Transactional(readOnly = true)
    public List<FieldDefinition> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM client_field_definition ORDER BY position, field_key").query(ROW).list();
    }

    /** The fields in use, in display order. */
    @Transactional(readOnly = true)
    public List<FieldDefinition> enabled() {
        return all().stream().filter(FieldDefinition::enabled).toList();
    }

    @Transactional(readOnly = true)
    public Optional<FieldDefinition> find(String key) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM client_field_definition WHERE field_key = ?").param(key).query(ROW).optional();
    }

    /**
     * Adds a custom field or changes a field's settings. A stale {@code expectedVersion} is
     * {@code Rejected} with {@code version → clients.catalogue.stale}.
     */
    @Transactional
    public ClientResult<FieldDefinition> save(Actor actor, FieldChange change) {
        policy.require(actor, Permission.SETTINGS_MANAGE);
        Optional<FieldDefinition> existing = change.key() == null ? Optional.empty() : find(change.key());
        Map<String, String> problems = new LinkedHashMap<>();
        if (change.key() == null || !FieldDefinition.KEY.matcher(change.key()).matches()) {
            problems.put("key", "clients.catalogue.key");
        }
        if (change.expectedVersion() == null && existing.isPresent()) {
            problems.put("key", "clients.catalogue.keyTaken");
        }
        if (change.expectedVersion() != null && existing.isEmpty()) {
            problems.put("key", "clients.catalogue.unknown");
        }
        boolean builtIn = existing.map(FieldDefinition::builtIn).orElse(false);
        String label = change.label() == null ? null : change.label().strip();
        if (!builtIn && (label == null || label.isEmpty() || label.length() > MAX_LABEL || hasControl(label))) {
            problems.put("label", "clients.catalogue.label");
        }
        String purpose = change.purpose() == null || change.purpose().isBlank() ? null : change.purpose().strip();
        if (purpose != null && (purpose.length() > MAX_PURPOSE || hasControlExceptNewline(purpose))) {
            problems.put("purpose", "clients.catalogue.purposeTooLong");
        }
        if (change.enabled() && purpose == null) {
            problems.put("purpose", "clients.catalogue.purposeNeeded");
        }
        Period retention = null;
        if (change.retention() != null && !change.retention().isBlank()) {
            try {
                retention = Period.parse(change.retention().strip());
                if (retention.isNegative() || retention.isZero() || retention.toTotalMonths() > MAX_RETENTION.toTotalMonths()) {
                    problems.put("retention", "clients.catalogue.retention");
                }
            } catch (DateTimeParseException e) {
                problems.put("retention", "clients.catalogue.retention");
            }
        }
        FieldType type = existing.filter(FieldDefinition::builtIn).map(FieldDefinition::type).orElse(change.type());
        SearchMode search = existing.filter(FieldDefinition::builtIn).map(FieldDefinition::searchMode).orElse(change.searchMode());
        if (existing.isPresent() && !builtIn && (existing.get().type() != change.type() || existing.get().searchMode() != change.searchMode())) {
            problems.put("type", "clients.catalogue.typeFixed");
        }
        if (search == SearchMode.NAME && type != FieldType.TEXT) {
            problems.put("searchMode", "clients.catalogue.nameSearchText");
        }
        if (search == SearchMode.EXACT && (type == FieldType.LONG_TEXT || type == FieldType.ADDRESS)) {
            problems.put("searchMode", "clients.catalogue.exactSearchShort");
        }
        List<String> choices = change.choices().stream().map(String::strip).filter(c -> !c.isEmpty()).distinct().toList();
        if (type == FieldType.CHOICE && (choices.isEmpty() || choices.size() > MAX_CHOICES
                || choices.stream().anyMatch(c -> c.length() > MAX_CHOICE || hasControl(c)))) {
            problems.put("choices", "clients.catalogue.choices");
        }
        if (type != FieldType.CHOICE) {
            choices = List.of();
        }
        if (existing.isPresent() && change.expectedVersion() != null && existing.get().version() != change.expectedVersion()) {
            problems.put("version", "clients.catalogue.stale");
        }
        if (existing.isEmpty() && jdbc.sql("SELECT COUNT(*) FROM client_field_definition").query(Integer.class).single() >= MAX_FIELDS) {
            problems.put("key", "clients.catalogue.tooMany");
        }
        if (!problems.isEmpty()) {
            return new ClientResult.Rejected<>(problems);
        }
        boolean required = change.required() && change.enabled();
        long now = clock.millis();
        String by = actor instanceof Actor.Staff s ? s.staffId().toString() : null;
        String joinedChoices = choices.isEmpty() ? null : String.join("\n", choices);
        if (existing.isEmpty()) {
            int position = jdbc.sql("SELECT COALESCE(MAX(position), 0) + 10 FROM client_field_definition").query(Integer.class).single();
            jdbc.sql("INSERT INTO client_field_definition (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, 1, ?, ?)")
                    .param(change.key()).param(label).param(type.name()).param(change.sensitivity().name())
                    .param(change.category().name()).param(purpose).param(required ? 1 : 0).param(search.name())
                    .param(retention == null ? null : retention.toString()).param(change.enabled() ? 1 : 0).param(position)
                    .param(joinedChoices).param(now).param(by).update();
            audit.catalogue(actor, "clients.field_created", change.key());
        } else {
            int updated = jdbc.sql("UPDATE client_field_definition SET label = ?, sensitivity = ?, category = ?, purpose = ?, required = ?, "
                            + "retention = ?, enabled = ?, choices = ?, version = version + 1, updated_at = ?, updated_by = ? "
                            + "WHERE field_key = ? AND version = ?")
                    .param(builtIn ? null : label).param(change.sensitivity().name()).param(change.category().name()).param(purpose)
                    .param(required ? 1 : 0).param(retention == null ? null : retention.toString()).param(change.enabled() ? 1 : 0)
                    .param(joinedChoices).param(now).param(by).param(change.key()).param(change.expectedVersion()).update();
            if (updated == 0) {
                return ClientResult.rejected("version", "clients.catalogue.stale");
            }
            audit.catalogue(actor, "clients.field_updated", change.key());
        }
        return new ClientResult.Done<>(find(change.key()).orElseThrow());
    }

    private static boolean hasControl(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }

    private static boolean hasControlExceptNewline(String text) {
        return text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r');
    }

}
