package org.strongroom.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.strongroom.crypto.Emails;
import org.strongroom.crypto.SecretTokens;
import org.strongroom.identity.internal.Accounts;
import org.strongroom.identity.internal.Invitations;

/**
 * Running a team's accounts: invite, accept an invitation, change role, disable, enable,
 * offboard, reset factors. Owners and administrators act on others; nobody disables, demotes or
 * offboards themselves, only owners act on owners, and the last active owner always stays.
 * Every change publishes {@link StaffAccountChanged}, on which sessions and tokens end.
 */
@Service
public class StaffAdministration {

    public static final Duration INVITATION_VALIDITY = Duration.ofHours(72);

    /** Outcome of an invitation. */
    public sealed interface Invitation {
        /** The link holds the token in clear: show it once, never log it. */
        record Sent(StaffId staff, String token) implements Invitation {
            @Override
            public String toString() {
                return "Sent[" + staff + "]";
            }
        }

        record Rejected(Map<String, String> problems) implements Invitation {
        }
    }

    /** Outcome of an administrative action; refusals carry a message code. */
    public sealed interface Outcome {
        record Done() implements Outcome {
        }

        record Refused(String reason) implements Outcome {
        }
    }

    /** What the invitation page shows. Personal data: never log it. */
    public record PendingInvitation(StaffId staff, String name, String email) {
        @Override
        public String toString() {
            return "PendingInvitation[" + staff + "]";
        }
    }

    private final Accounts accounts;
    private final RoleCatalogue roles;
    private final Invitations invitations;
    private final SecondFactors factors;
    private final PasswordEncoder passwords;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    StaffAdministration(Accounts accounts, Invitations invitations, SecondFactors factors, PasswordEncoder passwords,
                        ApplicationEventPublisher events, Clock clock, RoleCatalogue roles) {
        this.roles = roles;
        this.accounts = accounts;
        this.invitations = invitations;
        this.factors = factors;
        this.passwords = passwords;
        this.events = events;
        this.clock = clock;
    }

    public List<StaffMember> list() {
        return accounts.list().stream()
                .map(m -> new StaffMember(m.id(), m.displayName(), m.email(), m.role(), m.status(), m.statusReason(),
                        m.createdAt(), m.lastSignInAt(), factors.hasAnyFactor(m.id()),
                        m.status() == StaffStatus.INVITED ? invitations.pendingUntil(m.id()).orElse(null) : null))
                .toList();
    }

    /**
     * Creates an account in state {@link StaffStatus#INVITED} and a one-time link for its owner
     * to set a password. Only owners may invite owners.
     *
     * @param actor the inviting owner or administrator; {@code null} on the server's command line
     */
    @Transactional
    public Invitation invite(@Nullable StaffId actor, String name, String email, StaffRole role) {
        Map<String, String> problems = new LinkedHashMap<>();
        String cleanName = name.strip();
        if (cleanName.isEmpty()) {
            problems.put("name", "name.required");
        } else if (cleanName.length() > 200 || cleanName.codePoints().anyMatch(Character::isISOControl)) {
            problems.put("name", "name.invalid");
        }
        Optional<String> normalised = email.length() > Emails.MAX_LENGTH ? Optional.empty() : Emails.normalise(email);
        if (email.isBlank()) {
            problems.put("email", "email.required");
        } else if (normalised.isEmpty() || !Emails.isValid(email)) {
            problems.put("email", "email.invalid");
        } else if (accounts.findIdByEmail(normalised.get()).isPresent()) {
            problems.put("email", "users.email.taken");
        }
        if (!roles.exists(role)) {
            problems.put("role", "users.role.invalid");
        } else if (StaffRole.OWNER.equals(role) && actor != null && !StaffRole.OWNER.equals(roleOf(actor))) {
            problems.put("role", "users.refused.ownerOnly");
        } else if (actor != null && !roles.covers(roleOf(actor), role)) {
            problems.put("role", "users.refused.beyondOwnRole");
        }
        if (!problems.isEmpty()) {
            return new Invitation.Rejected(problems);
        }
        StaffId staff = StaffId.random();
        accounts.insert(staff, normalised.get(), cleanName, null, role, StaffStatus.INVITED, clock.instant());
        String token = newInvitation(staff, actor);
        events.publishEvent(new StaffAccountChanged(staff, StaffAccountChanged.Change.INVITED, actor));
        return new Invitation.Sent(staff, token);
    }

