package org.strongroom.identity;

import org.springframework.test.context.TestPropertySource;
import org.strongroom.testing.TestFolders;

/** Personal access tokens end to end on the embedded default, SQLite. */
@TestPropertySource(properties = "strongroom.data-dir=target/test-data/api-tokens-sqlite")
class SqliteApiTokensFullStackIntegrationTests extends ApiTokensFullStackIntegrationTests {

    static {
        TestFolders.fresh("api-tokens-sqlite");
    }
}
