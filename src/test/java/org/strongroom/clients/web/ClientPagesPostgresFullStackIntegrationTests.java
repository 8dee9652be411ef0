package org.strongroom.clients.web;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.testing.TestFolders;
import org.strongroom.testing.TestPostgres;

/** The clients pages end to end on a real PostgreSQL server (embedded binaries). */
@TestPropertySource(properties = "strongroom.data-dir=target/test-data/client-pages-postgres")
class ClientPagesPostgresFullStackIntegrationTests extends ClientPagesFullStackIntegrationTests {

    static {
        TestFolders.fresh("client-pages-postgres");
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        String url = TestPostgres.newDatabase("clientpages");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }
}
