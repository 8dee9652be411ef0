package org.strongroom.access.web;

import org.springframework.test.context.TestPropertySource;
import org.strongroom.testing.TestFolders;

/** The access pages and API end to end on the embedded default, SQLite. */
@TestPropertySource(properties = "strongroom.data-dir=target/test-data/client-access-sqlite")
class SqliteClientAccessFullStackIntegrationTests extends ClientAccessFullStackIntegrationTests {

    static {
        TestFolders.fresh("client-access-sqlite");
    }
}
