package org.strongroom.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.strongroom.testing.MutableClock;
import org.strongroom.testing.TestFolders;

/** The first-run owner setup against a real database, with a clock the test moves. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "strongroom.data-dir=target/test-data/owner-setup")
class OwnerSetupIntegrationTests {

    static {
        TestFolders.fresh("owner-setup");
    }

    static final NewOwner OWNER = new NewOwner("Taras Melnyk", "Taras.Melnyk@Example.org", "river-stone-window-83");

    @Autowired
    OwnerSetup setup;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;

    @BeforeEach
    void noOwnerYet() {
        jdbc.sql("DELETE FROM staff_member").update();
        jdbc.sql("DELETE FROM setup_token").update();
        jdbc.sql("UPDATE owner_claim SET claimed = FALSE").update();
    }

    @Test
    void storesOnlyTheDigestOfTheToken() {
        String token = setup.issueSetupToken().orElseThrow();
        List<String> stored = jdbc.sql("SELECT token_digest FROM setup_token").query(String.class).list();
        assertThat(stored).hasSize(1).doesNotContain(token);
        assertThat(token).hasSize(43);
    }

    /** Canary: a pending setup link is worthless to someone who copies the database files. */
    @Test
    void tokenNeverReachesTheDatabaseFiles() throws Exception {
        String token = setup.issueSetupToken().orElseThrow();
        Path folder = Path.of("target/test-data/owner-setup");
        int scanned = 0;
        try (var files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("strongroom.db")).toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString()).doesNotContain(token);
                scanned++;
            }
        }
        assertThat(scanned).isGreaterThanOrEqualTo(2);
    }

    @Test
    void expiredLinkIsRefusedAndChangesNothing() {
        String token = setup.issueSetupToken().orElseThrow();
        clock.advance(OwnerSetup.LINK_VALIDITY.plusSeconds(1));
        assertThat(setup.isUsable(token)).isFalse();
        assertThat(setup.completeSetup(token, OWNER)).isInstanceOf(SetupResult.InvalidLink.class);
        assertThat(setup.ownerExists()).isFalse();
    }

    @Test
    void aNewLinkWithdrawsTheEarlierOne() {
        String first = setup.issueSetupToken().orElseThrow();
        String second = setup.issueSetupToken().orElseThrow();
        assertThat(setup.isUsable(first)).isFalse();
        assertThat(setup.isUsable(second)).isTrue();
    }

    @Test
    void createsTheOwnerWithAnArgon2idHashAndANormalisedEmail() {
        String token = setup.issueSetupToken().orElseThrow();
        SetupResult result = setup.completeSetup(token, OWNER);
        assertThat(result).isInstanceOf(SetupResult.Created.class);
        assertThat(((SetupResult.Created) result).email()).isEqualTo("taras.melnyk@example.org");
        String hash = jdbc.sql("SELECT password_hash FROM staff_member WHERE id = :id")
                .param("id", ((SetupResult.Created) result).id().toString())
                .query(String.class).single();
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain(OWNER.password());
        assertThat(passwords.matches(OWNER.password(), hash)).isTrue();
        assertThat(passwords.matches(OWNER.password().toUpperCase(), hash)).isFalse();
        assertThat(jdbc.sql("SELECT actor_type || ' ' || action || ' ' || resource_id FROM audit_entry WHERE action = 'identity.account.owner_created' AND resource_id = :id")
                .param("id", ((SetupResult.Created) result).id().toString())
                .query(String.class).list()).containsExactly("system identity.account.owner_created " + ((SetupResult.Created) result).id());
    }

    @Test
    void invalidInputSavesNothingAndKeepsTheLinkUsable() {
        String token = setup.issueSetupToken().orElseThrow();
        SetupResult result = setup.completeSetup(token, new NewOwner(" ", "not-an-email", "short"));
        assertThat(result).isInstanceOfSatisfying(SetupResult.Rejected.class, rejected ->
                assertThat(rejected.problems()).containsKeys("name", "email", "password"));
        assertThat(setup.ownerExists()).isFalse();
        assertThat(setup.isUsable(token)).isTrue();
    }

    /** Attack: racing two submissions of the same link (or the link and the CLI) to make two owners. */
    @Test
    void concurrentUsesCreateExactlyOneOwner() throws Exception {
        String token = setup.issueSetupToken().orElseThrow();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<SetupResult>> attempts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                NewOwner owner = new NewOwner("Owner Number" + i, "owner" + i + "@example.org", "long-enough-secret-" + i);
                attempts.add(i % 2 == 0 ? () -> setup.completeSetup(token, owner) : () -> setup.createOwner(owner));
            }
            long created = 0;
            for (Future<SetupResult> f : pool.invokeAll(attempts)) {
                if (f.get() instanceof SetupResult.Created) {
                    created++;
                }
            }
            assertThat(created).isEqualTo(1);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM staff_member").query(Long.class).single()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void noLinkIsIssuedOnceAnOwnerExists() {
        assertThat(setup.createOwner(OWNER)).isInstanceOf(SetupResult.Created.class);
        assertThat(setup.issueSetupToken()).isEmpty();
        assertThat(setup.createOwner(OWNER)).isInstanceOf(SetupResult.OwnerExists.class);
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
