package org.strongroom.access;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.strongroom.crypto.ClientKeys;
import org.strongroom.identity.StaffDirectory;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffProfile;
import org.strongroom.identity.StaffStatus;

/**
 * Each client's care team: who looks after them and in what part. A practitioner sees only the
 * clients on their teams (plus grants and break-the-glass). Every change asks the policy for
 * {@code care_team.manage} on that client, is recorded in the audit trail in the same transaction,
 * and counts from the next request.
 */
@Service
public class CareTeams {

    static final RowMapper<CareTeamMember> ROW = (rs, n) -> new CareTeamMember(UUID.fromString(rs.getString("client_id")),
            StaffId.parse(rs.getString("staff_id")), TeamRole.valueOf(rs.getString("team_role")),
            Instant.ofEpochMilli(rs.getLong("added_at")),
            rs.getString("added_by") == null ? null : StaffId.parse(rs.getString("added_by")));

    private final JdbcClient jdbc;
    private final AccessPolicy policy;
    private final StaffDirectory staff;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ClientKeys keys;

    CareTeams(JdbcClient jdbc, AccessPolicy policy, StaffDirectory staff, ApplicationEventPublisher events, Clock clock,
              ClientKeys keys) {
        this.keys = keys;
        this.jdbc = jdbc;
        this.policy = policy;
        this.staff = staff;
        this.events = events;
        this.clock = clock;
    }

    /** The client's care team; needs {@code client.read} on the client or {@code access.review}. */
    @Transactional(readOnly = true)
    public List<CareTeamMember> members(Actor viewer, UUID clientId) {
        if (!policy.decide(viewer, Permission.ACCESS_REVIEW).allowed()) {
            policy.require(viewer, Permission.CLIENT_READ, clientId);
        }
        return jdbc.sql("SELECT client_id, staff_id, team_role, added_at, added_by FROM care_team_member WHERE client_id = ? ORDER BY team_role, added_at")
                .param(clientId.toString()).query(ROW).list();
    }

    /** The clients whose teams the person is on (their own list, or for {@code access.review}). */
    @Transactional(readOnly = true)
    public List<CareTeamMember> teamsOf(Actor viewer, StaffId person) {
        boolean self = viewer instanceof Actor.Staff s && s.staffId().equals(person);
        if (!self) {
            policy.require(viewer, Permission.ACCESS_REVIEW);
        }
        return jdbc.sql("SELECT client_id, staff_id, team_role, added_at, added_by FROM care_team_member WHERE staff_id = ? ORDER BY added_at DESC")
                .param(person.toString()).query(ROW).list();
    }

    /** Puts someone on the team, or changes their part on it. */
    @Transactional
    public AccessResult<CareTeamMember> assign(Actor actor, UUID clientId, StaffId person, TeamRole teamRole) {
        policy.require(actor, Permission.CARE_TEAM_MANAGE, clientId);
        if (keys.state(clientId) != ClientKeys.State.ACTIVE) {
            return AccessResult.rejected("client", "access.client.unknown");
        }
        Optional<StaffProfile> profile = staff.find(person);
        if (profile.isEmpty() || profile.get().status() == StaffStatus.OFFBOARDED || profile.get().status() == StaffStatus.DISABLED) {
            return AccessResult.rejected("staff", "access.team.staffUnknown");
        }
        long now = clock.millis();
        Optional<CareTeamMember> existing = find(clientId, person);
        if (existing.isPresent()) {
            if (existing.get().teamRole() == teamRole) {
                return new AccessResult.Done<>(existing.get());
            }
            jdbc.sql("UPDATE care_team_member SET team_role = ? WHERE client_id = ? AND staff_id = ?")
                    .param(teamRole.name()).param(clientId.toString()).param(person.toString()).update();
            events.publishEvent(new AccessChanged(AccessChanged.Kind.TEAM_MEMBER_CHANGED, staffOf(actor), person, clientId,
                    null, teamRole.name().toLowerCase(java.util.Locale.ROOT)));
        } else {
            jdbc.sql("INSERT INTO care_team_member (client_id, staff_id, team_role, added_at, added_by) VALUES (?, ?, ?, ?, ?)")
                    .param(clientId.toString()).param(person.toString()).param(teamRole.name()).param(now)
                    .param(staffOf(actor) == null ? null : staffOf(actor).toString()).update();
            events.publishEvent(new AccessChanged(AccessChanged.Kind.TEAM_MEMBER_ADDED, staffOf(actor), person, clientId,
                    null, teamRole.name().toLowerCase(java.util.Locale.ROOT)));
        }
        return new AccessResult.Done<>(find(clientId, person).orElseThrow());
    }

    /**
     * For the clients module, in the transaction that creates a client: someone whose role reaches
     * clients through care teams (a practitioner) becomes the lead of the new client's team, or
     * they could not open the record they have just made. Does nothing for roles with another
     * reach, and nothing when the client already has a team (so it cannot be used to join an
     * existing client's team). Recorded as {@code access.team_member_added}.
     *
     * @return whether the creator was put on the team
     */
    @Transactional
    public boolean startTeam(Actor creator, UUID clientId) {
        if (!(creator instanceof Actor.Staff staffCreator)) {
            return false;
        }
        Optional<RoleDefinition> role = policy.role(creator.roleKey());
        if (role.isEmpty() || role.get().reach() != Reach.CARE_TEAM || keys.state(clientId) != ClientKeys.State.ACTIVE) {
            return false;
        }
        Integer existing = jdbc.sql("SELECT COUNT(*) FROM care_team_member WHERE client_id = ?").param(clientId.toString())
                .query(Integer.class).single();
        if (existing != null && existing > 0) {
            return false;
        }
        jdbc.sql("INSERT INTO care_team_member (client_id, staff_id, team_role, added_at, added_by) VALUES (?, ?, ?, ?, ?)")
                .param(clientId.toString()).param(staffCreator.staffId().toString()).param(TeamRole.LEAD.name())
                .param(clock.millis()).param(staffCreator.staffId().toString()).update();
        events.publishEvent(new AccessChanged(AccessChanged.Kind.TEAM_MEMBER_ADDED, staffCreator.staffId(), staffCreator.staffId(),
                clientId, null, "lead"));
        return true;
    }

    /** Takes someone off the team; they lose access (unless another basis remains) from the next request. */
    @Transactional
    public AccessResult<Boolean> remove(Actor actor, UUID clientId, StaffId person) {
        policy.require(actor, Permission.CARE_TEAM_MANAGE, clientId);
        int removed = jdbc.sql("DELETE FROM care_team_member WHERE client_id = ? AND staff_id = ?")
                .param(clientId.toString()).param(person.toString()).update();
        if (removed == 0) {
            return AccessResult.rejected("staff", "access.team.notMember");
        }
        events.publishEvent(new AccessChanged(AccessChanged.Kind.TEAM_MEMBER_REMOVED, staffOf(actor), person, clientId, null, null));
        return new AccessResult.Done<>(true);
    }

    private Optional<CareTeamMember> find(UUID clientId, StaffId person) {
        return jdbc.sql("SELECT client_id, staff_id, team_role, added_at, added_by FROM care_team_member WHERE client_id = ? AND staff_id = ?")
                .param(clientId.toString()).param(person.toString()).query(ROW).optional();
    }

    static @Nullable StaffId staffOf(Actor actor) {
        return actor instanceof Actor.Staff s ? s.staffId() : null;
    }
}
