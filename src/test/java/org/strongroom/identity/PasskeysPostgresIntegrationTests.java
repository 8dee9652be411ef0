package org.strongroom.identity;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.testing.TestFolders;
import org.strongroom.testing.TestPostgres;

/** The same passkey tests on a real PostgreSQL server (embedded binaries). */
@Import(PasskeysIntegrationTests.TestSupport.class)
// A @TestPropertySource, not a dynamic property: the data folder is read (and locked) while the
// environment is prepared, before dynamic properties exist.
@TestPropertySource(properties = "strongroom.data-dir=target/test-data/passkeys-postgres")
class PasskeysPostgresIntegrationTests extends PasskeysIntegrationTests {

    static {
        TestFolders.fresh("passkeys-postgres");
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        String url = TestPostgres.newDatabase("passkeys");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }
}
