package org.strongroom;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.testing.TestFolders;
import org.strongroom.testing.TestPostgres;

/** The full stack on a real PostgreSQL server (embedded binaries), same tests as on SQLite. */
@TestPropertySource(properties = "strongroom.data-dir=target/test-data/full-stack-postgres")
class PostgresFullStackIntegrationTests extends FullStackIntegrationTests {

    static {
        TestFolders.fresh("full-stack-postgres");
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        String url = TestPostgres.newDatabase("fullstack");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }
}
