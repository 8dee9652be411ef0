package org.strongroom.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.testing.TestFolders;
import org.strongroom.testing.TestPostgres;

/** The scheduled verification on PostgreSQL, where only the node holding the advisory lock runs it. */
@TestPropertySource(properties = "strongroom.data-dir=target/test-data/audit-scheduled-verification-postgres")
class PostgresScheduledVerificationIntegrationTests extends ScheduledVerificationIntegrationTests {

    static {
        TestFolders.fresh("audit-scheduled-verification-postgres");
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        String url = TestPostgres.newDatabase("verifyjob");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }

    @Autowired
    DataSource dataSource;

    @Test
    void skipsWhileAnotherNodeHoldsTheLockAndRunsAfterwards() throws Exception {
        append(2);
        try (Connection otherNode = dataSource.getConnection()) {
            assertThat(advisory(otherNode, "SELECT pg_try_advisory_lock(?)")).isTrue();
            assertThat(job.runExclusively()).isEmpty();
            assertThat(runs.latest()).isEmpty();
            assertThat(advisory(otherNode, "SELECT pg_advisory_unlock(?)")).isTrue();
        }
        assertThat(job.runExclusively()).isPresent();
        assertThat(runs.latest()).isPresent();
        // the lock was given back: no session holds it any more
        try (Connection c = dataSource.getConnection()) {
            assertThat(advisory(c, "SELECT pg_try_advisory_lock(?)")).isTrue();
            assertThat(advisory(c, "SELECT pg_advisory_unlock(?)")).isTrue();
        }
    }

    private static boolean advisory(Connection c, String sql) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, ScheduledVerification.LOCK_KEY);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
