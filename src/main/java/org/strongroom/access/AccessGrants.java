package org.strongroom.access;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.strongroom.crypto.ClientKeyDestroyed;
import org.strongroom.crypto.ClientKeys;
import org.strongroom.crypto.DecryptionFailed;
import org.strongroom.crypto.EncryptionContext;
import org.strongroom.crypto.FieldCipher;
import org.strongroom.identity.StaffDirectory;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffProfile;
import org.strongroom.identity.StaffStatus;

/**
 * Time-limited grants: access to one client for a period (cover for a colleague on leave),
 * ending by itself, renewable, revocable, listed on the client and on the person. The reason is
 * sealed with the client's key (bound to the grant id). Every change asks the policy for
 * {@code grant.manage} on the client and is recorded in the audit trail in the same transaction.
 */
@Service
public class AccessGrants {

    /** The columns every grant query reads (the row mapper needs them all). */
    static final String COLUMNS = "id, client_id, staff_id, kind, starts_at, expires_at, created_at, created_by, revoked_at,"
            + " revoked_by, reason_ciphertext, review_state, reviewed_at, reviewed_by, review_note_ciphertext";

    /** Longest single grant or renewal: {@code strongroom.access.max-grant} (default 90 days). */
    private final Duration maxGrant;

    private final JdbcClient jdbc;
    private final AccessPolicy policy;
    private final FieldCipher cipher;
    private final StaffDirectory staff;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    private final ClientKeys keys;

    AccessGrants(JdbcClient jdbc, AccessPolicy policy, FieldCipher cipher, ClientKeys keys, StaffDirectory staff,
                 ApplicationEventPublisher events, Clock clock,
                 @Value("${strongroom.access.max-grant:P90D}") Duration maxGrant) {
        this.jdbc = jdbc;
        this.policy = policy;
        this.cipher = cipher;
        this.keys = keys;
        this.staff = staff;
        this.events = events;
        this.clock = clock;
        this.maxGrant = maxGrant;
    }

    /** Gives {@code person} access to the client until {@code until}. */
    @Transactional
    public AccessResult<AccessGrant> grant(Actor actor, UUID clientId, StaffId person, Instant until, @Nullable String reason) {
        policy.require(actor, Permission.GRANT_MANAGE, clientId);
        if (!clientExists(clientId)) {
            return AccessResult.rejected("client", "access.client.unknown");
        }
        Instant now = clock.instant();
        Map<String, String> problems = new LinkedHashMap<>();
        Optional<StaffProfile> profile = staff.find(person);
        if (profile.isEmpty() || profile.get().status() == StaffStatus.OFFBOARDED || profile.get().status() == StaffStatus.DISABLED) {
            problems.put("staff", "access.grant.staffUnknown");
        } else if (CareTeams.staffOf(actor) != null && person.equals(CareTeams.staffOf(actor))) {
            problems.put("staff", "access.grant.self");
        }
        checkUntil(until, now, problems);
        String cleanReason = reason == null ? null : reason.strip();
        if (cleanReason != null && !cleanReason.isEmpty()) {
            Texts.check(cleanReason, "reason", 0, Texts.MAX_REASON, problems);
        }
        if (!problems.isEmpty()) {
            return new AccessResult.Rejected<>(problems);
        }
        UUID id = UUID.randomUUID();
        insert(id, clientId, person, AccessGrant.Kind.GRANT, now, until, CareTeams.staffOf(actor),
                cleanReason == null || cleanReason.isEmpty() ? null : cleanReason, null);
        events.publishEvent(new AccessChanged(AccessChanged.Kind.GRANT_CREATED, CareTeams.staffOf(actor), person, clientId,
                id.toString(), null));
        return new AccessResult.Done<>(find(id).orElseThrow());
    }

    /** Moves the end of an active (or just lapsed) grant to {@code until}. */
    @Transactional
    public AccessResult<AccessGrant> renew(Actor actor, UUID grantId, Instant until) {
        Optional<AccessGrant> grant = find(grantId).filter(g -> g.kind() == AccessGrant.Kind.GRANT);
        if (grant.isEmpty()) {
            return AccessResult.rejected("grant", "access.grant.unknown");
        }
        policy.require(actor, Permission.GRANT_MANAGE, grant.get().clientId());
        Instant now = clock.instant();
        Map<String, String> problems = new LinkedHashMap<>();
        if (grant.get().revokedAt() != null) {
            problems.put("grant", "access.grant.revoked");
        }
        checkUntil(until, now, problems);
        if (!problems.isEmpty()) {
            return new AccessResult.Rejected<>(problems);
        }
        jdbc.sql("UPDATE access_grant SET expires_at = ?, renewed_at = ? WHERE id = ? AND revoked_at IS NULL")
                .param(until.toEpochMilli()).param(now.toEpochMilli()).param(grantId.toString()).update();
        events.publishEvent(new AccessChanged(AccessChanged.Kind.GRANT_RENEWED, CareTeams.staffOf(actor), grant.get().staff(),
                grant.get().clientId(), grantId.toString(), null));
        return new AccessResult.Done<>(find(grantId).orElseThrow());
    }

