package org.strongroom.operations.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.strongroom.testing.TestFolders;
import org.strongroom.testing.TestPostgres;

/** The same migrations, with the same configuration as the server, on SQLite and PostgreSQL. */
class MigrationIntegrationTests {

    static final List<String> TABLES = List.of("staff_account", "staff_member", "staff_totp", "staff_recovery_code", "staff_invitation", "api_token", "owner_claim", "setup_token", "spring_session",
            "spring_session_attributes");

    static Flyway flyway(String url, String user, String password) {
        return Flyway.configure()
                .dataSource(url, user, password)
                .locations("classpath:db/migration")
                .placeholders(FlywayPlaceholders.forUrl(url))
                .validateMigrationNaming(true)
                .load();
    }

    @Test
    void migratesAFreshSqliteDatabaseAndIsIdempotent() throws SQLException {
        Path folder = TestFolders.fresh("migrations-sqlite");
        DataFolder.createPrivateDirectories(folder);
        String url = SqliteUrls.forFile(folder.resolve("strongroom.db"));
        assertMigrates(url, null, null);
    }

    @Test
    void migratesAFreshPostgresDatabaseAndIsIdempotent() throws SQLException {
        assertMigrates(TestPostgres.newDatabase("migrations"), "postgres", "postgres");
    }

    @Test
    void sqliteConnectionsUseDurableAndSecurePragmas() throws SQLException {
        Path folder = TestFolders.fresh("migrations-pragmas");
        DataFolder.createPrivateDirectories(folder);
        try (Connection c = DriverManager.getConnection(SqliteUrls.forFile(folder.resolve("p.db")));
             Statement s = c.createStatement()) {
            assertThat(single(s, "PRAGMA journal_mode")).isEqualToIgnoringCase("wal");
            assertThat(single(s, "PRAGMA synchronous")).isEqualTo("2");
            assertThat(single(s, "PRAGMA foreign_keys")).isEqualTo("1");
            assertThat(single(s, "PRAGMA secure_delete")).isEqualTo("1");
        }
    }

    private static void assertMigrates(String url, String user, String password) throws SQLException {
        Flyway flyway = flyway(url, user, password);
        MigrateResult first = flyway.migrate();
        assertThat(first.success).isTrue();
        assertThat(first.migrationsExecuted).isEqualTo(flyway.info().all().length);
        assertThat(flyway.migrate().migrationsExecuted).isZero();
        flyway.validate();
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME").toLowerCase());
                }
            }
            assertThat(tables).containsAll(TABLES);
            try (Statement s = c.createStatement()) {
                assertThat(single(s, "SELECT COUNT(*) FROM owner_claim WHERE claimed = FALSE")).isEqualTo("1");
            }
        }
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
