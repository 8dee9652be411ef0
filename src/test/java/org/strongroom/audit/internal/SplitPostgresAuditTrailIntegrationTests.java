package org.strongroom.audit.internal;

import org.springframework.test.context.TestPropertySource;
import org.strongroom.testing.TestFolders;

/**
 * Every attack of {@link PostgresAuditTrailIntegrationTests} again, each trail verified in two halves
 * at once on two connections that read one snapshot.
 */
@TestPropertySource(properties = {"strongroom.data-dir=target/test-data/audit-trail-postgres-split",
        "strongroom.audit.verify-split-at=2"})
class SplitPostgresAuditTrailIntegrationTests extends PostgresAuditTrailIntegrationTests {

    static {
        TestFolders.fresh("audit-trail-postgres-split");
    }
}