    /** A new link for someone who has not accepted yet; the earlier link stops working. */
    @Transactional
    public Optional<String> reinvite(@Nullable StaffId actor, StaffId staff) {
        return accounts.findCredentials(staff)
                .filter(c -> c.status() == StaffStatus.INVITED)
                .map(c -> newInvitation(staff, actor));
    }

    /** The invitation a link stands for, if it is usable. */
    public Optional<PendingInvitation> pending(String token) {
        if (!SecretTokens.isWellFormed(token)) {
            return Optional.empty();
        }
        return invitations.findUsable(SecretTokens.digest(token), clock.instant())
                .flatMap(accounts::findProfile)
                .filter(p -> p.status() == StaffStatus.INVITED)
                .map(p -> new PendingInvitation(p.id(), p.displayName(), p.email()));
    }

    /**
     * Sets the invited person's password and activates the account; the link is consumed in the
     * same transaction, so it works once. The person then signs in and enrols a second factor.
     * Empty problems means accepted; a used, expired or forged link gives {@code link}.
     */
    @Transactional
    public Map<String, String> accept(String token, String password) {
        Optional<PendingInvitation> pending = pending(token);
        if (pending.isEmpty()) {
            return Map.of("link", "users.invitation.invalid");
        }
        PendingInvitation invitation = pending.get();
        Optional<String> problem = PasswordRules.check(password, invitation.name(), invitation.email());
        if (problem.isPresent()) {
            return Map.of("password", problem.get());
        }
        Instant now = clock.instant();
        if (!invitations.consume(SecretTokens.digest(token), now)) {
            return Map.of("link", "users.invitation.invalid");
        }
        accounts.updatePasswordHash(invitation.staff(), passwords.encode(password));
        accounts.changeStatus(invitation.staff(), EnumSet.of(StaffStatus.INVITED), StaffStatus.ACTIVE, null, now);
        events.publishEvent(new StaffAccountChanged(invitation.staff(), StaffAccountChanged.Change.ACTIVATED, null));
        return Map.of();
    }

    @Transactional
    public Outcome changeRole(@Nullable StaffId actor, StaffId staff, StaffRole role) {
        Optional<Outcome> refused = guard(actor, staff, true);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (!roles.exists(role)) {
            return new Outcome.Refused("users.role.invalid");
        }
        if (StaffRole.OWNER.equals(role) && actor != null && !StaffRole.OWNER.equals(roleOf(actor))) {
            return new Outcome.Refused("users.refused.ownerOnly");
        }
        if (actor != null && !roles.covers(roleOf(actor), role)) {
            return new Outcome.Refused("users.refused.beyondOwnRole");
        }
        accounts.updateRole(staff, role);
        events.publishEvent(new StaffAccountChanged(staff, StaffAccountChanged.Change.ROLE_CHANGED, actor));
        return new Outcome.Done();
    }

    /** Turns an account off; its sessions and tokens end at once. */
    @Transactional
    public Outcome disable(@Nullable StaffId actor, StaffId staff) {
        Optional<Outcome> refused = guard(actor, staff, true);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (!accounts.changeStatus(staff, EnumSet.of(StaffStatus.ACTIVE, StaffStatus.INVITED), StaffStatus.DISABLED,
                "MANUAL", clock.instant())) {
            return new Outcome.Refused("users.refused.state");
        }
        invitations.withdraw(staff);
        events.publishEvent(new StaffAccountChanged(staff, StaffAccountChanged.Change.DISABLED, actor));
        return new Outcome.Done();
    }

