package org.strongroom.operations.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.strongroom.testing.TestFolders;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Spring transactions on the pooled SQLite database through {@link SqliteTransactions}, with the
 * production URL's pragmas and a short busy timeout. Each test first shows what the bare driver did.
 */
class SqliteTransactionsIntegrationTests {

    Path folder;
    String url;
    HikariDataSource pool;

    @BeforeEach
    void setUp() throws Exception {
        folder = TestFolders.fresh("sqlite-transactions");
        Files.createDirectories(folder);
        url = SqliteUrls.forFile(folder.resolve("test.db")).replace("busy_timeout=10000", "busy_timeout=300");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(1);
        pool = new HikariDataSource(config);
        new JdbcTemplate(pool).execute("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT)");
    }

    @AfterEach
    void tearDown() {
        pool.close();
    }

    /**
     * The one failure seen in the 8-writer benchmark: a BEGIN that timed out behind another writer
     * left the pooled connection marked as in a transaction; later transactions on it ran in
     * autocommit (a rollback undid nothing) and failed with "cannot commit - no transaction is active".
     */
    @Test
    void aBeginThatTimedOutLeavesThePooledConnectionUsable() throws Exception {
        assertThat(rowsAfterABusyBeginAndARollback(pool)).as("bare sqlite-jdbc: the rollback undid nothing").isEqualTo(2);
        pool.close();
        setUp();
        SqliteTransactions dataSource = new SqliteTransactions(pool);
        assertThat(rowsAfterABusyBeginAndARollback(dataSource)).as("the other writer's row only").isEqualTo(1);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        tx.executeWithoutResult(s -> jdbc.update("INSERT INTO item (name) VALUES ('committed')"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM item", Long.class)).isEqualTo(2);
    }

    /**
     * Writing from an after-commit callback (e.g. an entry recorded on its own once an action
     * committed) needs the write lock the committed transaction just gave up; the bare driver took
     * it again at once and held it until the transaction's clean-up, so the callback waited out the
     * busy timeout and failed.
     */
    @Test
    void anAfterCommitCallbackCanWriteOnAnotherConnection() throws Exception {
        pool.close();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(2);
        pool = new HikariDataSource(config);
        assertThatThrownBy(() -> writeAfterCommit(pool)).as("bare sqlite-jdbc")
                .isInstanceOf(CannotCreateTransactionException.class);
        long start = System.nanoTime();
        writeAfterCommit(new SqliteTransactions(pool));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(250));
    }

    @Test
    void closingAConnectionInATransactionRollsItBack() throws Exception {
        SqliteTransactions dataSource = new SqliteTransactions(pool);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO item (name) VALUES ('abandoned')");
            }
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            assertThat(c.getAutoCommit()).isTrue();
            s.execute("INSERT INTO item (name) VALUES ('kept')");
        }
        assertThat(new JdbcTemplate(pool).queryForList("SELECT name FROM item", String.class)).containsExactly("kept");
    }

    @Test
    void committingTwiceOnOneConnectionKeepsBothTransactions() throws Exception {
        try (Connection c = new SqliteTransactions(pool).getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO item (name) VALUES ('first')");
                c.commit();
                s.execute("INSERT INTO item (name) VALUES ('second')");
                c.rollback();
                s.execute("INSERT INTO item (name) VALUES ('third')");
                c.commit();
            }
            c.setAutoCommit(true);
        }
        assertThat(new JdbcTemplate(pool).queryForList("SELECT name FROM item ORDER BY id", String.class))
                .containsExactly("first", "third");
    }

    /** Another connection holds the write lock while a transaction begins; then a rolled-back transaction. */
    private long rowsAfterABusyBeginAndARollback(javax.sql.DataSource dataSource) throws Exception {
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        try (Connection writer = DriverManager.getConnection(url)) {
            writer.setAutoCommit(false);
            try (Statement s = writer.createStatement()) {
                s.execute("INSERT INTO item (name) VALUES ('other writer')");
            }
            assertThatThrownBy(() -> tx.executeWithoutResult(s -> jdbc.update("INSERT INTO item (name) VALUES ('x')")))
                    .isInstanceOf(CannotCreateTransactionException.class);
            writer.commit();
            writer.setAutoCommit(true);
        }
        try {
            tx.executeWithoutResult(s -> {
                jdbc.update("INSERT INTO item (name) VALUES ('rolled back')");
                s.setRollbackOnly();
            });
        } catch (RuntimeException e) {
            // the bare driver fails here ("cannot rollback - no transaction is active")
        }
        return jdbc.queryForObject("SELECT COUNT(*) FROM item", Long.class);
    }

    private static void writeAfterCommit(javax.sql.DataSource dataSource) {
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        TransactionTemplate tx = new TransactionTemplate(transactions);
        TransactionTemplate own = new TransactionTemplate(transactions);
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        tx.executeWithoutResult(s -> {
            jdbc.update("INSERT INTO item (name) VALUES ('action')");
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    own.executeWithoutResult(s2 -> jdbc.update("INSERT INTO item (name) VALUES ('after commit')"));
                }
            });
        });
    }
}
