package org.strongroom.clients.web;

import org.springframework.test.context.TestPropertySource;
import org.strongroom.testing.TestFolders;

/** The clients API end to end on the embedded default, SQLite. */
@TestPropertySource(properties = "strongroom.data-dir=target/test-data/clients-api-sqlite")
class SqliteClientsApiFullStackIntegrationTests extends ClientsApiFullStackIntegrationTests {

    static {
        TestFolders.fresh("clients-api-sqlite");
    }
}
