package org.strongroom.clients.web;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.testing.TestFolders;
import org.strongroom.testing.TestPostgres;

/** The clients API end to end on a real PostgreSQL server (embedded binaries). */
@TestPropertySource(properties = "strongroom.data-dir=target/test-data/clients-api-postgres")
class PostgresClientsApiFullStackIntegrationTests extends ClientsApiFullStackIntegrationTests {

    static {
        TestFolders.fresh("clients-api-postgres");
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        String url = TestPostgres.newDatabase("clientsapi");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }
}
