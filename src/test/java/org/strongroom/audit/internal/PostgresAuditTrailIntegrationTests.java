package org.strongroom.audit.internal;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.testing.TestFolders;
import org.strongroom.testing.TestPostgres;

/** The same chain, attacks and concurrency on a real PostgreSQL server (the head row locked FOR UPDATE). */
@TestPropertySource(properties = "strongroom.data-dir=target/test-data/audit-trail-postgres")
class PostgresAuditTrailIntegrationTests extends AuditTrailIntegrationTests {

    static {
        TestFolders.fresh("audit-trail-postgres");
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        String url = TestPostgres.newDatabase("audit");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }
}
