package org.strongroom.audit.web;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.testing.TestFolders;
import org.strongroom.testing.TestPostgres;

/** The audit pages on PostgreSQL (embedded binaries), same tests as on SQLite. */
@TestPropertySource(properties = "strongroom.data-dir=target/test-data/audit-pages-postgres")
class PostgresAuditPagesFullStackIntegrationTests extends AuditPagesFullStackIntegrationTests {

    static {
        TestFolders.fresh("audit-pages-postgres");
    }

    @Override
    void refuseNewEntries() {
        // NOT VALID: the existing entries are not checked, every new one fails.
        jdbc.sql("ALTER TABLE audit_entry ADD CONSTRAINT refuse_audit_entries CHECK (seq < 0) NOT VALID").update();
    }

    @Override
    void allowNewEntries() {
        jdbc.sql("ALTER TABLE audit_entry DROP CONSTRAINT refuse_audit_entries").update();
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        String url = TestPostgres.newDatabase("auditpages");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }
}
