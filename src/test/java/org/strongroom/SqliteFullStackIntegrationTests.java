package org.strongroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The full stack on the embedded default: SQLite in a fresh data folder. It also tries to weaken
 * the TLS policy and the session cookie through ordinary settings; the inherited TLS and cookie
 * tests prove those settings have no effect.
 */
@TestPropertySource(properties = {
        "strongroom.data-dir=target/test-data/full-stack-sqlite",
        "server.ssl.enabled-protocols=TLSv1.3,TLSv1.2,TLSv1.1,TLSv1",
        "server.ssl.ciphers=TLS_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,TLS_RSA_WITH_AES_128_GCM_SHA256",
        "server.servlet.session.cookie.secure=false",
        "server.servlet.session.cookie.same-site=none",
        "server.servlet.session.cookie.http-only=false",
        "server.servlet.session.cookie.name=JSESSIONID"})
class SqliteFullStackIntegrationTests extends FullStackIntegrationTests {

    static {
        org.strongroom.testing.TestFolders.fresh("full-stack-sqlite");
    }


    @Test
    void databaseRunsWithDurableAndSecurePragmas() {
        assertThat(jdbc.sql("PRAGMA journal_mode").query(String.class).single()).isEqualToIgnoringCase("wal");
        assertThat(jdbc.sql("PRAGMA synchronous").query(Integer.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("PRAGMA foreign_keys").query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("PRAGMA secure_delete").query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void dataFolderDatabaseAndPrivateKeyAreOwnerOnly() throws Exception {
        Path folder = Path.of(environment.getRequiredProperty("strongroom.data-dir"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("strongroom.db")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("tls/server.key")))).isEqualTo("rw-------");
    }
}
