package org.strongroom.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.strongroom.crypto.ClientKeys;
import org.strongroom.identity.StaffAdministration;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffRole;
import org.strongroom.identity.StaffStatus;
import org.strongroom.identity.internal.Accounts;
import org.strongroom.testing.MutableClock;
import org.strongroom.testing.TestFolders;

/**
 * The access services against a real database (SQLite here, PostgreSQL in the subclass), a real
 * audit trail and a real SMTP server: care teams, grants and break-the-glass change what the
 * policy answers on the very next question, every change and refusal lands in the trail, and
 * the attacks the issue names fail.
 */
@Import(AccessServicesIntegrationTests.Clocks.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "strongroom.data-dir=target/test-data/access-services", "strongroom.audit.checkpoint-poll=1h",
        "strongroom.audit.verify-schedule=-", "strongroom.public-url=https://records.example.org"})
class AccessServicesIntegrationTests {

    static GreenMail MAIL;

    static {
        TestFolders.fresh("access-services");
    }

    @BeforeAll
    static void startMail() {
        MAIL = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        MAIL.start();
    }

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("strongroom.mail.host", () -> "localhost");
        registry.add("strongroom.mail.port", () -> MAIL.getSmtp().getPort());
        registry.add("strongroom.mail.starttls", () -> "false");
        registry.add("strongroom.mail.from", () -> "strongroom@example.org");
    }

    @AfterAll
    static void stopMail() {
        MAIL.stop();
    }

    @Autowired
    AccessPolicy policy;
    @Autowired
    CareTeams teams;
    @Autowired
    AccessGrants grants;
    @Autowired
    BreakGlass breakGlass;
    @Autowired
    FieldReveals reveals;
    @Autowired
    Roles roles;
    @Autowired
    AccessExplanations explanations;
    @Autowired
    StaffAdministration administration;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    ClientKeys keys;
    @Value("${strongroom.data-dir}")
    String dataDir;

    Actor owner;
    Actor administrator;
    Actor practitioner;
    Actor colleague;
    Actor frontDesk;
    Actor auditor;
    UUID client;
    UUID otherClient;

    @BeforeEach
    void people() throws Exception {
        MAIL.purgeEmailFromAllMailboxes();
        jdbc.sql("DELETE FROM access_grant").update();
        jdbc.sql("DELETE FROM care_team_member").update();
        jdbc.sql("DELETE FROM staff_member").update();
        jdbc.sql("DELETE FROM access_role").update();
        owner = person(StaffRole.OWNER, "olena.owner");
        administrator = person(StaffRole.ADMINISTRATOR, "adam.admin");
        practitioner = person(StaffRole.PRACTITIONER, "pavlo.practitioner");
        colleague = person(StaffRole.PRACTITIONER, "kateryna.colleague");
        frontDesk = person(StaffRole.STAFF, "fedir.frontdesk");
        auditor = person(StaffRole.AUDITOR, "anna.auditor");
        client = existingClient();
        otherClient = existingClient();
    }

    /** Until the clients module lands, a client exists for the access module when it has a key. */
    UUID existingClient() {
        UUID id = UUID.randomUUID();
        keys.create(id);
        return id;
    }

    Actor person(StaffRole role, String handle) {
        StaffId id = StaffId.random();
        accounts.insert(id, handle + "." + id.toString().substring(0, 8) + "@example.org",
                handle.replace('.', ' '), null, role, StaffStatus.ACTIVE, clock.instant());
        return new Actor.Staff(id, role);
    }

    StaffId id(Actor actor) {
        return ((Actor.Staff) actor).staffId();
    }

    @Test
    void aPractitionerReachesAClientFromTheRequestAfterJoiningTheTeamAndLosesItOnTheRequestAfterLeaving() {
        assertThat(policy.decide(practitioner, Permission.NOTE_READ, client).allowed()).isFalse();

        teams.assign(administrator, client, id(practitioner), TeamRole.LEAD);
        AccessDecision onTeam = policy.decide(practitioner, Permission.NOTE_READ, client);
        assertThat(onTeam.allowed()).isTrue();
        assertThat(onTeam.basis()).isEqualTo(Basis.CARE_TEAM);
        assertThat(policy.decide(practitioner, Permission.NOTE_READ, otherClient).allowed()).isFalse();

        teams.remove(administrator, client, id(practitioner));
        AccessDecision after = policy.decide(practitioner, Permission.NOTE_READ, client);
        assertThat(after.allowed()).isFalse();
        assertThat(after.looksAbsent()).isTrue();
        assertThat(actions()).contains("access.team_member_added", "access.team_member_removed");
    }

    @Test
    void aPractitionerCannotPutThemselvesOnACareTeam() {
        assertThatThrownBy(() -> teams.assign(practitioner, client, id(practitioner), TeamRole.LEAD))
                .isInstanceOf(AccessRefused.class);
        assertThat(policy.decide(practitioner, Permission.CLIENT_READ, client).allowed()).isFalse();
        assertThat(lastEntry()).containsEntry("action", "access.denied").containsEntry("reason", "no_permission")
                .containsEntry("client_id", client.toString());
    }

    @Test
    void aGrantCoversItsOneClientForItsPeriodAndEndsByItself() {
        var granted = grants.grant(administrator, client, id(colleague), clock.instant().plus(Duration.ofDays(14)), "Cover during leave");
        assertThat(granted).isInstanceOf(AccessResult.Done.class);
        assertThat(policy.decide(colleague, Permission.CLIENT_READ, client).basis()).isEqualTo(Basis.GRANT);
        assertThat(policy.decide(colleague, Permission.CLIENT_READ, otherClient).allowed()).isFalse();
        assertThat(grants.forClient(administrator, client)).singleElement()
                .satisfies(g -> assertThat(g.reason()).isEqualTo("Cover during leave"));
        assertThat(grants.forStaff(colleague, id(colleague))).hasSize(1);

        clock.advance(Duration.ofDays(14));
        AccessDecision lapsed = policy.decide(colleague, Permission.CLIENT_READ, client);
        assertThat(lapsed.allowed()).isFalse();
        assertThat(lapsed.reason()).isEqualTo("grant_expired");
        assertThat(lapsed.looksAbsent()).isTrue();
    }

    @Test
    void aRenewedGrantLastsLongerAndARevokedOneEndsAtOnce() {
        var done = (AccessResult.Done<AccessGrant>) grants.grant(administrator, client, id(colleague),
                clock.instant().plus(Duration.ofDays(1)), null);
        grants.renew(administrator, done.value().id(), clock.instant().plus(Duration.ofDays(30)));
        clock.advance(Duration.ofDays(2));
        assertThat(policy.decide(colleague, Permission.CLIENT_READ, client).allowed()).isTrue();

        grants.revoke(administrator, done.value().id());
        assertThat(policy.decide(colleague, Permission.CLIENT_READ, client).allowed()).isFalse();
        assertThat(actions()).contains("access.grant_created", "access.grant_renewed", "access.grant_revoked");
    }

    @Test
    void grantsInThePastBeyondNinetyDaysOrToOneselfAreRefusedAndNothingIsStored() {
        Instant now = clock.instant();
        assertThat(grants.grant(administrator, client, id(colleague), now.minusSeconds(1), null))
                .isEqualTo(new AccessResult.Rejected<>(Map.of("until", "access.grant.untilPast")));
        assertThat(grants.grant(administrator, client, id(colleague), now.plus(Duration.ofDays(91)), null))
                .isEqualTo(new AccessResult.Rejected<>(Map.of("until", "access.grant.untilTooLate")));
        assertThat(grants.grant(administrator, client, id(administrator), now.plus(Duration.ofDays(1)), null))
                .isEqualTo(new AccessResult.Rejected<>(Map.of("staff", "access.grant.self")));
        assertThat(grants.grant(administrator, client, id(colleague), now.plus(Duration.ofDays(1)), "x\u202Eevil"))
                .isEqualTo(new AccessResult.Rejected<>(Map.of("reason", "access.reason.invalid")));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM access_grant WHERE client_id = ?").param(client.toString())
                .query(Long.class).single()).isZero();
    }

    @Test
    void teamsGrantsAndBreakTheGlassNeedAClientThatExists() {
        UUID nobody = UUID.randomUUID();
        assertThat(teams.assign(administrator, nobody, id(practitioner), TeamRole.LEAD))
                .isEqualTo(new AccessResult.Rejected<>(Map.of("client", "access.client.unknown")));
        assertThat(grants.grant(administrator, nobody, id(colleague), clock.instant().plus(Duration.ofDays(1)), null))
                .isEqualTo(new AccessResult.Rejected<>(Map.of("client", "access.client.unknown")));
        assertThat(breakGlass.open(practitioner, nobody, "Client called in crisis, on-call", true))
                .isEqualTo(new AccessResult.Rejected<>(Map.of("client", "access.client.unknown")));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM access_grant").query(Long.class).single()).isZero();
    }

    @Test
    void aPractitionerCannotGrantThemselvesOrAnyoneAccess() {
        assertThatThrownBy(() -> grants.grant(practitioner, client, id(colleague), clock.instant().plus(Duration.ofDays(1)), null))
                .isInstanceOf(AccessRefused.class);
    }

    /** Attack: break-the-glass with no reason, then with a reason but no fresh second factor. */
    @Test
    void breakingTheGlassNeedsAReasonAndAFreshSecondFactor() {
        assertThat(breakGlass.open(practitioner, client, "", true))
                .isEqualTo(new AccessResult.Rejected<>(Map.of("reason", "access.reason.required")));
        assertThat(breakGlass.open(practitioner, client, "   urgent ", true))
                .isEqualTo(new AccessResult.Rejected<>(Map.of("reason", "access.reason.tooShort")));
        assertThat(breakGlass.open(practitioner, client, "Client called in crisis, on-call", false))
                .isInstanceOf(AccessResult.StepUpNeeded.class);
        assertThat(policy.decide(practitioner, Permission.CLIENT_READ, client).allowed()).isFalse();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM access_grant").query(Long.class).single()).isZero();
    }

    /** Break-the-glass is for records otherwise closed: someone who already reaches the client is refused, nothing recorded. */
    @Test
    void breakingTheGlassIsRefusedToSomeoneWhoAlreadyReachesTheClient() throws Exception {
        teams.assign(administrator, client, id(practitioner), TeamRole.LEAD);
        assertThat(breakGlass.open(practitioner, client, "Client called in crisis, on-call", true))
                .isEqualTo(new AccessResult.Rejected<>(Map.of("client", "access.breakGlass.notNeeded")));
        assertThat(breakGlass.open(owner, client, "Client called in crisis, on-call", true))
                .isEqualTo(new AccessResult.Rejected<>(Map.of("client", "access.breakGlass.notNeeded")));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM access_grant").query(Long.class).single()).isZero();
        assertThat(MAIL.getReceivedMessages()).isEmpty();
    }

    /** Attack: using one break-the-glass for a second client, and after it expired. */
    @Test
    void breakTheGlassCoversOneClientForAnHourAndTellsTheOwnersAtOnce() throws Exception {
        var opened = breakGlass.open(practitioner, client, "Client called in crisis, on-call", true);
        assertThat(opened).isInstanceOf(AccessResult.Done.class);
        AccessGrant use = ((AccessResult.Done<AccessGrant>) opened).value();
        assertThat(use.expiresAt()).isEqualTo(use.startsAt().plus(Duration.ofHours(1)));
        assertThat(policy.decide(practitioner, Permission.NOTE_READ, client).basis()).isEqualTo(Basis.BREAK_GLASS);
        assertThat(policy.decide(practitioner, Permission.NOTE_READ, otherClient).allowed()).isFalse();

        assertThat(MAIL.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage mail = MAIL.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("Strongroom: break-the-glass access was used");
        String body = GreenMailUtil.getBody(mail).replace("=\r\n", "");
        assertThat(body).contains(client.toString(), "https://records.example.org/admin/access/reviews")
                .doesNotContain("crisis");

        clock.advance(Duration.ofMinutes(61));
        AccessDecision expired = policy.decide(practitioner, Permission.NOTE_READ, client);
        assertThat(expired.allowed()).isFalse();
        assertThat(expired.reason()).isEqualTo("break_glass_expired");
        assertThat(actions()).contains("access.break_glass_opened");
    }

    @Test
    void aRoleWithoutBreakTheGlassIsRefusedAndTheRefusalIsRecorded() {
        assertThatThrownBy(() -> breakGlass.open(auditor, client, "I want to see this client's file", true))
                .isInstanceOf(AccessRefused.class);
        assertThat(lastEntry()).containsEntry("action", "access.denied").containsEntry("reason", "no_permission")
                .containsEntry("resource_id", "break_glass.use");
    }

    @Test
    void aReviewerMarksAUseAndNobodyReviewsTheirOwn() {
        AccessGrant use = ((AccessResult.Done<AccessGrant>) breakGlass.open(practitioner, client,
                "Client called in crisis, on-call", true)).value();
        assertThat(breakGlass.pending(administrator)).extracting(AccessGrant::id).containsExactly(use.id());
        assertThat(breakGlass.pendingCount(frontDesk)).isZero();
        assertThatThrownBy(() -> breakGlass.pending(practitioner)).isInstanceOf(AccessRefused.class);

        assertThat(breakGlass.review(administrator, use.id(), false, ""))
                .isEqualTo(new AccessResult.Rejected<>(Map.of("note", "access.note.requiredWhenUnjustified")));
        Actor selfReviewer = new Actor.Staff(id(practitioner), StaffRole.OWNER);
        assertThat(breakGlass.review(selfReviewer, use.id(), true, ""))
                .isEqualTo(new AccessResult.Rejected<>(Map.of("grant", "access.review.own")));

        var reviewed = breakGlass.review(administrator, use.id(), false, "No emergency on record for that evening");
        assertThat(reviewed).isInstanceOf(AccessResult.Done.class);
        assertThat(((AccessResult.Done<AccessGrant>) reviewed).value().reviewNote()).isEqualTo("No emergency on record for that evening");
        assertThat(breakGlass.review(owner, use.id(), true, "")).isInstanceOf(AccessResult.Conflict.class);
        assertThat(breakGlass.pending(administrator)).isEmpty();
        assertThat(lastEntry()).containsEntry("action", "access.break_glass_reviewed").containsEntry("reason", "unjustified");
    }

    @Test
    void reasonsAndNotesAreSealedWithTheClientsKeyNotStoredInTheClear() throws Exception {
        String canary = "CANARY-" + UUID.randomUUID();
        breakGlass.open(practitioner, client, "Crisis call " + canary, true);
        grants.grant(administrator, otherClient, id(colleague), clock.instant().plus(Duration.ofDays(3)), "Leave " + canary);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM access_grant").query(Long.class).single()).isEqualTo(2);
        for (byte[] sealed : jdbc.sql("SELECT reason_ciphertext FROM access_grant").query(byte[].class).list()) {
            assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(canary);
        }
        try (Stream<Path> files = Files.walk(Path.of(dataDir))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString()).doesNotContain(canary);
            }
        }
    }

    @Test
    void copyingOneGrantsSealedReasonOntoAnotherDoesNotRevealIt() {
        AccessGrant first = ((AccessResult.Done<AccessGrant>) grants.grant(administrator, client, id(colleague),
                clock.instant().plus(Duration.ofDays(3)), "First reason")).value();
        AccessGrant second = ((AccessResult.Done<AccessGrant>) grants.grant(administrator, client, id(practitioner),
                clock.instant().plus(Duration.ofDays(3)), "Second reason")).value();
        jdbc.sql("UPDATE access_grant SET reason_ciphertext = (SELECT reason_ciphertext FROM access_grant WHERE id = ?) WHERE id = ?")
                .param(first.id().toString()).param(second.id().toString()).update();
        assertThat(grants.forClient(administrator, client)).filteredOn(g -> g.id().equals(second.id())).singleElement()
                .satisfies(g -> assertThat(g.reason()).isNull());
    }

    @Test
    void onlyAMaskedLevelCanBeRevealedAndTheRevealIsRecordedWithItsReason() {
        assertThat(reveals.reveal(frontDesk, client, "national_id", Sensitivity.RESTRICTED, "verify_identity"))
                .isEqualTo(new AccessResult.Done<>(true));
        assertThat(lastEntry()).containsEntry("action", "access.field_revealed").containsEntry("resource_id", "national_id")
                .containsEntry("reason", "verify_identity");
        assertThat(reveals.reveal(frontDesk, client, "psychotherapy_note", Sensitivity.HIGHLY_RESTRICTED, "clinical_need"))
                .isEqualTo(new AccessResult.Rejected<>(Map.of("field", "access.reveal.notMasked")));
        assertThat(reveals.reveal(frontDesk, client, "national_id", Sensitivity.RESTRICTED, "curiosity"))
                .isEqualTo(new AccessResult.Rejected<>(Map.of("reason", "access.reveal.reason")));
        assertThatThrownBy(() -> reveals.reveal(practitioner, client, "national_id", Sensitivity.RESTRICTED, "clinical_need"))
                .isInstanceOf(AccessRefused.class);
    }

    @Test
    void anOwnerMakesACustomRoleThatAppliesAtOnceAndCannotBeDeletedWhileHeld() {
        var made = roles.create(owner, new Roles.RoleDraft("Billing clerk", Reach.ORGANISATION,
                EnumSet.of(Permission.CLIENT_READ), Map.of(Sensitivity.NORMAL, Visibility.FULL, Sensitivity.RESTRICTED, Visibility.MASKED)));
        RoleDefinition clerk = ((AccessResult.Done<RoleDefinition>) made).value();
        Actor billing = person(StaffRole.valueOf(clerk.key()), "bohdan.billing");
        assertThat(policy.decide(billing, Permission.CLIENT_READ, client).allowed()).isTrue();
        assertThat(policy.decide(billing, Permission.CLIENT_READ, client).visibility(Sensitivity.RESTRICTED)).isEqualTo(Visibility.MASKED);
        assertThat(policy.decide(billing, Permission.DOCUMENT_READ, client).allowed()).isFalse();

        var narrowed = roles.update(owner, clerk.key(), new Roles.RoleDraft("Billing clerk", Reach.CARE_TEAM,
                EnumSet.of(Permission.CLIENT_READ), Map.of()), clerk.version());
        assertThat(narrowed).isInstanceOf(AccessResult.Done.class);
        assertThat(policy.decide(billing, Permission.CLIENT_READ, client).allowed()).isFalse();
        assertThat(roles.update(owner, clerk.key(), new Roles.RoleDraft("Billing clerk", Reach.NONE,
                EnumSet.of(Permission.CLIENT_READ), Map.of()), clerk.version())).isInstanceOf(AccessResult.Conflict.class);

        assertThat(roles.delete(owner, clerk.key(), clerk.version() + 1))
                .isEqualTo(new AccessResult.Rejected<>(Map.of("role", "access.role.inUse")));
        assertThat(actions()).contains("access.role_created", "access.role_updated");
    }

    @Test
    void badRoleDraftsAreRefusedWithAMessagePerField() {
        var rejected = (AccessResult.Rejected<RoleDefinition>) roles.create(owner, new Roles.RoleDraft("x".repeat(81),
                Reach.OWN_RECORD, EnumSet.noneOf(Permission.class), Map.of()));
        assertThat(rejected.problems()).containsEntry("label", "access.label.tooLong")
                .containsEntry("reach", "access.reach.invalid").containsEntry("permissions", "access.permissions.required");
        assertThatThrownBy(() -> roles.create(administrator, new Roles.RoleDraft("Sneaky", Reach.ORGANISATION,
                EnumSet.of(Permission.CLIENT_READ), Map.of()))).isInstanceOf(AccessRefused.class);
    }

    /** Attack: an administrator (user.manage) gives a colleague a role with more than their own. */
    @Test
    void anAdministratorCannotHandOutARoleBeyondTheirOwn() {
        var made = (AccessResult.Done<RoleDefinition>) roles.create(owner, new Roles.RoleDraft("Key keeper", Reach.ORGANISATION,
                EnumSet.of(Permission.ROLE_MANAGE), Map.of()));
        StaffId target = id(frontDesk);
        var outcome = administration.changeRole(id(administrator), target, StaffRole.valueOf(made.value().key()));
        assertThat(outcome).isEqualTo(new StaffAdministration.Outcome.Refused("users.refused.beyondOwnRole"));
        assertThat(administration.changeRole(id(administrator), target, StaffRole.valueOf("CUSTOM_NO_SUCH_ROLE")))
                .isEqualTo(new StaffAdministration.Outcome.Refused("users.role.invalid"));
        assertThat(administration.changeRole(id(administrator), target, StaffRole.PRACTITIONER))
                .isEqualTo(new StaffAdministration.Outcome.Refused("users.refused.beyondOwnRole"));
        assertThat(administration.changeRole(id(owner), target, StaffRole.PRACTITIONER))
                .isInstanceOf(StaffAdministration.Outcome.Done.class);
    }

    @Test
    void whoCanAccessNamesEveryPathTheSameWayThePolicyDecides() {
        teams.assign(administrator, client, id(practitioner), TeamRole.LEAD);
        grants.grant(administrator, client, id(colleague), clock.instant().plus(Duration.ofDays(2)), null);
        List<AccessPath> paths = explanations.whoCanAccess(auditor, client);
        assertThat(paths).filteredOn(p -> p.staff().equals(id(practitioner))).singleElement()
                .satisfies(p -> assertThat(p.basis()).isEqualTo(Basis.CARE_TEAM));
        assertThat(paths).filteredOn(p -> p.staff().equals(id(colleague))).singleElement()
                .satisfies(p -> assertThat(p.basis()).isEqualTo(Basis.GRANT));
        assertThat(paths).filteredOn(p -> p.staff().equals(id(frontDesk))).singleElement()
                .satisfies(p -> {
                    assertThat(p.basis()).isEqualTo(Basis.ROLE_WIDE);
                    assertThat(p.permissions()).contains(Permission.CLIENT_READ).doesNotContain(Permission.NOTE_READ);
                });
        assertThat(paths).noneMatch(p -> p.staff().equals(id(auditor)));
        assertThatThrownBy(() -> explanations.whoCanAccess(practitioner, client)).isInstanceOf(AccessRefused.class);
        assertThatThrownBy(() -> explanations.whoCanAccess(auditor, UUID.randomUUID()))
                .isInstanceOfSatisfying(AccessRefused.class, refused -> assertThat(refused.looksAbsent()).isTrue());
    }

    @Test
    void aPractitionersScopeConditionSelectsExactlyTheirTeamsAndLiveGrants() {
        teams.assign(administrator, client, id(practitioner), TeamRole.MEMBER);
        UUID granted = existingClient();
        UUID lapsed = existingClient();
        grants.grant(administrator, granted, id(practitioner), clock.instant().plus(Duration.ofDays(1)), null);
        grants.grant(administrator, lapsed, id(practitioner), clock.instant().plus(Duration.ofHours(1)), null);
        clock.advance(Duration.ofHours(2));
        ClientScope scope = policy.scope(practitioner, Permission.CLIENT_READ);
        String sql = "SELECT DISTINCT c.id FROM (SELECT client_id AS id FROM care_team_member UNION SELECT client_id FROM access_grant"
                + " UNION SELECT ? ) c WHERE " + scope.condition("c.id");
        JdbcClient.StatementSpec spec = jdbc.sql(sql).param(otherClient.toString());
        for (Object p : scope.parameters()) {
            spec = spec.param(p);
        }
        assertThat(spec.query(String.class).list()).containsExactlyInAnyOrder(client.toString(), granted.toString());
        assertThat(policy.scope(auditor, Permission.CLIENT_READ).empty()).isTrue();
        assertThat(policy.scope(frontDesk, Permission.CLIENT_READ).everything()).isTrue();
        assertThat(policy.scope(frontDesk, Permission.NOTE_READ).empty()).isTrue();
    }

    private List<String> actions() {
        return jdbc.sql("SELECT action FROM audit_entry ORDER BY seq").query(String.class).list();
    }

    private Map<String, Object> lastEntry() {
        return jdbc.sql("SELECT action, reason, resource_type, resource_id, client_id FROM audit_entry"
                + " WHERE seq = (SELECT MAX(seq) FROM audit_entry)").query().singleRow();
    }

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock movableClock() {
            return new MutableClock(Instant.parse("2026-11-30T09:00:00Z"));
        }
    }
}
