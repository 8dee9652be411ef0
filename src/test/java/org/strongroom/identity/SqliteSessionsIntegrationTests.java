package org.strongroom.identity;

import org.springframework.test.context.TestPropertySource;
import org.strongroom.testing.TestFolders;

/** Sessions and throttling on SQLite. */
@TestPropertySource(properties = "strongroom.data-dir=target/test-data/sessions-sqlite")
class SqliteSessionsIntegrationTests extends SessionsIntegrationTests {

    static {
        TestFolders.fresh("sessions-sqlite");
    }
}
