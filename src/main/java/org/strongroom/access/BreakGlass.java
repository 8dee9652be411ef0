package org.strongroom.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.strongroom.identity.InvitationLinks;
import org.strongroom.identity.Mailer;
import org.strongroom.identity.StaffDirectory;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffProfile;

/**
 * Break-the-glass: emergency access to one client for someone whose role, team and grants do not
 * reach them (anyone they already reach is refused: they need no emergency). Needs the {@code break_glass.use} permission, a stated reason and a fresh second
 * factor; covers that one client for a short period ({@code strongroom.access.break-glass-duration},
 * default one hour); is recorded in the audit trail (and so in the client's access history);
 * mails every active owner at once; and waits in a review queue until a reviewer marks it
 * justified or not.
 */
@Service
public class BreakGlass {

    private static final Logger LOG = LoggerFactory.getLogger(BreakGlass.class);
    static final int MIN_REASON = 10;

    private final AccessGrants grants;
    private final AccessPolicy policy;
    private final JdbcClient jdbc;
    private final StaffDirectory staff;
    private final Mailer mailer;
    private final MessageSource messages;
    private final InvitationLinks links;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Duration duration;
    private final ZoneId zone;

    BreakGlass(AccessGrants grants, AccessPolicy policy, JdbcClient jdbc, StaffDirectory staff, Mailer mailer,
               MessageSource messages, InvitationLinks links, ApplicationEventPublisher events, Clock clock,
               @Value("${strongroom.access.break-glass-duration:PT1H}") Duration duration,
               @Value("${strongroom.organisation.time-zone:}") String zone) {
        if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofHours(24)) > 0) {
            throw new IllegalStateException("strongroom.access.break-glass-duration must be more than zero and at most PT24H");
        }
        this.grants = grants;
        this.policy = policy;
        this.jdbc = jdbc;
        this.staff = staff;
        this.mailer = mailer;
        this.messages = messages;
        this.links = links;
        this.events = events;
        this.clock = clock;
        this.duration = duration;
        this.zone = zone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zone);
    }

    /** How long one break-the-glass lasts. */
    public Duration duration() {
        return duration;
    }

    /**
     * Opens the record of one client in an emergency.
     *
     * @param secondFactorFresh whether the session's last second factor is within the step-up window
     * @return the grant; {@link AccessResult.StepUpNeeded} without a fresh factor; {@link AccessResult.Rejected}
     *         for a missing or unusable reason
     * @throws AccessRefused when the role does not hold {@code break_glass.use}
     */
    @Transactional
    public AccessResult<AccessGrant> open(Actor actor, UUID clientId, String reason, boolean secondFactorFresh) {
        policy.require(actor, Permission.BREAK_GLASS_USE);
        if (!(actor instanceof Actor.Staff person)) {
            throw new AccessRefused(AccessDecision.deny("break_glass", "not_staff", null));
        }
        Map<String, String> problems = new LinkedHashMap<>();
        String clean = reason == null ? "" : reason.strip();
        if (clean.isEmpty()) {
            problems.put("reason", "access.reason.required");
        } else {
            Texts.check(clean, "reason", MIN_REASON, Texts.MAX_REASON, problems);
        }
        if (!problems.isEmpty()) {
            return new AccessResult.Rejected<>(problems);
        }
        if (!grants.clientExists(clientId)) {
            return AccessResult.rejected("client", "access.client.unknown");
        }
        // Only for someone the record is otherwise closed to: a role, team or grant that already
        // reaches the client needs no emergency (and must not alert the owners or fill the queue).
        AccessDecision current = policy.decide(actor, Permission.CLIENT_READ, clientId);
        if (current.allowed() && current.basis() != Basis.BREAK_GLASS) {
            return AccessResult.rejected("client", "access.breakGlass.notNeeded");
        }
        if (!secondFactorFresh) {
            return new AccessResult.StepUpNeeded<>();
        }
        Instant now = clock.instant();
        Optional<AccessGrant> live = grants.query("SELECT " + AccessGrants.COLUMNS + """
                         FROM access_grant WHERE client_id = ? AND staff_id = ? AND kind = 'BREAK_GLASS'
                        AND revoked_at IS NULL AND starts_at <= ? AND expires_at > ?""",
                clientId.toString(), person.staffId().toString(), now.toEpochMilli(), now.toEpochMilli()).stream().findFirst();
        if (live.isPresent()) {
            return new AccessResult.Done<>(live.get());
        }
        UUID id = UUID.randomUUID();
        grants.insert(id, clientId, person.staffId(), AccessGrant.Kind.BREAK_GLASS, now, now.plus(duration), person.staffId(),
                clean, AccessGrant.Review.PENDING);
        events.publishEvent(new AccessChanged(AccessChanged.Kind.BREAK_GLASS_OPENED, person.staffId(), person.staffId(), clientId,
                id.toString(), null));
        AccessGrant opened = grants.find(id).orElseThrow();
        notifyOwnersAfterCommit(opened);
        return new AccessResult.Done<>(opened);
    }

    /** Break-the-glass uses waiting for review, oldest first. Needs {@code break_glass.review}. */
    @Transactional(readOnly = true)
    public List<AccessGrant> pending(Actor reviewer) {
        policy.require(reviewer, Permission.BREAK_GLASS_REVIEW);
        return grants.query("SELECT " + AccessGrants.COLUMNS + " FROM access_grant WHERE kind = 'BREAK_GLASS' AND review_state = 'PENDING' ORDER BY created_at");
    }

    /** How many wait for review (for a badge); zero for someone who may not review. */
    @Transactional(readOnly = true)
    public long pendingCount(Actor reviewer) {
        if (!policy.decide(reviewer, Permission.BREAK_GLASS_REVIEW).allowed()) {
            return 0;
        }
        return jdbc.sql("SELECT COUNT(*) FROM access_grant WHERE kind = 'BREAK_GLASS' AND review_state = 'PENDING'")
                .query(Long.class).single();
    }

    /** Reviewed uses, newest first (the last {@code limit}). Needs {@code break_glass.review}. */
    @Transactional(readOnly = true)
    public List<AccessGrant> reviewed(Actor reviewer, int limit) {
        policy.require(reviewer, Permission.BREAK_GLASS_REVIEW);
        return grants.query("SELECT " + AccessGrants.COLUMNS + " FROM access_grant WHERE kind = 'BREAK_GLASS' AND review_state IN ('JUSTIFIED', 'UNJUSTIFIED')"
                + " ORDER BY reviewed_at DESC LIMIT " + Math.max(1, Math.min(limit, 500)));
    }

    /**
     * Marks a use justified or not, with an optional note. Nobody reviews their own use; a use
     * already reviewed stays as it was ({@link AccessResult.Conflict}).
     */
    @Transactional
    public AccessResult<AccessGrant> review(Actor reviewer, UUID grantId, boolean justified, String note) {
        policy.require(reviewer, Permission.BREAK_GLASS_REVIEW);
        Optional<AccessGrant> use = grants.find(grantId).filter(g -> g.kind() == AccessGrant.Kind.BREAK_GLASS);
        if (use.isEmpty()) {
            return AccessResult.rejected("grant", "access.review.unknown");
        }
        StaffId by = CareTeams.staffOf(reviewer);
        if (by != null && by.equals(use.get().staff())) {
            return AccessResult.rejected("grant", "access.review.own");
        }
        String clean = note == null ? "" : note.strip();
        Map<String, String> problems = new LinkedHashMap<>();
        if (!clean.isEmpty()) {
            Texts.check(clean, "note", 0, Texts.MAX_REASON, problems);
        }
        if (!justified && clean.isEmpty()) {
            problems.put("note", "access.note.requiredWhenUnjustified");
        }
        if (!problems.isEmpty()) {
            return new AccessResult.Rejected<>(problems);
        }
        int changed = jdbc.sql("""
                        UPDATE access_grant SET review_state = ?, reviewed_at = ?, reviewed_by = ?, review_note_ciphertext = ?
                        WHERE id = ? AND review_state = 'PENDING'""")
                .param(justified ? "JUSTIFIED" : "UNJUSTIFIED").param(clock.millis()).param(by == null ? null : by.toString())
                .param(clean.isEmpty() ? null : grants.seal(use.get().clientId(), grantId, "review_note", clean))
                .param(grantId.toString()).update();
        if (changed == 0) {
            return new AccessResult.Conflict<>();
        }
        events.publishEvent(new AccessChanged(AccessChanged.Kind.BREAK_GLASS_REVIEWED, by, use.get().staff(), use.get().clientId(),
                grantId.toString(), justified ? "justified" : "unjustified"));
        return new AccessResult.Done<>(grants.find(grantId).orElseThrow());
    }

    private void notifyOwnersAfterCommit(AccessGrant use) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    notifyOwners(use);
                }
            });
        } else {
            notifyOwners(use);
        }
    }

    /** Mails each active owner (never throws; a failed mail is logged, the review queue still shows the use). */
    void notifyOwners(AccessGrant use) {
        if (!mailer.isConfigured()) {
            LOG.warn("Break-the-glass access {} was used; no mail server is configured (strongroom.mail.host), so owners see it only in the review queue",
                    use.id());
            return;
        }
        String who = staff.find(use.staff()).map(StaffProfile::displayName).orElse(use.staff().toString());
        DateTimeFormatter when = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm zzz", Locale.ROOT);
        for (StaffId owner : staff.activeOwners()) {
            StaffProfile profile = staff.find(owner).orElse(null);
            if (profile == null) {
                continue;
            }
            Locale locale = profile.locale() == null || profile.locale().isBlank() ? Locale.ENGLISH : Locale.forLanguageTag(profile.locale());
            String subject = messages.getMessage("access.mail.breakGlass.subject", null, locale);
            String body = messages.getMessage("access.mail.breakGlass.body", new Object[] {profile.displayName(), who,
                    use.clientId().toString(), when.format(use.createdAt().atZone(zone)), when.format(use.expiresAt().atZone(zone)),
                    links.baseUrl() + "/admin/access/reviews"}, locale);
            try {
                mailer.send(profile.email(), subject, body);
            } catch (RuntimeException e) {
                LOG.warn("The break-the-glass alert to an owner was not sent: {}", e.getClass().getSimpleName());
            }
        }
    }
}
