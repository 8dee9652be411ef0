package org.strongroom.audit.web;

import org.springframework.test.context.TestPropertySource;
import org.strongroom.testing.TestFolders;

/** The audit pages on the embedded default database, SQLite. */
@TestPropertySource(properties = "strongroom.data-dir=target/test-data/audit-pages-sqlite")
class SqliteAuditPagesFullStackIntegrationTests extends AuditPagesFullStackIntegrationTests {

    static {
        TestFolders.fresh("audit-pages-sqlite");
    }

    @Override
    void refuseNewEntries() {
        jdbc.sql("CREATE TRIGGER refuse_audit_entries BEFORE INSERT ON audit_entry BEGIN SELECT RAISE(ABORT, 'refused'); END")
                .update();
    }

    @Override
    void allowNewEntries() {
        jdbc.sql("DROP TRIGGER refuse_audit_entries").update();
    }
}
