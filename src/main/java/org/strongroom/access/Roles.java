package org.strongroom.access;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.strongroom.access.internal.CustomRoleStore;
import org.strongroom.identity.StaffDirectory;
import org.strongroom.identity.StaffRole;

/**
 * The roles: the built-in ones (fixed) and custom roles that owners make from permissions. Every
 * change needs {@code role.manage}, cannot create a role beyond the maker's own, is recorded in the
 * audit trail in the same transaction, and applies to everyone holding the role from their next
 * request. A role someone still holds cannot be deleted.
 */
@Service
public class Roles {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final CustomRoleStore store;
    private final AccessPolicy policy;
    private final StaffDirectory staff;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Roles(CustomRoleStore store, AccessPolicy policy, StaffDirectory staff, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.policy = policy;
        this.staff = staff;
        this.events = events;
        this.clock = clock;
    }

    /** What a custom role should be. */
    public record RoleDraft(String label, Reach reach, Set<Permission> permissions, Map<Sensitivity, Visibility> visibility) {
    }

    /** Every role (built-in first, then custom by label), for anyone who may see the matrix. */
    @Transactional(readOnly = true)
    public List<RoleDefinition> all(Actor viewer) {
        if (!policy.decide(viewer, Permission.ROLE_MANAGE).allowed()) {
            policy.require(viewer, Permission.ACCESS_REVIEW);
        }
        return store.all();
    }

    @Transactional(readOnly = true)
    public Optional<RoleDefinition> find(Actor viewer, String key) {
        if (!policy.decide(viewer, Permission.ROLE_MANAGE).allowed()) {
            policy.require(viewer, Permission.ACCESS_REVIEW);
        }
        return store.find(key);
    }

    /** How many accounts hold the role. */
    @Transactional(readOnly = true)
    public long holders(Actor viewer, String key) {
        policy.require(viewer, Permission.ROLE_MANAGE);
        return StaffRole.isWellFormed(key) ? staff.countHolding(StaffRole.valueOf(key)) : 0;
    }

    @Transactional
    public AccessResult<RoleDefinition> create(Actor actor, RoleDraft draft) {
        AccessDecision decision = policy.require(actor, Permission.ROLE_MANAGE);
        String key = "CUSTOM_" + HexFormat.of().withUpperCase().formatHex(randomBytes());
        Map<String, String> problems = check(draft, key, decision.role());
        if (!problems.isEmpty()) {
            return new AccessResult.Rejected<>(problems);
        }
        RoleDefinition role = new RoleDefinition(key, draft.label().strip(), false, draft.reach(), draft.permissions(),
                draft.visibility(), 1);
        store.insert(role, clock.millis(), actor.id());
        events.publishEvent(new AccessChanged(AccessChanged.Kind.ROLE_CREATED, CareTeams.staffOf(actor), null, null, key, null));
        return new AccessResult.Done<>(store.find(key).orElseThrow());
    }

    @Transactional
    public AccessResult<RoleDefinition> update(Actor actor, String key, RoleDraft draft, long expectedVersion) {
        AccessDecision decision = policy.require(actor, Permission.ROLE_MANAGE);
        Optional<RoleDefinition> current = store.find(key);
        if (current.isEmpty() || current.get().builtIn()) {
            return AccessResult.rejected("role", current.isEmpty() ? "access.role.unknown" : "access.role.builtIn");
        }
        Map<String, String> problems = check(draft, key, decision.role());
        if (!problems.isEmpty()) {
            return new AccessResult.Rejected<>(problems);
        }
        RoleDefinition role = new RoleDefinition(key, draft.label().strip(), false, draft.reach(), draft.permissions(),
                draft.visibility(), expectedVersion);
        if (!store.update(role, expectedVersion, clock.millis(), actor.id())) {
            return new AccessResult.Conflict<>();
        }
        events.publishEvent(new AccessChanged(AccessChanged.Kind.ROLE_UPDATED, CareTeams.staffOf(actor), null, null, key, null));
        return new AccessResult.Done<>(store.find(key).orElseThrow());
    }

    @Transactional
    public AccessResult<Boolean> delete(Actor actor, String key, long expectedVersion) {
        policy.require(actor, Permission.ROLE_MANAGE);
        Optional<RoleDefinition> current = store.find(key);
        if (current.isEmpty() || current.get().builtIn()) {
            return AccessResult.rejected("role", current.isEmpty() ? "access.role.unknown" : "access.role.builtIn");
        }
        if (staff.countHolding(StaffRole.valueOf(key)) > 0) {
            return AccessResult.rejected("role", "access.role.inUse");
        }
        if (!store.delete(key, expectedVersion)) {
            return new AccessResult.Conflict<>();
        }
        events.publishEvent(new AccessChanged(AccessChanged.Kind.ROLE_DELETED, CareTeams.staffOf(actor), null, null, key, null));
        return new AccessResult.Done<>(true);
    }

    private Map<String, String> check(RoleDraft draft, String key, RoleDefinition maker) {
        Map<String, String> problems = new LinkedHashMap<>();
        String label = draft.label() == null ? "" : draft.label().strip();
        if (label.isEmpty()) {
            problems.put("label", "access.label.required");
        } else {
            Texts.check(label, "label", 2, 80, problems);
            if (!problems.containsKey("label") && (label.contains("\n") || label.contains("\t"))) {
                problems.put("label", "access.label.invalid");
            }
            if (!problems.containsKey("label") && store.labelTaken(label, key)) {
                problems.put("label", "access.label.taken");
            }
        }
        if (draft.reach() == null || draft.reach() == Reach.OWN_RECORD) {
            problems.put("reach", "access.reach.invalid");
        }
        if (draft.permissions() == null || draft.permissions().isEmpty()) {
            problems.put("permissions", "access.permissions.required");
        }
        if (problems.isEmpty()) {
            RoleDefinition wanted = new RoleDefinition(key, label, false, draft.reach(), draft.permissions(),
                    draft.visibility() == null ? Map.of() : draft.visibility(), 0);
            if (maker == null || !wanted.within(maker)) {
                problems.put("permissions", "access.permissions.beyondOwn");
            }
        }
        return problems;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[5];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** Lower-case form of a reach or visibility for messages. */
    static String code(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
