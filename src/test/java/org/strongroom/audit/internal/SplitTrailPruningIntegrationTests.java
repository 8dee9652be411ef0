package org.strongroom.audit.internal;

import org.springframework.test.context.TestPropertySource;
import org.strongroom.testing.TestFolders;

/**
 * Pruning again with every trail verified in two halves at once: a pruned trail, which starts after
 * a signed checkpoint older than the retention, is anchored by the first half.
 */
@TestPropertySource(properties = {"strongroom.data-dir=target/test-data/audit-prune-split", "strongroom.audit.verify-split-at=2"})
class SplitTrailPruningIntegrationTests extends TrailPruningIntegrationTests {

    static {
        TestFolders.fresh("audit-prune-split");
    }
}
