package org.strongroom.audit.internal;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.testing.TestFolders;
import org.strongroom.testing.TestPostgres;

/** The split walk against the sequential one on PostgreSQL: two connections reading one exported snapshot. */
@TestPropertySource(properties = "strongroom.data-dir=target/test-data/audit-split-postgres")
class PostgresSplitVerificationIntegrationTests extends SplitVerificationIntegrationTests {

    static {
        TestFolders.fresh("audit-split-postgres");
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        String url = TestPostgres.newDatabase("audit_split");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }
}
