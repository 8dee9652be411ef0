package org.strongroom.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Scopes and token values: names, parsing, and that a new token's secret stays out of logs. */
class ApiTokenValuesTests {

    @Test
    void scopesHaveTheirDocumentedNamesAndAuthorities() {
        assertThat(ApiScope.knownValues())
                .isEqualTo("clients.read, clients.write, documents.read, documents.write, audit.read, users.read");
        assertThat(ApiScope.USERS_READ.authority()).isEqualTo("SCOPE_users.read");
        assertThat(ApiScope.fromValue("audit.read")).contains(ApiScope.AUDIT_READ);
        assertThat(ApiScope.fromValue("AUDIT_READ")).isEmpty();
    }

    @Test
    void parsesCommaAndSpaceSeparatedLists() {
        assertThat(ApiScope.parseList("clients.read,audit.read")).containsExactlyInAnyOrder(ApiScope.CLIENTS_READ, ApiScope.AUDIT_READ);
        assertThat(ApiScope.parseList(" clients.read , Clients.Read users.read ")).containsExactlyInAnyOrder(
                ApiScope.CLIENTS_READ, ApiScope.USERS_READ);
    }

    @Test
    void unknownScopeIsAClearError() {
        assertThatThrownBy(() -> ApiScope.parseList("clients.read,clients.delete"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown scope 'clients.delete'; known scopes: " + ApiScope.knownValues());
        assertThatThrownBy(() -> ApiScope.parseList(" , ")).hasMessageStartingWith("no scope given");
        assertThatThrownBy(() -> ApiScope.parseList("")).hasMessageStartingWith("no scope given");
    }

    /** Canary: logging a new token (or an exception holding it) must not leak the secret. */
    @Test
    void newTokenToStringLeavesTheSecretOut() {
        String secret = "srpat_THIS-IS-THE-SECRET-PART-OF-A-TEST-TOKEN0000000";
        NewApiToken token = new NewApiToken(ApiTokenId.random(), secret, EnumSet.of(ApiScope.CLIENTS_READ),
                Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(token.toString()).doesNotContain(secret).doesNotContain("SECRET").contains("redacted");
    }

    @Test
    void statusFollowsRevocationThenExpiry() {
        Instant created = Instant.parse("2026-11-29T09:00:00Z");
        Instant expires = created.plusSeconds(3600);
        ApiTokenSummary usable = new ApiTokenSummary(ApiTokenId.random(), StaffId.random(), "Export", Set.of(ApiScope.AUDIT_READ),
                created, expires, null, null);
        assertThat(usable.status(created)).isEqualTo(ApiTokenSummary.Status.ACTIVE);
        assertThat(usable.status(expires)).isEqualTo(ApiTokenSummary.Status.EXPIRED);
        ApiTokenSummary revoked = new ApiTokenSummary(usable.id(), usable.staff(), "Export", usable.scopes(), created, expires,
                null, created.plusSeconds(60));
        assertThat(revoked.status(created.plusSeconds(120))).isEqualTo(ApiTokenSummary.Status.REVOKED);
        assertThat(revoked.status(expires.plusSeconds(1))).isEqualTo(ApiTokenSummary.Status.REVOKED);
    }
}
