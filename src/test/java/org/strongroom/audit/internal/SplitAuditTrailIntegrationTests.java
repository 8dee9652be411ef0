package org.strongroom.audit.internal;

import org.springframework.test.context.TestPropertySource;
import org.strongroom.testing.TestFolders;

/**
 * Every attack of {@link AuditTrailIntegrationTests} again, with every trail of two entries or more
 * verified in two halves at once: the same first bad sequence number and kind as the sequential walk.
 */
@TestPropertySource(properties = {"strongroom.data-dir=target/test-data/audit-trail-split", "strongroom.audit.verify-split-at=2"})
class SplitAuditTrailIntegrationTests extends AuditTrailIntegrationTests {

    static {
        TestFolders.fresh("audit-trail-split");
    }
}
