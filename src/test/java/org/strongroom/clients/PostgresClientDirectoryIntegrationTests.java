package org.strongroom.clients;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.testing.TestFolders;
import org.strongroom.testing.TestPostgres;

/** The master index on PostgreSQL. */
@TestPropertySource(properties = "strongroom.data-dir=target/test-data/client-directory-postgres")
class PostgresClientDirectoryIntegrationTests extends ClientDirectoryIntegrationTests {

    static {
        TestFolders.fresh("client-directory-postgres");
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        String url = TestPostgres.newDatabase("directory");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }
}
