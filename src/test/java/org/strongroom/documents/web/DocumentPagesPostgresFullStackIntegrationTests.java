package org.strongroom.documents.web;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.testing.TestFolders;
import org.strongroom.testing.TestPostgres;

/** The documents pages end to end on a real PostgreSQL server (embedded binaries). */
@TestPropertySource(properties = "strongroom.data-dir=target/test-data/document-pages-postgres")
class DocumentPagesPostgresFullStackIntegrationTests extends DocumentPagesFullStackIntegrationTests {

    static {
        TestFolders.fresh("document-pages-postgres");
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        String url = TestPostgres.newDatabase("documentpages");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }
}