    /** Ends a grant (or a break-the-glass) now. */
    @Transactional
    public AccessResult<AccessGrant> revoke(Actor actor, UUID grantId) {
        Optional<AccessGrant> grant = find(grantId);
        if (grant.isEmpty()) {
            return AccessResult.rejected("grant", "access.grant.unknown");
        }
        policy.require(actor, Permission.GRANT_MANAGE, grant.get().clientId());
        if (grant.get().revokedAt() != null) {
            return new AccessResult.Done<>(grant.get());
        }
        long now = clock.millis();
        jdbc.sql("UPDATE access_grant SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL")
                .param(now).param(CareTeams.staffOf(actor) == null ? null : CareTeams.staffOf(actor).toString())
                .param(grantId.toString()).update();
        events.publishEvent(new AccessChanged(AccessChanged.Kind.GRANT_REVOKED, CareTeams.staffOf(actor), grant.get().staff(),
                grant.get().clientId(), grantId.toString(), null));
        return new AccessResult.Done<>(find(grantId).orElseThrow());
    }

    /** Grants and break-the-glass uses for a client, newest first (those ended in the last year too). */
    @Transactional(readOnly = true)
    public List<AccessGrant> forClient(Actor viewer, UUID clientId) {
        if (!policy.decide(viewer, Permission.ACCESS_REVIEW).allowed()) {
            policy.require(viewer, Permission.GRANT_MANAGE, clientId);
        }
        long since = clock.instant().minus(Duration.ofDays(366)).toEpochMilli();
        return jdbc.sql("SELECT " + COLUMNS + " FROM access_grant WHERE client_id = ? AND expires_at > ? ORDER BY created_at DESC")
                .param(clientId.toString()).param(since).query(row()).list();
    }

    /** A person's grants and break-the-glass uses, newest first; their own, or for {@code access.review}. */
    @Transactional(readOnly = true)
    public List<AccessGrant> forStaff(Actor viewer, StaffId person) {
        boolean self = viewer instanceof Actor.Staff s && s.staffId().equals(person);
        if (!self) {
            policy.require(viewer, Permission.ACCESS_REVIEW);
        }
        long since = clock.instant().minus(Duration.ofDays(366)).toEpochMilli();
        return jdbc.sql("SELECT " + COLUMNS + " FROM access_grant WHERE staff_id = ? AND expires_at > ? ORDER BY created_at DESC")
                .param(person.toString()).param(since).query(row()).list();
    }

    /**
     * Whether the client exists for access purposes: it has a live key (made when the client is
     * created; destroyed when they are erased). The access module knows clients by id only.
     */
    boolean clientExists(UUID clientId) {
        return keys.state(clientId) == ClientKeys.State.ACTIVE;
    }

    Optional<AccessGrant> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM access_grant WHERE id = ?").param(id.toString()).query(row()).optional();
    }

    List<AccessGrant> query(String sql, Object... params) {
        JdbcClient.StatementSpec spec = jdbc.sql(sql);
        for (Object p : params) {
            spec = spec.param(p);
        }
        return spec.query(row()).list();
    }

    void insert(UUID id, UUID clientId, StaffId person, AccessGrant.Kind kind, Instant from, Instant until,
                @Nullable StaffId by, @Nullable String reason, AccessGrant.@Nullable Review review) {
        jdbc.sql("""
                        INSERT INTO access_grant (id, client_id, staff_id, kind, starts_at, expires_at, created_at, created_by,
                            reason_ciphertext, review_state)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .param(id.toString()).param(clientId.toString()).param(person.toString()).param(kind.name())
                .param(from.toEpochMilli()).param(until.toEpochMilli()).param(from.toEpochMilli())
                .param(by == null ? null : by.toString())
                .param(reason == null ? null : seal(clientId, id, "reason", reason))
                .param(review == null ? null : review.name())
                .update();
    }

    byte[] seal(UUID clientId, UUID grantId, String field, String text) {
        return cipher.encrypt(clientId, text.getBytes(StandardCharsets.UTF_8),
                new EncryptionContext("access_grant", grantId.toString(), field));
    }

    private @Nullable String open(UUID clientId, UUID grantId, String field, byte @Nullable [] sealed) {
        if (sealed == null) {
            return null;
        }
        try {
            return new String(cipher.decrypt(clientId, sealed, new EncryptionContext("access_grant", grantId.toString(), field)),
                    StandardCharsets.UTF_8);
        } catch (ClientKeyDestroyed e) {
            return null;
        } catch (DecryptionFailed e) {
            return null;
        }
    }

    private void checkUntil(Instant until, Instant now, Map<String, String> problems) {
        if (!until.isAfter(now)) {
            problems.put("until", "access.grant.untilPast");
        } else if (until.isAfter(now.plus(maxGrant))) {
            problems.put("until", "access.grant.untilTooLate");
        }
    }

    private RowMapper<AccessGrant> row() {
        return (rs, n) -> {
            UUID id = UUID.fromString(rs.getString("id"));
            UUID client = UUID.fromString(rs.getString("client_id"));
            String review = rs.getString("review_state");
            return new AccessGrant(id, client, StaffId.parse(rs.getString("staff_id")),
                    AccessGrant.Kind.valueOf(rs.getString("kind")), Instant.ofEpochMilli(rs.getLong("starts_at")),
                    Instant.ofEpochMilli(rs.getLong("expires_at")), Instant.ofEpochMilli(rs.getLong("created_at")),
                    staffId(rs.getString("created_by")), instant(rs, "revoked_at"), staffId(rs.getString("revoked_by")),
                    open(client, id, "reason", rs.getBytes("reason_ciphertext")),
                    review == null ? null : AccessGrant.Review.valueOf(review), instant(rs, "reviewed_at"),
                    staffId(rs.getString("reviewed_by")),
                    open(client, id, "review_note", rs.getBytes("review_note_ciphertext")));
        };
    }

    private static @Nullable StaffId staffId(@Nullable String text) {
        return text == null ? null : StaffId.parse(text);
    }

    private static @Nullable Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(value);
    }
}
