package org.strongroom.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.strongroom.testing.MutableClock;
import org.strongroom.testing.TestFolders;

/** Invitations and account states against a real database, with a clock the test moves. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "strongroom.data-dir=target/test-data/staff-administration")
class StaffAdministrationIntegrationTests {

    static {
        TestFolders.fresh("staff-administration");
    }

    static final String PASSWORD = "copper-kettle-meadow-58";

    @Autowired
    StaffAdministration administration;
    @Autowired
    OwnerSetup setup;
    @Autowired
    StaffDirectory directory;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcClient jdbc;

    StaffId owner;

    @BeforeEach
    void owner() {
        jdbc.sql("DELETE FROM staff_invitation").update();
        jdbc.sql("DELETE FROM staff_member").update();
        jdbc.sql("UPDATE owner_claim SET claimed = FALSE").update();
        owner = ((SetupResult.Created) setup.createOwner(new NewOwner("Mykola Hnatiuk", "mykola@example.org", PASSWORD))).id();
    }

    StaffAdministration.Invitation.Sent invite(String name, String email, StaffRole role) {
        return (StaffAdministration.Invitation.Sent) administration.invite(owner, name, email, role);
    }

    @Test
    void anInvitationLinkSetsThePasswordOnceAndActivatesTheAccount() {
        var sent = invite("Daryna Lysenko", "Daryna.Lysenko@Example.org", StaffRole.STAFF);
        assertThat(sent.token()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(jdbc.sql("SELECT token_digest FROM staff_invitation").query(String.class).list()).doesNotContain(sent.token());
        var pending = administration.pending(sent.token()).orElseThrow();
        assertThat(pending.email()).isEqualTo("daryna.lysenko@example.org");
        assertThat(directory.find(sent.staff()).orElseThrow().status()).isEqualTo(StaffStatus.INVITED);

        assertThat(administration.accept(sent.token(), "short")).containsKey("password");
        assertThat(administration.accept(sent.token(), "daryna-lysenko-garden-1")).containsEntry("password", "password.containsName");
        assertThat(administration.pending(sent.token())).as("a refused password keeps the link").isPresent();
        assertThat(administration.accept(sent.token(), PASSWORD)).isEmpty();
        assertThat(directory.find(sent.staff()).orElseThrow().status()).isEqualTo(StaffStatus.ACTIVE);
        assertThat(administration.accept(sent.token(), "another-long-passphrase-9")).containsEntry("link", "users.invitation.invalid");
    }

    @Test
    void anInvitationExpiresAfter72HoursAndANewLinkReplacesTheOld() {
        var sent = invite("Roman Savchuk", "roman@example.org", StaffRole.STAFF);
        clock.advance(Duration.ofHours(71));
        String fresh = administration.reinvite(owner, sent.staff()).orElseThrow();
        assertThat(administration.pending(sent.token())).as("the old link").isEmpty();
        clock.advance(Duration.ofHours(72));
        assertThat(administration.pending(fresh)).as("expired").isEmpty();
        assertThat(administration.accept(fresh, PASSWORD)).containsKey("link");
        assertThat(administration.pending("forged-token-that-is-not-real-at-all-00000")).isEmpty();
    }

    @Test
    void anEmailAddressBelongsToOneAccountUntilItsOwnerIsOffboarded() {
        var sent = invite("Oksana Melnyk", "oksana@example.org", StaffRole.STAFF);
        var again = administration.invite(owner, "Someone Else", "OKSANA@example.org ", StaffRole.STAFF);
        assertThat(again).isInstanceOf(StaffAdministration.Invitation.Rejected.class);
        assertThat(((StaffAdministration.Invitation.Rejected) again).problems()).containsEntry("email", "users.email.taken");
        assertThat(administration.offboard(owner, sent.staff())).isInstanceOf(StaffAdministration.Outcome.Done.class);
        assertThat(administration.invite(owner, "Oksana Melnyk", "oksana@example.org", StaffRole.STAFF))
                .isInstanceOf(StaffAdministration.Invitation.Sent.class);
        assertThat(administration.enable(owner, sent.staff())).as("offboarding is final").isInstanceOf(StaffAdministration.Outcome.Refused.class);
    }

    @Test
    void rejectsBadInvitationInputFieldByField() {
        var rejected = (StaffAdministration.Invitation.Rejected) administration.invite(owner, " ", "not-an-email", StaffRole.STAFF);
        assertThat(rejected.problems()).containsOnlyKeys("name", "email");
        var injected = (StaffAdministration.Invitation.Rejected) administration.invite(owner, "Name\u0000\r\nBcc: x",
                "a@example.org\r\nBcc: victim@example.org", StaffRole.STAFF);
        assertThat(injected.problems()).containsOnlyKeys("name", "email");
        assertThat(administration.invite(owner, "x".repeat(201), "b@example.org", StaffRole.STAFF))
                .isInstanceOf(StaffAdministration.Invitation.Rejected.class);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM staff_member").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void nobodyLocksThemselvesOutOrRemovesTheLastOwner() {
        assertThat(administration.disable(owner, owner)).isEqualTo(new StaffAdministration.Outcome.Refused("users.refused.self"));
        assertThat(administration.disable(null, owner)).as("from the command line")
                .isEqualTo(new StaffAdministration.Outcome.Refused("users.refused.lastOwner"));
        assertThat(administration.changeRole(null, owner, StaffRole.STAFF))
                .isEqualTo(new StaffAdministration.Outcome.Refused("users.refused.lastOwner"));
        var admin = invite("Lesia Kravets", "lesia@example.org", StaffRole.ADMINISTRATOR);
        administration.accept(admin.token(), PASSWORD);
        assertThat(administration.disable(admin.staff(), owner)).isEqualTo(new StaffAdministration.Outcome.Refused("users.refused.ownerOnly"));
        assertThat(administration.invite(admin.staff(), "New Owner", "new.owner@example.org", StaffRole.OWNER))
                .isInstanceOf(StaffAdministration.Invitation.Rejected.class);
        assertThat(administration.changeRole(admin.staff(), admin.staff(), StaffRole.OWNER))
                .isEqualTo(new StaffAdministration.Outcome.Refused("users.refused.self"));
    }

    @Test
    void disabledAccountsCanBeEnabledAgain() {
        var sent = invite("Petro Bondarenko", "petro@example.org", StaffRole.STAFF);
        administration.accept(sent.token(), PASSWORD);
        assertThat(administration.disable(owner, sent.staff())).isInstanceOf(StaffAdministration.Outcome.Done.class);
        assertThat(directory.find(sent.staff()).orElseThrow().status()).isEqualTo(StaffStatus.DISABLED);
        assertThat(administration.disable(owner, sent.staff())).isEqualTo(new StaffAdministration.Outcome.Refused("users.refused.state"));
        assertThat(administration.enable(owner, sent.staff())).isInstanceOf(StaffAdministration.Outcome.Done.class);
        assertThat(directory.find(sent.staff()).orElseThrow().status()).isEqualTo(StaffStatus.ACTIVE);
    }

    @Test
    void accountsWithoutASignInFor90DaysAreDisabledButNeverAnOwner() {
        var sent = invite("Halyna Tkachenko", "halyna@example.org", StaffRole.STAFF);
        administration.accept(sent.token(), PASSWORD);
        clock.advance(Duration.ofDays(89));
        assertThat(administration.disableInactiveSince(clock.instant().minus(Duration.ofDays(90)))).isEmpty();
        clock.advance(Duration.ofDays(2));
        assertThat(administration.disableInactiveSince(clock.instant().minus(Duration.ofDays(90)))).containsExactly(sent.staff());
        assertThat(directory.find(sent.staff()).orElseThrow().status()).isEqualTo(StaffStatus.DISABLED);
        assertThat(directory.find(owner).orElseThrow().status()).isEqualTo(StaffStatus.ACTIVE);
        assertThat(administration.list()).filteredOn(m -> m.id().equals(sent.staff()))
                .singleElement().satisfies(m -> assertThat(m.statusReason()).isEqualTo("INACTIVE"));
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