    @Transactional
    public Outcome enable(@Nullable StaffId actor, StaffId staff) {
        Optional<Outcome> refused = guard(actor, staff, false);
        if (refused.isPresent()) {
            return refused.get();
        }
        boolean hasPassword = accounts.findCredentials(staff).map(c -> c.passwordHash() != null).orElse(false);
        if (!accounts.changeStatus(staff, EnumSet.of(StaffStatus.DISABLED),
                hasPassword ? StaffStatus.ACTIVE : StaffStatus.INVITED, null, clock.instant())) {
            return new Outcome.Refused("users.refused.state");
        }
        events.publishEvent(new StaffAccountChanged(staff, StaffAccountChanged.Change.ENABLED, actor));
        return new Outcome.Done();
    }

    /** Someone left: account closed for good, factors removed, address freed; the id stays for the record. */
    @Transactional
    public Outcome offboard(@Nullable StaffId actor, StaffId staff) {
        Optional<Outcome> refused = guard(actor, staff, true);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (!accounts.changeStatus(staff, EnumSet.of(StaffStatus.ACTIVE, StaffStatus.INVITED, StaffStatus.DISABLED),
                StaffStatus.OFFBOARDED, "MANUAL", clock.instant())) {
            return new Outcome.Refused("users.refused.state");
        }
        invitations.withdraw(staff);
        factors.removeAll(staff);
        events.publishEvent(new StaffAccountChanged(staff, StaffAccountChanged.Change.OFFBOARDED, actor));
        return new Outcome.Done();
    }

    /**
     * Removes someone's authenticator app and recovery codes (they lost their phone): at their
     * next sign-in they enrol again. Their sessions end. The caller checks the actor's own step-up.
     */
    @Transactional
    public Outcome resetFactors(@Nullable StaffId actor, StaffId staff) {
        Optional<Outcome> refused = guard(actor, staff, false);
        if (refused.isPresent()) {
            return refused.get();
        }
        factors.removeAll(staff);
        events.publishEvent(new StaffAccountChanged(staff, StaffAccountChanged.Change.FACTORS_RESET, actor));
        return new Outcome.Done();
    }

    /** Disables non-owner accounts nobody has signed in to since the cut-off; their ids. */
    @Transactional
    public List<StaffId> disableInactiveSince(Instant cutoff) {
        List<StaffId> stale = accounts.activeNotSeenSince(cutoff);
        for (StaffId staff : stale) {
            if (accounts.changeStatus(staff, EnumSet.of(StaffStatus.ACTIVE), StaffStatus.DISABLED, "INACTIVE", clock.instant())) {
                events.publishEvent(new StaffAccountChanged(staff, StaffAccountChanged.Change.DISABLED_FOR_INACTIVITY, null));
            }
        }
        return stale;
    }

    private String newInvitation(StaffId staff, @Nullable StaffId actor) {
        String token = SecretTokens.generate();
        Instant now = clock.instant();
        invitations.insert(SecretTokens.digest(token), staff, actor, now, now.plus(INVITATION_VALIDITY));
        return token;
    }

    private Optional<Outcome> guard(@Nullable StaffId actor, StaffId staff, boolean removesAccess) {
        Optional<Accounts.Credentials> target = accounts.findCredentials(staff);
        if (target.isEmpty() || target.get().status() == StaffStatus.OFFBOARDED) {
            return Optional.of(new Outcome.Refused("users.refused.unknown"));
        }
        if (actor != null && actor.equals(staff)) {
            return Optional.of(new Outcome.Refused("users.refused.self"));
        }
        if (StaffRole.OWNER.equals(target.get().role())) {
            if (actor != null && !StaffRole.OWNER.equals(roleOf(actor))) {
                return Optional.of(new Outcome.Refused("users.refused.ownerOnly"));
            }
            if (removesAccess && target.get().status() == StaffStatus.ACTIVE
                    && accounts.activeOwners().stream().filter(o -> !o.equals(staff)).findAny().isEmpty()) {
                return Optional.of(new Outcome.Refused("users.refused.lastOwner"));
            }
        }
        return Optional.empty();
    }

    private StaffRole roleOf(StaffId actor) {
        return accounts.findCredentials(actor).map(Accounts.Credentials::role).orElse(StaffRole.STAFF);
    }
}
