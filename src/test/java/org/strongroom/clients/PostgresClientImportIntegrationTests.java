package org.strongroom.clients;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.testing.TestFolders;
import org.strongroom.testing.TestPostgres;

/** Importing clients on PostgreSQL. */
@TestPropertySource(properties = "strongroom.data-dir=target/test-data/client-import-postgres")
class PostgresClientImportIntegrationTests extends ClientImportIntegrationTests {

    static {
        TestFolders.fresh("client-import-postgres");
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        String url = TestPostgres.newDatabase("clientimport");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }
}
