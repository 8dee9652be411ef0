package org.strongroom.clients;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.testing.TestFolders;
import org.strongroom.testing.TestPostgres;

/** Duplicates, merge and undo on PostgreSQL. */
@TestPropertySource(properties = "strongroom.data-dir=target/test-data/client-merges-postgres")
class PostgresClientMergesIntegrationTests extends ClientMergesIntegrationTests {

    static {
        TestFolders.fresh("client-merges-postgres");
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        String url = TestPostgres.newDatabase("clientmerges");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }
}
