package org.strongroom.clients.web;

import org.springframework.test.context.TestPropertySource;
import org.strongroom.testing.TestFolders;

/** The duplicate and merge pages end to end on the embedded default, SQLite. */
@TestPropertySource(properties = "strongroom.data-dir=target/test-data/client-merge-pages-sqlite")
class SqliteClientMergePagesFullStackIntegrationTests extends ClientMergePagesFullStackIntegrationTests {

    static {
        TestFolders.fresh("client-merge-pages-sqlite");
    }
}
