package org.strongroom.access.web;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.testing.TestFolders;
import org.strongroom.testing.TestPostgres;

/** The access pages on PostgreSQL (embedded binaries), same tests as on SQLite. */
@TestPropertySource(properties = "strongroom.data-dir=target/test-data/access-pages-postgres")
class PostgresAccessPagesFullStackIntegrationTests extends AccessPagesFullStackIntegrationTests {

    static {
        TestFolders.fresh("access-pages-postgres");
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        String url = TestPostgres.newDatabase("accesspages");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }
}
