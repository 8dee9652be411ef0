package org.strongroom.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.strongroom.crypto.SecretTokens;
import org.strongroom.identity.internal.Accounts;
import org.strongroom.identity.internal.SetupTokens;

/**
 * The first run: while no owner account exists, a one-time setup link (256-bit token, stored
 * only as its digest, single use, valid 24 hours) lets whoever holds it create the owner account.
 * There are no default accounts. The CLI's {@code init} creates the owner without a link.
 */
@Service
public class OwnerSetup {

    public static final Duration LINK_VALIDITY = Duration.ofHours(24);

    private final Accounts accounts;
    private final SetupTokens tokens;
    private final PasswordEncoder passwords;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    OwnerSetup(Accounts accounts, SetupTokens tokens, PasswordEncoder passwords, Clock clock,
               ApplicationEventPublisher events) {
        this.events = events;
        this.accounts = accounts;
        this.tokens = tokens;
        this.passwords = passwords;
        this.clock = clock;
    }

    /** Whether the owner account exists. */
    public boolean ownerExists() {
        return accounts.ownerExists();
    }

    /**
     * Issues a new setup token and withdraws any earlier unused one; empty when an owner exists.
     * The caller shows the token once (on the console); it cannot be recovered later.
     */
    @Transactional
    public Optional<String> issueSetupToken() {
        if (accounts.ownerExists()) {
            return Optional.empty();
        }
        String token = SecretTokens.generate();
        Instant now = clock.instant();
        tokens.withdrawUnused();
        tokens.insert(SecretTokens.digest(token), now, now.plus(LINK_VALIDITY));
        return Optional.of(token);
    }

    /** Whether the token would currently be accepted (for showing the form or a refusal). */
    public boolean isUsable(String token) {
        return SecretTokens.isWellFormed(token) && !accounts.ownerExists()
                && tokens.isUsable(SecretTokens.digest(token), clock.instant());
    }

    /**
     * Creates the owner with a setup token. The token is consumed in the same transaction, so of
     * two concurrent uses exactly one succeeds; a used, expired or forged token changes nothing.
     */
    @Transactional
    public SetupResult completeSetup(String token, NewOwner owner) {
        // The link first: without a usable one, nobody gets to make the server estimate a password.
        if (!isUsable(token)) {
            return new SetupResult.InvalidLink();
        }
        Map<String, String> problems = validate(owner);
        if (!problems.isEmpty()) {
            return new SetupResult.Rejected(problems);
        }
        if (!SecretTokens.isWellFormed(token) || !tokens.consume(SecretTokens.digest(token), clock.instant())) {
            return new SetupResult.InvalidLink();
        }
        return insertOwner(owner);
    }

    /** Creates the owner without a link ({@code strongroom init}); refuses when one exists. */
    @Transactional
    public SetupResult createOwner(NewOwner owner) {
        Map<String, String> problems = validate(owner);
        if (!problems.isEmpty()) {
            return new SetupResult.Rejected(problems);
        }
        return insertOwner(owner);
    }

    private SetupResult insertOwner(NewOwner owner) {
        if (!accounts.claimOwnership()) {
            return new SetupResult.OwnerExists();
        }
        StaffId id = StaffId.random();
        String email = normaliseEmail(owner.email());
        accounts.insert(id, email, owner.name().strip(), passwords.encode(owner.password()), StaffRole.OWNER, StaffStatus.ACTIVE,
                clock.instant());
        tokens.withdrawUnused();
        events.publishEvent(new StaffAccountChanged(id, StaffAccountChanged.Change.OWNER_CREATED, null));
        return new SetupResult.Created(id, email);
    }

    /** What is wrong with the input, field by field (message codes); empty when it is acceptable. */
    public Map<String, String> problemsWith(NewOwner owner) {
        return validate(owner);
    }

    static Map<String, String> validate(NewOwner owner) {
        Map<String, String> problems = new LinkedHashMap<>();
        String name = owner.name().strip();
        if (name.isEmpty()) {
            problems.put("name", "name.required");
        } else if (name.length() > 200 || name.codePoints().anyMatch(Character::isISOControl)) {
            problems.put("name", "name.invalid");
        }
        String email = normaliseEmail(owner.email());
        if (email.isEmpty()) {
            problems.put("email", "email.required");
        } else if (!isPlausibleEmail(email)) {
            problems.put("email", "email.invalid");
        }
        PasswordRules.check(owner.password(), name, email).ifPresent(code -> problems.put("password", code));
        return problems;
    }

    static String normaliseEmail(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private static boolean isPlausibleEmail(String email) {
        return email.length() <= 254 && email.matches("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");
    }
}
