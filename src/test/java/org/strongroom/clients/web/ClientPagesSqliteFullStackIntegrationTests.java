package org.strongroom.clients.web;

import org.springframework.test.context.TestPropertySource;
import org.strongroom.testing.TestFolders;

/** The clients pages end to end on the embedded default, SQLite. */
@TestPropertySource(properties = "strongroom.data-dir=target/test-data/client-pages-sqlite")
class ClientPagesSqliteFullStackIntegrationTests extends ClientPagesFullStackIntegrationTests {

    static {
        TestFolders.fresh("client-pages-sqlite");
    }
}
