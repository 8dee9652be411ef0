package org.strongroom.clients.web;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.testing.TestFolders;
import org.strongroom.testing.TestPostgres;

/** The catalogue, inventory and export pages on PostgreSQL. */
@TestPropertySource(properties = "strongroom.data-dir=target/test-data/catalogue-pages-postgres")
class PostgresCataloguePagesFullStackIntegrationTests extends CataloguePagesFullStackIntegrationTests {

    static {
        TestFolders.fresh("catalogue-pages-postgres");
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        String url = TestPostgres.newDatabase("cataloguepages");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }
}
