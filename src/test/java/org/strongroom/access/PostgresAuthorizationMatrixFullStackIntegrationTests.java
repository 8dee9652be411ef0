package org.strongroom.access;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.testing.TestFolders;
import org.strongroom.testing.TestPostgres;

/** The authorization matrix on a real PostgreSQL server (embedded binaries), same cells as on SQLite. */
@TestPropertySource(properties = "strongroom.data-dir=target/test-data/access-matrix-postgres")
class PostgresAuthorizationMatrixFullStackIntegrationTests extends AuthorizationMatrixFullStackIntegrationTests {

    static {
        TestFolders.fresh("access-matrix-postgres");
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        String url = TestPostgres.newDatabase("accessmatrix");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }
}
