package org.strongroom.identity;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.testing.TestFolders;
import org.strongroom.testing.TestPostgres;

/** Sessions and throttling on PostgreSQL. */
@TestPropertySource(properties = "strongroom.data-dir=target/test-data/sessions-postgres")
class PostgresSessionsIntegrationTests extends SessionsIntegrationTests {

    static {
        TestFolders.fresh("sessions-postgres");
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        String url = TestPostgres.newDatabase("sessions");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }
}
