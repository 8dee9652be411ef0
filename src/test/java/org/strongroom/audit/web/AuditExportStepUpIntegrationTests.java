package org.strongroom.audit.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffRole;
import org.strongroom.identity.StaffStatus;
import org.strongroom.identity.internal.Accounts;
import org.strongroom.testing.HttpsClient;
import org.strongroom.testing.MutableClock;
import org.strongroom.testing.HttpsClient.Response;
import org.strongroom.testing.StaffSignIn;
import org.strongroom.testing.TestFolders;

/**
 * Attack: someone at a signed-in owner's unattended screen takes the whole audit trail away. An
 * export needs a second factor younger than the step-up window (5 minutes; the test moves the server's clock past it);
 * otherwise the code page comes first and returns to the same selection.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"strongroom.data-dir=target/test-data/audit-export-step-up", 
                "strongroom.audit.checkpoint-poll=1h"})
class AuditExportStepUpIntegrationTests {

    static {
        TestFolders.fresh("audit-export-step-up");
    }

    static final String EMAIL = "oksana.levchenko@example.org";
    static final String PASSWORD = "Cedar-lantern-orbit-47";

    @LocalServerPort
    int port;
    @Autowired
    Environment environment;
    @Autowired
    Accounts accounts;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock movableClock() {
            return new MutableClock(java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        }
    }

    @Test
    void exportWithAStaleSecondFactorAsksForAFreshOneFirst() {
        StaffId owner = StaffId.random();
        accounts.insert(owner, EMAIL, "Oksana Levchenko", passwords.encode(PASSWORD), StaffRole.OWNER, StaffStatus.ACTIVE,
                clock.instant());
        HttpsClient http = new HttpsClient(port, Path.of(environment.getRequiredProperty("strongroom.data-dir"), "tls", "server.crt"));
        StaffSignIn.signIn(http, EMAIL, PASSWORD);
        assertThat(http.get("/audit/export?format=csv").header("content-disposition")).as("fresh right after sign-in").isNotNull();
        clock.advance(java.time.Duration.ofMinutes(5).plusSeconds(1));

        Response refused = http.get("/audit/export?format=csv&outcome=denied");
        assertThat(refused.status()).isEqualTo(302);
        assertThat(refused.header("location")).endsWith("/mfa/challenge?stepUp&continue=%2Faudit%3Foutcome%3Ddenied");
        assertThat(refused.header("content-disposition")).isNull();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'audit.export'").query(Long.class).single()).isOne();
    }
}
