package org.strongroom.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.strongroom.crypto.SecretTokens;
import org.strongroom.identity.internal.Accounts;
import org.strongroom.identity.internal.StoredApiTokens;
import org.strongroom.identity.internal.TokenFormat;

/**
 * Personal access tokens for integrations ({@code Authorization: Bearer srpat_…}). A token belongs
 * to one staff account, has a label, one or more {@link ApiScope scopes} and an expiry of at most
 * {@link #MAX_LIFETIME}; its secret is shown once and only its SHA-256 digest is stored (256
 * random bits make an unkeyed digest sufficient), so the database cannot give a token back.
 *
 * <p>A token is accepted only while it is unexpired, unrevoked and its account is active; the
 * account's <em>current</em> role applies, so a role change or a disabled account takes effect on
 * the next request. Every refusal looks the same to the caller.
 */
@Service
public class ApiTokens {

    /** The longest a token may live. */
    public static final Duration MAX_LIFETIME = Duration.ofDays(366);
    /** The shortest a token may live; anything shorter is more likely a mistake than a need. */
    public static final Duration MIN_LIFETIME = Duration.ofHours(1);
    public static final int MAX_LABEL_LENGTH = 100;
    /** Usable (unexpired, unrevoked) tokens one account may hold at once. */
    public static final int MAX_USABLE_PER_ACCOUNT = 50;
    /** Last-used times are kept to this resolution, so a busy token writes at most once per interval. */
    public static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private final StoredApiTokens tokens;
    private final Accounts accounts;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    ApiTokens(StoredApiTokens tokens, Accounts accounts, Clock clock, ApplicationEventPublisher events) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.clock = clock;
        this.events = events;
    }

    /**
     * Creates a token for an active account. The result carries the secret, which exists nowhere
     * else: show it once.
     */
    @Transactional
    public ApiTokenCreation create(StaffId owner, ApiTokenRequest request) {
        return create(owner, request, owner);
    }

    /**
     * As {@link #create(StaffId, ApiTokenRequest)}, made by {@code actor}: {@code null} for the
     * system (the command line), so the audit trail does not name the owner as the one who did it.
     */
    @Transactional
    public ApiTokenCreation create(StaffId owner, ApiTokenRequest request, @Nullable StaffId actor) {
        Instant now = clock.instant();
        Map<String, String> problems = new LinkedHashMap<>();
        if (accounts.findCredentials(owner).filter(a -> a.status() == StaffStatus.ACTIVE).isEmpty()) {
            problems.put("staff", "tokens.problem.staffInactive");
        }
        String label = request.label().strip();
        if (label.isEmpty()) {
            problems.put("label", "tokens.problem.labelRequired");
        } else if (label.codePointCount(0, label.length()) > MAX_LABEL_LENGTH) {
            problems.put("label", "tokens.problem.labelTooLong");
        } else if (label.codePoints().anyMatch(Character::isISOControl)) {
            problems.put("label", "tokens.problem.labelInvalid");
        }
        if (request.scopes().isEmpty()) {
            problems.put("scopes", "tokens.problem.scopesRequired");
        }
        if (request.expiresAt().isBefore(now.plus(MIN_LIFETIME))) {
            problems.put("expiresAt", "tokens.problem.expiryTooSoon");
        } else if (request.expiresAt().isAfter(now.plus(MAX_LIFETIME))) {
            problems.put("expiresAt", "tokens.problem.expiryTooLate");
        }
        if (problems.isEmpty() && tokens.countUsable(owner, now) >= MAX_USABLE_PER_ACCOUNT) {
            problems.put("staff", "tokens.problem.tooMany");
        }
        if (!problems.isEmpty()) {
            return new ApiTokenCreation.Rejected(problems);
        }
        ApiTokenId id = ApiTokenId.random();
        String secret = TokenFormat.generate();
        tokens.insert(id, owner, SecretTokens.digest(secret), label, request.scopes(), now, request.expiresAt());
        events.publishEvent(new CredentialChanged(owner, CredentialChanged.Kind.API_TOKEN_CREATED, id.toString(), actor));
        return new ApiTokenCreation.Created(new NewApiToken(id, secret, request.scopes(), request.expiresAt()));
    }

    /** The account's tokens, newest first, in every status. */
    public List<ApiTokenSummary> listOf(StaffId owner) {
        return tokens.listOf(owner);
    }

    /** Every token of every account, newest first (for the command line). */
    public List<ApiTokenSummary> listAll() {
        return tokens.listAll();
    }

    public Optional<ApiTokenSummary> find(ApiTokenId id) {
        return tokens.find(id);
    }

    /** Revokes any token (for the command line, run by whoever holds the server). */
    @Transactional
    public ApiTokenRevocation revoke(ApiTokenId id) {
        Optional<ApiTokenSummary> token = tokens.find(id);
        if (token.isEmpty()) {
            return ApiTokenRevocation.NOT_FOUND;
        }
        return revoked(token.get().staff(), id, null);
    }

    /** Revokes one of the caller's own tokens; someone else's token is {@code NOT_FOUND}, as if absent. */
    @Transactional
    public ApiTokenRevocation revokeOwn(StaffId owner, ApiTokenId id) {
        Optional<ApiTokenSummary> token = tokens.find(id).filter(t -> t.staff().equals(owner));
        if (token.isEmpty()) {
            return ApiTokenRevocation.NOT_FOUND;
        }
        return revoked(owner, id, owner);
    }

    private ApiTokenRevocation revoked(StaffId owner, ApiTokenId id, @Nullable StaffId actor) {
        if (!tokens.revoke(id, clock.instant())) {
            return ApiTokenRevocation.ALREADY_REVOKED;
        }
        events.publishEvent(new CredentialChanged(owner, CredentialChanged.Kind.API_TOKEN_REVOKED, id.toString(), actor));
        return ApiTokenRevocation.REVOKED;
    }

    /** Revokes every token of an account at once (when it is disabled or offboarded); returns how many. */
    @Transactional
    public int revokeAllOf(StaffId owner) {
        return tokens.revokeAllOf(owner, clock.instant());
    }

    /**
     * The token's holder and scopes if the presented text is a usable token: well-formed, known,
     * unrevoked, unexpired, of an active account. Empty otherwise, with no hint which check failed.
     * Records the use at most once per {@link #LAST_USED_RESOLUTION}.
     */
    public Optional<AuthenticatedApiToken> authenticate(String presented) {
        if (!TokenFormat.isWellFormed(presented)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<StoredApiTokens.Candidate> found = tokens.findByDigest(SecretTokens.digest(presented))
                .filter(t -> t.revokedAt() == null && now.isBefore(t.expiresAt()));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        StoredApiTokens.Candidate token = found.get();
        Optional<StaffRole> holder = accounts.findCredentials(token.staff())
                .filter(a -> a.status() == StaffStatus.ACTIVE).map(Accounts.Credentials::role);
        if (holder.isEmpty()) {
            return Optional.empty();
        }
        Instant notBefore = now.minus(LAST_USED_RESOLUTION);
        if (token.lastUsedAt() == null || token.lastUsedAt().isBefore(notBefore)) {
            tokens.touch(token.id(), now, notBefore);
        }
        return Optional.of(new AuthenticatedApiToken(token.id(), new StaffPrincipal(token.staff(), holder.get()),
                token.scopes(), token.expiresAt()));
    }
}
