package org.strongroom.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffRole;
import org.strongroom.testing.MutableClock;
import org.strongroom.testing.TestFolders;

/**
 * {@link ClientScope#condition} inside real list and count queries on SQLite (PostgreSQL: the
 * subclass), over a stand-in client table: a practitioner's scope is exactly the clients on their
 * care teams plus those with a live grant or break-the-glass grant — not expired, not revoked,
 * not yet started, not someone else's — each counted once, and it agrees with
 * {@link AccessPolicy#decide} client by client. This is the query {@code AccessPolicyBenchmarks}
 * measures.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "strongroom.data-dir=target/test-data/client-scope")
@Import(ClientScopeIntegrationTests.Clocks.class)
class ClientScopeIntegrationTests {

    static {
        TestFolders.fresh("client-scope");
    }

    static final Instant NOW = Instant.parse("2026-11-30T09:00:00Z");
    static final long T = NOW.toEpochMilli();
    static final long MINUTE = 60_000;
    static final long HOUR = 60 * MINUTE;
    static final long DAY = 24 * HOUR;

    static final StaffId ME = StaffId.parse("0b6f3c1e-4d2a-4e8b-9c7d-1a2b3c4d5e01");
    static final StaffId COLLEAGUE = StaffId.parse("0b6f3c1e-4d2a-4e8b-9c7d-1a2b3c4d5e02");
    static final Actor PRACTITIONER = new Actor.Staff(ME, StaffRole.PRACTITIONER);
    static final Actor ADMINISTRATOR = new Actor.Staff(COLLEAGUE, StaffRole.ADMINISTRATOR);
    static final Actor AUDITOR = new Actor.Staff(COLLEAGUE, StaffRole.AUDITOR);

    @Autowired
    AccessPolicy policy;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;

    /** Clients by reference, in reference order. */
    final Map<String, UUID> clients = new LinkedHashMap<>();

    @BeforeEach
    void clientsTeamsAndGrants() {
        clock.advance(Duration.between(clock.instant(), NOW));
        jdbc.sql("""
                CREATE TABLE IF NOT EXISTS scope_client (id VARCHAR(36) NOT NULL PRIMARY KEY, reference VARCHAR(40) NOT NULL,
                    status VARCHAR(16) NOT NULL)""").update();
        jdbc.sql("DELETE FROM scope_client").update();
        jdbc.sql("DELETE FROM care_team_member").update();
        jdbc.sql("DELETE FROM access_grant").update();

        team("C-01-lead", ME, COLLEAGUE);
        team("C-02-support", COLLEAGUE, ME);
        team("C-03-colleagues-only", COLLEAGUE);
        grant("C-04-grant", ME, "GRANT", T - DAY, T + 7 * DAY, null);
        grant("C-05-grant-expired", ME, "GRANT", T - 30 * DAY, T - HOUR, null);
        grant("C-06-grant-revoked", ME, "GRANT", T - DAY, T + 7 * DAY, T - HOUR);
        grant("C-07-grant-not-started", ME, "GRANT", T + HOUR, T + 7 * DAY, null);
        grant("C-08-break-glass", ME, "BREAK_GLASS", T - 10 * MINUTE, T + 50 * MINUTE, null);
        grant("C-09-break-glass-expired", ME, "BREAK_GLASS", T - DAY, T - DAY + HOUR, null);
        grant("C-10-colleagues-grant", COLLEAGUE, "GRANT", T - DAY, T + 7 * DAY, null);
        grant("C-11-grant-starts-now", ME, "GRANT", T, T + DAY, null);
        grant("C-12-grant-ends-now", ME, "GRANT", T - DAY, T, null);
        team("C-13-team-and-grant", ME);
        grant("C-13-team-and-grant", ME, "GRANT", T - DAY, T + DAY, null);
        grant("C-13-team-and-grant", ME, "BREAK_GLASS", T - MINUTE, T + HOUR, null);
        client("C-14-nobody");
        grant("C-15-grant-expired-and-renewed", ME, "GRANT", T - 30 * DAY, T - DAY, null);
        grant("C-15-grant-expired-and-renewed", ME, "GRANT", T - DAY, T + DAY, null);
    }

    @Test
    void practitionerSeesExactlyTheirTeamsAndLiveGrants() {
        assertThat(list(PRACTITIONER)).containsExactly("C-01-lead", "C-02-support", "C-04-grant", "C-08-break-glass",
                "C-11-grant-starts-now", "C-13-team-and-grant", "C-15-grant-expired-and-renewed");
    }

    @Test
    void countMatchesTheListAndCountsAClientOnceWhateverNumberOfRelations() {
        assertThat(count(PRACTITIONER)).isEqualTo(list(PRACTITIONER).size()).isEqualTo(7);
    }

    @Test
    void scopeAgreesWithTheDecisionOnEveryClient() {
        List<String> scoped = list(PRACTITIONER);
        for (Map.Entry<String, UUID> client : clients.entrySet()) {
            assertThat(policy.decide(PRACTITIONER, Permission.CLIENT_READ, client.getValue()).allowed())
                    .as(client.getKey()).isEqualTo(scoped.contains(client.getKey()));
        }
    }

    @Test
    void grantsLapseByTimeAloneWithoutAnyChangeToTheRows() {
        clock.advance(Duration.ofHours(1));
        assertThat(list(PRACTITIONER)).containsExactly("C-01-lead", "C-02-support", "C-04-grant", "C-07-grant-not-started",
                "C-11-grant-starts-now", "C-13-team-and-grant", "C-15-grant-expired-and-renewed");
        clock.advance(Duration.ofDays(1));
        assertThat(list(PRACTITIONER)).containsExactly("C-01-lead", "C-02-support", "C-04-grant", "C-07-grant-not-started",
                "C-13-team-and-grant");
        assertThat(count(PRACTITIONER)).isEqualTo(5);
    }

    @Test
    void removedTeamMembershipLeavesTheScopeAtTheNextQuery() {
        jdbc.sql("DELETE FROM care_team_member WHERE client_id = ? AND staff_id = ?")
                .param(clients.get("C-01-lead").toString()).param(ME.toString()).update();
        assertThat(list(PRACTITIONER)).doesNotContain("C-01-lead");
        assertThat(count(PRACTITIONER)).isEqualTo(6);
    }

    @Test
    void callersOwnConditionsAndPagesFollowTheScope() {
        jdbc.sql("UPDATE scope_client SET status = 'CLOSED' WHERE reference IN ('C-02-support', 'C-08-break-glass')").update();
        ClientScope scope = policy.scope(PRACTITIONER, Permission.CLIENT_READ);
        List<Object> parameters = new ArrayList<>(scope.parameters());
        parameters.add("ACTIVE");
        List<String> firstPage = jdbc.sql("SELECT c.reference FROM scope_client c WHERE " + scope.condition("c.id")
                        + " AND c.status = ? ORDER BY c.reference LIMIT 3")
                .params(parameters).query(String.class).list();
        assertThat(firstPage).containsExactly("C-01-lead", "C-04-grant", "C-11-grant-starts-now");
    }

    @Test
    void administratorSeesEveryClient() {
        assertThat(list(ADMINISTRATOR)).containsExactlyElementsOf(clients.keySet());
        assertThat(count(ADMINISTRATOR)).isEqualTo(clients.size());
    }

    @Test
    void auditorSeesNoClientAndNoCount() {
        assertThat(policy.scope(AUDITOR, Permission.CLIENT_READ).empty()).isTrue();
        assertThat(list(AUDITOR)).isEmpty();
        assertThat(count(AUDITOR)).isZero();
    }

    @Test
    void portalClientSeesOnlyTheirOwnRecord() {
        Actor client = new Actor.Client(clients.get("C-03-colleagues-only"));
        assertThat(list(client)).containsExactly("C-03-colleagues-only");
        assertThat(count(client)).isEqualTo(1);
    }

    @Test
    void permissionNotHeldGivesNoClientEvenOnTheTeam() {
        assertThat(policy.scope(PRACTITIONER, Permission.CLIENT_EXPORT).empty()).isTrue();
    }

    /** The clients in scope — asserting that the page form of the condition selects exactly the same. */
    List<String> list(Actor actor) {
        ClientScope scope = policy.scope(actor, Permission.CLIENT_READ);
        List<String> plain = jdbc.sql("SELECT c.reference FROM scope_client c WHERE " + scope.condition("c.id") + " ORDER BY c.reference")
                .params(scope.parameters()).query(String.class).list();
        List<String> probing = jdbc.sql("SELECT c.reference FROM scope_client c WHERE " + scope.pageCondition("c.id")
                        + " ORDER BY c.reference").params(scope.parameters()).query(String.class).list();
        assertThat(probing).as("pageCondition selects what condition selects").isEqualTo(plain);
        return plain;
    }

    long count(Actor actor) {
        ClientScope scope = policy.scope(actor, Permission.CLIENT_READ);
        return jdbc.sql("SELECT COUNT(*) FROM scope_client c WHERE " + scope.condition("c.id"))
                .params(scope.parameters()).query(Long.class).single();
    }

    private UUID client(String reference) {
        return clients.computeIfAbsent(reference, r -> {
            UUID id = UUID.nameUUIDFromBytes(r.getBytes(StandardCharsets.UTF_8));
            jdbc.sql("INSERT INTO scope_client (id, reference, status) VALUES (?, ?, 'ACTIVE')").param(id.toString()).param(r)
                    .update();
            return id;
        });
    }

    private void team(String reference, StaffId... members) {
        UUID id = client(reference);
        for (StaffId member : members) {
            jdbc.sql("INSERT INTO care_team_member (client_id, staff_id, team_role, added_at) VALUES (?, ?, 'MEMBER', ?)")
                    .param(id.toString()).param(member.toString()).param(T - DAY).update();
        }
    }

    private void grant(String reference, StaffId to, String kind, long starts, long expires, @Nullable Long revoked) {
        UUID id = client(reference);
        jdbc.sql("""
                        INSERT INTO access_grant (id, client_id, staff_id, kind, starts_at, expires_at, created_at, revoked_at,
                            review_state)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .param(UUID.randomUUID().toString()).param(id.toString()).param(to.toString()).param(kind).param(starts)
                .param(expires).param(Math.min(starts, T)).param(revoked)
                .param(kind.equals("BREAK_GLASS") ? "PENDING" : null).update();
    }

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock movableClock() {
            return new MutableClock(NOW);
        }
    }
}
