package org.strongroom.documents.web;

import org.springframework.test.context.TestPropertySource;
import org.strongroom.testing.TestFolders;

/** The documents pages end to end on the embedded default, SQLite and local files. */
@TestPropertySource(properties = "strongroom.data-dir=target/test-data/document-pages-sqlite")
class DocumentPagesSqliteFullStackIntegrationTests extends DocumentPagesFullStackIntegrationTests {

    static {
        TestFolders.fresh("document-pages-sqlite");
    }
}
