package org.strongroom.identity;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.testing.TestFolders;
import org.strongroom.testing.TestPostgres;

/** Personal access tokens end to end on a real PostgreSQL server (embedded binaries). */
@TestPropertySource(properties = "strongroom.data-dir=target/test-data/api-tokens-postgres")
class PostgresApiTokensFullStackIntegrationTests extends ApiTokensFullStackIntegrationTests {

    static {
        TestFolders.fresh("api-tokens-postgres");
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        String url = TestPostgres.newDatabase("apitokens");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }
}
