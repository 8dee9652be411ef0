package org.strongroom.clients;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.testing.TestFolders;
import org.strongroom.testing.TestPostgres;

/** The data inventory on PostgreSQL. */
@TestPropertySource(properties = "strongroom.data-dir=target/test-data/data-inventory-postgres")
class PostgresDataInventoryIntegrationTests extends DataInventoryIntegrationTests {

    static {
        TestFolders.fresh("data-inventory-postgres");
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        String url = TestPostgres.newDatabase("inventory");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }
}
