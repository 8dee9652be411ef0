package org.strongroom.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.testing.TestFolders;
import org.strongroom.testing.TestPostgres;

/** The system key tests on PostgreSQL: {@code ON CONFLICT DO NOTHING} and BYTEA columns there. */
@TestPropertySource(properties = "strongroom.data-dir=target/test-data/blind-index-postgres")
class PostgresSystemKeysIntegrationTests extends SystemKeysIntegrationTests {

    static {
        TestFolders.fresh("blind-index-postgres");
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        String url = TestPostgres.newDatabase("systemkeys");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }

    /** Canary: the server's files are out of reach here, so the column PostgreSQL stores is checked. */
    @Override
    @Test
    void rawKeyNeverReachesTheDatabaseFiles() {
        byte[] raw = rawKey(systemKeys.keyset(SystemKeys.BLIND_INDEX, TinkBlindIndexes.KEY_TYPE));
        byte[] column = jdbc.sql("SELECT keyset_ciphertext FROM system_key WHERE purpose = 'blind-index'")
                .query(byte[].class).single();
        assertThat(column.length).isGreaterThan(raw.length);
        assertThat(indexOf(column, raw)).isEqualTo(-1);
    }
}
