package org.strongroom.audit.internal;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.testing.TestFolders;
import org.strongroom.testing.TestPostgres;

/** The same exports, bundles and tampering on a real PostgreSQL server. */
@TestPropertySource(properties = "strongroom.data-dir=target/test-data/audit-exports-postgres")
class PostgresAuditExportsIntegrationTests extends AuditExportsIntegrationTests {

    static {
        TestFolders.fresh("audit-exports-postgres");
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        String url = TestPostgres.newDatabase("audit_exports");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }
}
