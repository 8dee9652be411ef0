package org.strongroom.clients.web;

import org.springframework.test.context.TestPropertySource;
import org.strongroom.testing.TestFolders;

/** The catalogue, inventory and export pages on the embedded default database, SQLite. */
@TestPropertySource(properties = "strongroom.data-dir=target/test-data/catalogue-pages-sqlite")
class SqliteCataloguePagesFullStackIntegrationTests extends CataloguePagesFullStackIntegrationTests {

    static {
        TestFolders.fresh("catalogue-pages-sqlite");
    }
}
