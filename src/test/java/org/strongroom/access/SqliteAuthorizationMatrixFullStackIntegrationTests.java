package org.strongroom.access;

import org.springframework.test.context.TestPropertySource;
import org.strongroom.testing.TestFolders;

/** The authorization matrix on the embedded default, SQLite. */
@TestPropertySource(properties = "strongroom.data-dir=target/test-data/access-matrix-sqlite")
class SqliteAuthorizationMatrixFullStackIntegrationTests extends AuthorizationMatrixFullStackIntegrationTests {

    static {
        TestFolders.fresh("access-matrix-sqlite");
    }
}
