package org.strongroom.access;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.testing.TestFolders;
import org.strongroom.testing.TestPostgres;

/** The same scope queries on a real PostgreSQL server. */
@TestPropertySource(properties = "strongroom.data-dir=target/test-data/client-scope-postgres")
class PostgresClientScopeIntegrationTests extends ClientScopeIntegrationTests {

    static {
        TestFolders.fresh("client-scope-postgres");
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        String url = TestPostgres.newDatabase("clientscope");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }
}
