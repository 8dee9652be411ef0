package org.strongroom.documents.web;

import org.springframework.test.context.TestPropertySource;
import org.strongroom.testing.TestFolders;

/** The documents API end to end on the embedded default, SQLite, with documents on local disk. */
@TestPropertySource(properties = "strongroom.data-dir=target/test-data/documents-api-sqlite")
class SqliteDocumentsApiFullStackIntegrationTests extends DocumentsApiFullStackIntegrationTests {

    static {
        TestFolders.fresh("documents-api-sqlite");
    }
}
