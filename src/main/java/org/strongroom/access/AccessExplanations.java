package org.strongroom.access;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.strongroom.identity.StaffAdministration;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffMember;
import org.strongroom.identity.StaffStatus;

/**
 * Who can reach a client and why — role-wide reach, care team, grant, break-the-glass — built
 * from the same definitions and tables the policy decides from, and checked against the policy
 * itself for each person (so the page cannot drift from what is enforced). Needs
 * {@code access.review}.
 */
@Service
public class AccessExplanations {

    private final AccessPolicy policy;
    private final CareTeams teams;
    private final AccessGrants grants;
    private final StaffAdministration staff;
    private final Clock clock;

    AccessExplanations(AccessPolicy policy, CareTeams teams, AccessGrants grants, StaffAdministration staff, Clock clock) {
        this.policy = policy;
        this.teams = teams;
        this.grants = grants;
        this.staff = staff;
        this.clock = clock;
    }

    /**
     * The asker's own access to a client. Needs {@code client.read} on the client: for a client
     * out of reach this throws exactly as for a client that does not exist.
     *
     * @throws AccessRefused when the client is out of reach (looks absent) or the role cannot read clients
     */
    @Transactional(readOnly = true)
    public MyAccess mine(Actor actor, UUID clientId) {
        AccessDecision read = policy.require(actor, Permission.CLIENT_READ, clientId);
        if (!grants.clientExists(clientId)) {
            throw new AccessRefused(AccessDecision.deny("client_exists", "no_such_client", read.role()));
        }
        RoleDefinition role = java.util.Objects.requireNonNull(read.role());
        Set<Permission> allowed = policy.permitted(actor, clientId);
        Instant until = null;
        TeamRole teamRole = null;
        if (actor instanceof Actor.Staff staffActor) {
            Instant now = clock.instant();
            if (read.basis() == Basis.GRANT || read.basis() == Basis.BREAK_GLASS) {
                AccessGrant.Kind kind = read.basis() == Basis.GRANT ? AccessGrant.Kind.GRANT : AccessGrant.Kind.BREAK_GLASS;
                until = grants.forStaff(actor, staffActor.staffId()).stream()
                        .filter(g -> g.clientId().equals(clientId) && g.kind() == kind && g.activeAt(now))
                        .map(AccessGrant::expiresAt).max(Comparator.naturalOrder()).orElse(null);
            } else if (read.basis() == Basis.CARE_TEAM) {
                teamRole = teams.teamsOf(actor, staffActor.staffId()).stream().filter(m -> m.clientId().equals(clientId))
                        .map(CareTeamMember::teamRole).findFirst().orElse(null);
            }
        }
        return new MyAccess(clientId, java.util.Objects.requireNonNull(read.basis()), teamRole, until, allowed, role.visibility());
    }

    /** The asker's own care teams and grants (active and recently ended), for their "my access" page. */
    @Transactional(readOnly = true)
    public Mine mine(Actor actor) {
        if (!(actor instanceof Actor.Staff staffActor)) {
            return new Mine(List.of(), List.of());
        }
        return new Mine(teams.teamsOf(actor, staffActor.staffId()), grants.forStaff(actor, staffActor.staffId()));
    }

    /** A person's own care-team places and grants. */
    public record Mine(List<CareTeamMember> teams, List<AccessGrant> grants) {
    }

    @Transactional(readOnly = true)
    public List<AccessPath> whoCanAccess(Actor viewer, UUID clientId) {
        AccessDecision review = policy.require(viewer, Permission.ACCESS_REVIEW);
        if (!grants.clientExists(clientId)) {
            // Nothing to explain for an id no client has (or an erased client): the page is a 404.
            throw new AccessRefused(AccessDecision.deny("client_exists", "no_such_client", review.role()));
        }
        Instant now = clock.instant();
        Map<StaffId, List<CareTeamMember>> team = new HashMap<>();
        for (CareTeamMember m : teams.members(viewer, clientId)) {
            team.computeIfAbsent(m.staff(), k -> new ArrayList<>()).add(m);
        }
        Map<StaffId, List<AccessGrant>> live = new HashMap<>();
        for (AccessGrant g : grants.forClient(viewer, clientId)) {
            if (g.activeAt(now)) {
                live.computeIfAbsent(g.staff(), k -> new ArrayList<>()).add(g);
            }
        }
        List<AccessPath> paths = new ArrayList<>();
        for (StaffMember member : staff.list()) {
            if (member.status() != StaffStatus.ACTIVE && member.status() != StaffStatus.INVITED) {
                continue;
            }
            Optional<RoleDefinition> role = policy.role(member.role().key());
            if (role.isEmpty()) {
                continue;
            }
            Actor.Staff actor = new Actor.Staff(member.id(), member.role());
            Set<Permission> onClient = policy.permitted(actor, clientId);
            if (onClient.isEmpty()) {
                continue;
            }
            if (role.get().reach() == Reach.ORGANISATION) {
                paths.add(new AccessPath(member.id(), member.displayName(), member.role(), Basis.ROLE_WIDE, null, null, onClient));
            }
            for (CareTeamMember m : team.getOrDefault(member.id(), List.of())) {
                paths.add(new AccessPath(member.id(), member.displayName(), member.role(), Basis.CARE_TEAM, m.teamRole(), null, onClient));
            }
            for (AccessGrant g : live.getOrDefault(member.id(), List.of())) {
                paths.add(new AccessPath(member.id(), member.displayName(), member.role(),
                        g.kind() == AccessGrant.Kind.BREAK_GLASS ? Basis.BREAK_GLASS : Basis.GRANT, null, g.expiresAt(), onClient));
            }
        }
        paths.sort(Comparator.comparing(AccessPath::basis).thenComparing(AccessPath::displayName, String.CASE_INSENSITIVE_ORDER));
        return paths;
    }
}
