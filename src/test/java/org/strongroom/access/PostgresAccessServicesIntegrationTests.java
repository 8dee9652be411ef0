package org.strongroom.access;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.testing.TestFolders;
import org.strongroom.testing.TestPostgres;

/** The access services on PostgreSQL. */
@TestPropertySource(properties = "strongroom.data-dir=target/test-data/access-services-postgres")
class PostgresAccessServicesIntegrationTests extends AccessServicesIntegrationTests {

    static {
        TestFolders.fresh("access-services-postgres");
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        String url = TestPostgres.newDatabase("access");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }
}
