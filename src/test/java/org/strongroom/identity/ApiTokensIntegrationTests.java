package org.strongroom.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.strongroom.crypto.SecretTokens;
import org.strongroom.identity.internal.Accounts;
import org.strongroom.testing.MutableClock;
import org.strongroom.testing.TestFolders;

/** Personal access tokens against a real (SQLite) database, with a clock the test moves. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "strongroom.data-dir=target/test-data/api-tokens")
class ApiTokensIntegrationTests {

    static {
        TestFolders.fresh("api-tokens");
    }

    @Autowired
    ApiTokens tokens;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    StaffAdministration administration;

    StaffId owner;
    StaffId staff;

    @BeforeEach
    void accounts() {
        jdbc.sql("DELETE FROM api_token").update();
        jdbc.sql("DELETE FROM staff_member").update();
        owner = TestStaff.insert(accounts, StaffRole.OWNER, "halyna.moroz@example.org", "Halyna Moroz", clock.instant());
        staff = TestStaff.insert(accounts, StaffRole.STAFF, "bohdan.tkach@example.org", "Bohdan Tkach", clock.instant());
    }

    @Test
    void createdTokenAuthenticatesAsItsAccountWithItsScopes() {
        NewApiToken token = create(owner, "Nightly export", EnumSet.of(ApiScope.CLIENTS_READ, ApiScope.USERS_READ), Duration.ofDays(30));

        AuthenticatedApiToken accepted = tokens.authenticate(token.secret()).orElseThrow(() -> new AssertionError("refused"));
        assertThat(accepted.id()).isEqualTo(token.id());
        assertThat(accepted.staff()).isEqualTo(new StaffPrincipal(owner, StaffRole.OWNER));
        assertThat(accepted.scopes()).containsExactlyInAnyOrder(ApiScope.CLIENTS_READ, ApiScope.USERS_READ);
        assertThat(accepted.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(30)));
        assertThat(token.secret()).matches(org.strongroom.identity.internal.TokenFormat.PATTERN);
    }

    @Test
    void listShowsLabelScopesAndTimesButNoSecret() {
        NewApiToken token = create(owner, "Accounting sync", EnumSet.of(ApiScope.AUDIT_READ), Duration.ofDays(7));
        List<ApiTokenSummary> list = tokens.listOf(owner);
        assertThat(list).singleElement().satisfies(t -> {
            assertThat(t.id()).isEqualTo(token.id());
            assertThat(t.label()).isEqualTo("Accounting sync");
            assertThat(t.scopes()).containsExactly(ApiScope.AUDIT_READ);
            assertThat(t.createdAt()).isEqualTo(clock.instant());
            assertThat(t.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(7)));
            assertThat(t.lastUsedAt()).isNull();
            assertThat(t.revokedAt()).isNull();
            assertThat(t.toString()).doesNotContain(token.secret());
        });
        assertThat(tokens.listOf(staff)).isEmpty();
        assertThat(tokens.listAll()).hasSize(1);
    }

    @Test
    void storesOnlyTheDigest() {
        NewApiToken token = create(owner, "Digest check", EnumSet.of(ApiScope.CLIENTS_READ), Duration.ofDays(1));
        List<Map<String, Object>> rows = jdbc.sql("SELECT * FROM api_token").query().listOfRows();
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.get("token_digest")).isEqualTo(SecretTokens.digest(token.secret()));
            row.values().forEach(value -> assertThat(String.valueOf(value)).doesNotContain(token.secret())
                    .doesNotContain(token.secret().substring(6, 49)));
        });
    }

    /** Canary: a token is worthless to someone who copies the database files (main file and WAL). */
    @Test
    void secretNeverReachesTheDatabaseFiles() throws Exception {
        NewApiToken token = create(owner, "Canary", EnumSet.of(ApiScope.CLIENTS_READ), Duration.ofDays(1));
        tokens.authenticate(token.secret());
        String random = token.secret().substring(6, 49);
        int scanned = 0;
        try (var files = Files.list(Path.of("target/test-data/api-tokens"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("strongroom.db")).toList()) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertThat(bytes).as(file.toString()).doesNotContain(token.secret()).doesNotContain(random);
                scanned++;
            }
        }
        assertThat(scanned).isGreaterThanOrEqualTo(2);
    }

    @Test
    void expiredTokenIsRefused() {
        NewApiToken token = create(owner, "Short-lived", EnumSet.of(ApiScope.CLIENTS_READ), Duration.ofHours(1));
        clock.advance(Duration.ofMinutes(59));
        assertThat(tokens.authenticate(token.secret())).isPresent();
        clock.advance(Duration.ofMinutes(1));
        assertThat(tokens.authenticate(token.secret())).isEmpty();
        assertThat(tokens.listOf(owner).get(0).status(clock.instant())).isEqualTo(ApiTokenSummary.Status.EXPIRED);
    }

    @Test
    void revokedTokenIsRefusedAtOnce() {
        NewApiToken token = create(owner, "Revoke me", EnumSet.of(ApiScope.CLIENTS_READ), Duration.ofDays(1));
        assertThat(tokens.authenticate(token.secret())).isPresent();
        assertThat(tokens.revoke(token.id())).isEqualTo(ApiTokenRevocation.REVOKED);
        assertThat(tokens.authenticate(token.secret())).isEmpty();
        assertThat(tokens.revoke(token.id())).isEqualTo(ApiTokenRevocation.ALREADY_REVOKED);
        assertThat(tokens.revoke(ApiTokenId.random())).isEqualTo(ApiTokenRevocation.NOT_FOUND);
        assertThat(tokens.find(token.id()).orElseThrow().revokedAt()).isEqualTo(clock.instant());
    }

    /** Attack: revoking (denying service to) another person's token by guessing or copying its id. */
    @Test
    void nobodyRevokesSomeoneElsesTokenFromTheirAccount() {
        NewApiToken ownersToken = create(owner, "Owner's", EnumSet.of(ApiScope.CLIENTS_READ), Duration.ofDays(1));
        assertThat(tokens.revokeOwn(staff, ownersToken.id())).isEqualTo(ApiTokenRevocation.NOT_FOUND);
        assertThat(tokens.authenticate(ownersToken.secret())).isPresent();
        assertThat(tokens.revokeOwn(owner, ownersToken.id())).isEqualTo(ApiTokenRevocation.REVOKED);
    }

    @Test
    void creatingAndRevokingTokensIsAuditedWithoutTheLabel() {
        NewApiToken mine = create(owner, "Canary label Kvitka", EnumSet.of(ApiScope.CLIENTS_READ), Duration.ofDays(1));
        NewApiToken other = create(owner, "Other", EnumSet.of(ApiScope.CLIENTS_READ), Duration.ofDays(1));
        tokens.revokeOwn(owner, mine.id());
        tokens.revoke(other.id());
        List<String> entries = jdbc.sql("""
                SELECT actor_type || ' ' || COALESCE(actor_id, '-') || ' ' || action || ' ' || resource_id FROM audit_entry
                WHERE action LIKE 'identity.credential.%' AND resource_id IN (:ids) ORDER BY seq
                """).param("ids", List.of(mine.id().toString(), other.id().toString())).query(String.class).list();
        assertThat(entries).containsExactly(
                "staff " + owner + " identity.credential.api_token_created " + mine.id(),
                "staff " + owner + " identity.credential.api_token_created " + other.id(),
                "staff " + owner + " identity.credential.api_token_revoked " + mine.id(),
                "system - identity.credential.api_token_revoked " + other.id());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE COALESCE(resource_id, '') LIKE '%Kvitka%'")
                .query(Long.class).single()).isZero();
    }

    @Test
    void disabledAccountsTokensAreRefusedAndComeBackOnlyIfNotRevoked() {
        NewApiToken token = create(staff, "Front desk", EnumSet.of(ApiScope.CLIENTS_READ), Duration.ofDays(1));
        TestStaff.disable(accounts, staff, clock.instant());
        assertThat(tokens.authenticate(token.secret())).isEmpty();
        assertThat(tokens.revokeAllOf(staff)).isEqualTo(1);
        TestStaff.enable(accounts, staff, clock.instant());
        assertThat(tokens.authenticate(token.secret())).isEmpty();
    }

    @Test
    void disablingThroughAdministrationRevokesEveryTokenForGood() {
        NewApiToken first = create(staff, "Scanner", EnumSet.of(ApiScope.DOCUMENTS_WRITE), Duration.ofDays(1));
        NewApiToken second = create(staff, "Export", EnumSet.of(ApiScope.CLIENTS_READ), Duration.ofDays(1));
        NewApiToken ownersToken = create(owner, "Owner's", EnumSet.of(ApiScope.CLIENTS_READ), Duration.ofDays(1));
        assertThat(administration.disable(owner, staff)).isInstanceOf(StaffAdministration.Outcome.Done.class);
        assertThat(tokens.listOf(staff)).allSatisfy(t -> assertThat(t.revokedAt()).isEqualTo(clock.instant()));
        assertThat(administration.enable(owner, staff)).isInstanceOf(StaffAdministration.Outcome.Done.class);
        assertThat(tokens.authenticate(first.secret())).isEmpty();
        assertThat(tokens.authenticate(second.secret())).isEmpty();
        assertThat(tokens.authenticate(ownersToken.secret())).isPresent();
    }

    @Test
    void currentRoleApplies() {
        NewApiToken token = create(staff, "Role check", EnumSet.of(ApiScope.USERS_READ), Duration.ofDays(1));
        assertThat(tokens.authenticate(token.secret()).orElseThrow().staff().role()).isEqualTo(StaffRole.STAFF);
        accounts.updateRole(staff, StaffRole.ADMINISTRATOR);
        assertThat(tokens.authenticate(token.secret()).orElseThrow().staff().role()).isEqualTo(StaffRole.ADMINISTRATOR);
    }

    @Test
    void malformedAndUnknownTokensAreRefused() {
        NewApiToken token = create(owner, "Real", EnumSet.of(ApiScope.CLIENTS_READ), Duration.ofDays(1));
        String unknownButWellFormed = org.strongroom.identity.internal.TokenFormat.generate();
        for (String presented : new String[] {"", "srpat_", token.secret().substring(1), token.secret() + "x",
                token.secret().toUpperCase(), unknownButWellFormed, SecretTokens.generate(), "' OR 1=1 --"}) {
            assertThat(tokens.authenticate(presented)).as(presented).isEmpty();
        }
    }

    @Test
    void lastUseIsRecordedAtMostOncePerMinute() {
        NewApiToken token = create(owner, "Busy", EnumSet.of(ApiScope.CLIENTS_READ), Duration.ofDays(1));
        Instant first = clock.instant();
        tokens.authenticate(token.secret());
        assertThat(lastUsed(token)).isEqualTo(first);
        clock.advance(Duration.ofSeconds(59));
        tokens.authenticate(token.secret());
        assertThat(lastUsed(token)).isEqualTo(first);
        clock.advance(Duration.ofSeconds(2));
        tokens.authenticate(token.secret());
        assertThat(lastUsed(token)).isEqualTo(clock.instant());
    }

    @Test
    void refusesRequestsOutsideTheRules() {
        Set<ApiScope> read = EnumSet.of(ApiScope.CLIENTS_READ);
        assertThat(problems(owner, " ", read, Duration.ofDays(1))).containsEntry("label", "tokens.problem.labelRequired");
        assertThat(problems(owner, "x".repeat(101), read, Duration.ofDays(1))).containsEntry("label", "tokens.problem.labelTooLong");
        assertThat(problems(owner, "bell\u0007", read, Duration.ofDays(1))).containsEntry("label", "tokens.problem.labelInvalid");
        assertThat(problems(owner, "No scopes", Set.of(), Duration.ofDays(1))).containsEntry("scopes", "tokens.problem.scopesRequired");
        assertThat(problems(owner, "Too short", read, Duration.ofMinutes(59))).containsEntry("expiresAt", "tokens.problem.expiryTooSoon");
        assertThat(problems(owner, "In the past", read, Duration.ofDays(-1))).containsEntry("expiresAt", "tokens.problem.expiryTooSoon");
        assertThat(problems(owner, "Too long", read, Duration.ofDays(367))).containsEntry("expiresAt", "tokens.problem.expiryTooLate");
        assertThat(problems(StaffId.random(), "Nobody", read, Duration.ofDays(1))).containsEntry("staff", "tokens.problem.staffInactive");
        TestStaff.disable(accounts, staff, clock.instant());
        assertThat(problems(staff, "Disabled", read, Duration.ofDays(1))).containsEntry("staff", "tokens.problem.staffInactive");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM api_token").query(Long.class).single()).isZero();
        assertThat(create(owner, "x".repeat(100), read, ApiTokens.MAX_LIFETIME)).isNotNull();
    }

    @Test
    void limitsUsableTokensPerAccount() {
        for (int i = 0; i < ApiTokens.MAX_USABLE_PER_ACCOUNT; i++) {
            create(owner, "Token " + i, EnumSet.of(ApiScope.CLIENTS_READ), Duration.ofDays(1));
        }
        assertThat(problems(owner, "One too many", EnumSet.of(ApiScope.CLIENTS_READ), Duration.ofDays(1)))
                .containsEntry("staff", "tokens.problem.tooMany");
        tokens.revoke(tokens.listOf(owner).get(0).id());
        create(owner, "Room again", EnumSet.of(ApiScope.CLIENTS_READ), Duration.ofDays(1));
    }

    private Instant lastUsed(NewApiToken token) {
        return tokens.find(token.id()).orElseThrow().lastUsedAt();
    }

    private NewApiToken create(StaffId who, String label, Set<ApiScope> scopes, Duration lifetime) {
        ApiTokenCreation result = tokens.create(who, new ApiTokenRequest(label, scopes, clock.instant().plus(lifetime)));
        assertThat(result).isInstanceOf(ApiTokenCreation.Created.class);
        return ((ApiTokenCreation.Created) result).token();
    }

    private Map<String, String> problems(StaffId who, String label, Set<ApiScope> scopes, Duration lifetime) {
        ApiTokenCreation result = tokens.create(who, new ApiTokenRequest(label, scopes, clock.instant().plus(lifetime)));
        assertThat(result).isInstanceOf(ApiTokenCreation.Rejected.class);
        return ((ApiTokenCreation.Rejected) result).problems();
    }

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock movableClock() {
            return new MutableClock(Instant.parse("2026-11-29T09:00:00Z"));
        }
    }
}
