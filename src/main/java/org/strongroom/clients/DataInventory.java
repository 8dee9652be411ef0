package org.strongroom.clients;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.strongroom.access.AccessPolicy;
import org.strongroom.access.Actor;
import org.strongroom.access.Permission;
import org.strongroom.access.RoleDefinition;
import org.strongroom.access.Roles;
import org.strongroom.access.Visibility;
import org.strongroom.audit.AuditQuery;
import org.strongroom.audit.AuditSearch;
import org.strongroom.clients.internal.ClientAudit;
import org.strongroom.identity.StaffRole;

/**
 * The data inventory: what is kept about clients, why, for how long, how much of it there really
 * is, who sees it, and what could go. Reading it needs {@code compliance.read} (owners,
 * administrators, auditors) or {@code settings.manage} (whoever edits the catalogue), and is
 * recorded as {@code clients.inventory_viewed} (an export as {@code clients.inventory_exported}).
 *
 * <p>Guarantee: the report is made of the catalogue, role definitions and counts ({@code COUNT}
 * over stored values grouped by field, and over {@code access.field_revealed} entries of the audit
 * trail); no value is decrypted or read to make it.
 */
@Service
public class DataInventory {

    /** How far back reveals are counted. */
    public static final Duration REVEAL_WINDOW = Duration.ofDays(90);
    /** A switched-on field filled for fewer clients than this share is a minimisation candidate. */
    public static final double RARELY_FILLED = 0.05;

    private static final String REVEALED = "access.field_revealed";
    private static final List<String> BUILT_IN_ROLES = List.of(StaffRole.OWNER.key(), StaffRole.ADMINISTRATOR.key(),
            StaffRole.PRACTITIONER.key(), StaffRole.STAFF.key(), StaffRole.AUDITOR.key(), RoleDefinition.CLIENT);

    private final JdbcClient jdbc;
    private final FieldCatalogue catalogue;
    private final AccessPolicy policy;
    private final Roles roles;
    private final AuditSearch trail;
    private final ClientAudit audit;
    private final Clock clock;

    DataInventory(JdbcClient jdbc, FieldCatalogue catalogue, AccessPolicy policy, Roles roles, AuditSearch trail, ClientAudit audit,
                  Clock clock) {
        this.jdbc = jdbc;
        this.catalogue = catalogue;
        this.policy = policy;
        this.roles = roles;
        this.trail = trail;
        this.audit = audit;
        this.clock = clock;
    }

    /** The inventory as it is now; recorded as {@code clients.inventory_viewed}. */
    @Transactional
    public InventoryReport report(Actor actor) {
        requireReader(actor);
        InventoryReport report = build(actor);
        audit.general(actor, "clients.inventory_viewed", "inventory", null);
        return report;
    }

    /**
     * The inventory for a file; recorded as {@code clients.inventory_exported} with the format
     * ({@code csv}, {@code json}) before the caller writes a byte.
     */
    @Transactional
    public InventoryReport export(Actor actor, String format) {
        requireReader(actor);
        if (!"csv".equals(format) && !"json".equals(format)) {
            throw new IllegalArgumentException("format must be csv or json");
        }
        InventoryReport report = build(actor);
        audit.general(actor, "clients.inventory_exported", "inventory_format", format);
        return report;
    }

    /** Whether the actor may read the inventory (for pages deciding what to link to). */
    public boolean mayRead(Actor actor) {
        return policy.decide(actor, Permission.COMPLIANCE_READ).allowed() || policy.decide(actor, Permission.SETTINGS_MANAGE).allowed();
    }

    private void requireReader(Actor actor) {
        if (!policy.decide(actor, Permission.COMPLIANCE_READ).allowed()) {
            policy.require(actor, Permission.SETTINGS_MANAGE);
        }
    }

    private InventoryReport build(Actor actor) {
        Instant now = clock.instant();
        List<FieldDefinition> fields = catalogue.all();
        long clients = jdbc.sql("SELECT COUNT(*) FROM client WHERE status <> 'MERGED'").query(Long.class).single();
        Map<String, Long> filled = new HashMap<>();
        jdbc.sql("""
                        SELECT v.field_key, COUNT(*) AS filled
                        FROM client_value v JOIN client c ON c.id = v.client_id
                        WHERE c.status <> 'MERGED'
                        GROUP BY v.field_key
                        """)
                .query((rs, n) -> filled.put(rs.getString("field_key"), rs.getLong("filled"))).list();
        Map<String, Long> reveals = new HashMap<>();
        trail.forEach(AuditQuery.all().withAction(REVEALED).between(now.minus(REVEAL_WINDOW), now.plusMillis(1)), entry -> {
            if ("field".equals(entry.resourceType()) && entry.resourceId() != null) {
                reveals.merge(entry.resourceId(), 1L, Long::sum);
            }
        });
        boolean customShown = policy.decide(actor, Permission.ROLE_MANAGE).allowed()
                || policy.decide(actor, Permission.ACCESS_REVIEW).allowed();
        List<RoleDefinition> definitions = customShown ? roles.all(actor)
                : BUILT_IN_ROLES.stream().map(policy::role).flatMap(Optional::stream).toList();
        List<InventoryRole> shownRoles = definitions.stream()
                .map(r -> new InventoryRole(r.key(), r.label(), r.builtIn(), r.reach(), r.holds(Permission.CLIENT_READ))).toList();

        List<InventoryField> out = new ArrayList<>();
        for (FieldDefinition field : fields) {
            long count = filled.getOrDefault(field.key(), 0L);
            double rate = clients == 0 ? 0 : Math.min(1.0, (double) count / clients);
            Map<String, Visibility> seen = new LinkedHashMap<>();
            boolean maskedForSomeone = false;
            for (RoleDefinition role : definitions) {
                Visibility v = role.holds(Permission.CLIENT_READ) ? role.sees(field.sensitivity()) : Visibility.HIDDEN;
                seen.put(role.key(), v);
                maskedForSomeone |= v == Visibility.MASKED;
            }
            long revealed = reveals.getOrDefault(field.key(), 0L);
            List<InventorySuggestion> suggestions = new ArrayList<>();
            if (field.enabled() && clients > 0 && rate < RARELY_FILLED) {
                suggestions.add(InventorySuggestion.RARELY_FILLED);
            }
            if (field.enabled() && maskedForSomeone && count > 0 && revealed == 0) {
                suggestions.add(InventorySuggestion.NEVER_REVEALED);
            }
            if (!field.enabled() && count > 0) {
                suggestions.add(InventorySuggestion.OFF_BUT_KEPT);
            }
            out.add(new InventoryField(field, count, rate, seen, revealed, suggestions));
        }
        return new InventoryReport(now, clients, REVEAL_WINDOW, customShown, shownRoles, out);
    }
}
