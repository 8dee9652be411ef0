package org.strongroom.crypto.internal;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.testing.TestFolders;
import org.strongroom.testing.TestPostgres;

/** The audit key tests on PostgreSQL (BYTEA columns, the same system_key rows). */
@TestPropertySource(properties = "strongroom.data-dir=target/test-data/audit-keys-postgres")
class PostgresAuditKeysIntegrationTests extends AuditKeysIntegrationTests {

    static {
        TestFolders.fresh("audit-keys-postgres");
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        String url = TestPostgres.newDatabase("auditkeys");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }

    /** The server's files are out of reach here; the stored columns are checked by the parent test. */
    @Override
    void assertDatabaseFilesDoNotContain(byte[] raw) {
    }
}
