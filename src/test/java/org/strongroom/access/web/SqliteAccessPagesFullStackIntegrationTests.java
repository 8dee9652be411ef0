package org.strongroom.access.web;

import org.springframework.test.context.TestPropertySource;
import org.strongroom.testing.TestFolders;

/** The access pages on the embedded default database, SQLite. */
@TestPropertySource(properties = "strongroom.data-dir=target/test-data/access-pages-sqlite")
class SqliteAccessPagesFullStackIntegrationTests extends AccessPagesFullStackIntegrationTests {

    static {
        TestFolders.fresh("access-pages-sqlite");
    }
}
