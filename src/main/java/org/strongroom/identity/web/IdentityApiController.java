package org.strongroom.identity.web;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.strongroom.identity.ApiController;
import org.strongroom.identity.ApiScope;
import org.strongroom.identity.ApiTokenSummary;
import org.strongroom.identity.ApiTokens;
import org.strongroom.identity.AuthenticatedApiToken;
import org.strongroom.identity.internal.ApiTokenAuthentication;
import org.strongroom.identity.internal.StaffStanding;

/**
 * The identity part of the JSON API: who a token belongs to, the caller's own tokens, and (for
 * owners and administrators with {@code users.read}) the staff list. Answers carry ids, roles and
 * statuses only — never a name or an email.
 */
@ApiController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class IdentityApiController {

    /** The caller: account id and role, and the token used for this request. */
    record Me(String id, String role, Token token) {
    }

    record Token(String id, List<String> scopes, String expiresAt) {
    }

    record TokenList(List<TokenEntry> tokens) {
    }

    record TokenEntry(String id, String label, List<String> scopes, String status, String createdAt, String expiresAt,
                      @Nullable String lastUsedAt, @Nullable String revokedAt) {
    }

    record StaffList(List<StaffEntry> staff) {
    }

    record StaffEntry(String id, String role, String status) {
    }

    private final ApiTokens tokens;
    private final StaffStanding staff;
    private final Clock clock;

    IdentityApiController(ApiTokens tokens, StaffStanding staff, Clock clock) {
        this.tokens = tokens;
        this.staff = staff;
        this.clock = clock;
    }

    @GetMapping("/me")
    Me me() {
        AuthenticatedApiToken token = current();
        return new Me(token.staff().id().toString(), token.staff().role().name(),
                new Token(token.id().toString(), scopes(token.scopes()), token.expiresAt().toString()));
    }

    /** The caller's own tokens, newest first, optionally of one status; needs no particular scope. */
    @GetMapping("/tokens")
    TokenList ownTokens(@RequestParam(name = "status", required = false) ApiTokenSummary.@Nullable Status status) {
        Instant now = clock.instant();
        return new TokenList(tokens.listOf(current().staff().id()).stream()
                .filter(t -> status == null || t.status(now) == status)
                .map(t -> new TokenEntry(t.id().toString(), t.label(), scopes(t.scopes()), t.status(now).name(),
                        t.createdAt().toString(), t.expiresAt().toString(), text(t.lastUsedAt()), text(t.revokedAt())))
                .toList());
    }

    /** Needs scope {@code users.read} and the role OWNER or ADMINISTRATOR (checked in the API chain). */
    @GetMapping("/staff")
    StaffList staff() {
        return new StaffList(staff.listAll().stream()
                .map(s -> new StaffEntry(s.id().toString(), s.role().name(), s.status().name()))
                .toList());
    }

    private static AuthenticatedApiToken current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof ApiTokenAuthentication token) {
            return token.token();
        }
        // The API chain admits nothing else; reaching this is a configuration error, not a client's.
        throw new IllegalStateException("API request without a token authentication");
    }

    private static List<String> scopes(Set<ApiScope> scopes) {
        return scopes.stream().map(ApiScope::value).sorted().toList();
    }

    private static @Nullable String text(@Nullable Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
