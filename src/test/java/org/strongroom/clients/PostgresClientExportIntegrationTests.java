package org.strongroom.clients;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.testing.TestFolders;
import org.strongroom.testing.TestPostgres;

/** Exports of selected clients on PostgreSQL. */
@TestPropertySource(properties = "strongroom.data-dir=target/test-data/client-export-postgres")
class PostgresClientExportIntegrationTests extends ClientExportIntegrationTests {

    static {
        TestFolders.fresh("client-export-postgres");
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        String url = TestPostgres.newDatabase("clientexport");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }
}
