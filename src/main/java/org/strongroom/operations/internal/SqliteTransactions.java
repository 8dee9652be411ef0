package org.strongroom.operations.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The SQLite DataSource with transactions begun and ended by this class rather than by sqlite-jdbc.
 * The driver's own handling has three faults under concurrent writers:
 * <ol>
 * <li>{@code setAutoCommit(false)} marks the connection as in a transaction <em>before</em> its
 * {@code BEGIN IMMEDIATE} runs; when that BEGIN times out (busy), the pooled connection stays marked
 * while no transaction is active. Every later "transaction" on it then runs statement by statement
 * in autocommit — a rollback undoes nothing — and fails at commit with "cannot commit - no
 * transaction is active".</li>
 * <li>{@code commit()} and {@code rollback()} immediately begin the next immediate transaction,
 * taking SQLite's single write lock again until Spring switches autocommit back on: every
 * transaction takes the lock twice, and while the after-commit callbacks run, a write from them on
 * another connection waits for the busy timeout and fails.</li>
 * <li>When that second BEGIN times out, {@code commit()} reports a failure although the
 * transaction was committed.</li>
 * </ol>
 * Here the driver's connections stay in autocommit mode; {@code setAutoCommit(false)} runs
 * {@code BEGIN IMMEDIATE} and only marks the transaction once it began; {@code commit()} and
 * {@code rollback()} end it and open a deferred {@code BEGIN}, which takes no lock and cannot be
 * busy (a caller that commits more than once on a connection gets a deferred transaction after
 * the first — sqlite-jdbc's default kind); closing a connection in a transaction rolls it back.
 * Savepoints are not offered.
 */
final class SqliteTransactions extends DelegatingDataSource {

    SqliteTransactions(DataSource pool) {
        super(pool);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(obtainTargetDataSource().getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(obtainTargetDataSource().getConnection(username, password));
    }

    static Connection wrap(Connection connection) {
        return (Connection) Proxy.newProxyInstance(SqliteTransactions.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new Transactions(connection));
    }

    private static final class Transactions implements InvocationHandler {

        private final Connection connection;
        private boolean inTransaction;

        Transactions(Connection connection) {
            this.connection = connection;
        }

        @Override
        public @Nullable Object invoke(Object proxy, Method method, Object @Nullable [] args) throws Throwable {
            switch (method.getName()) {
                case "getAutoCommit":
                    return !inTransaction;
                case "setAutoCommit":
                    setAutoCommit((Boolean) args[0]);
                    return null;
                case "commit":
                    end("COMMIT");
                    return null;
                case "rollback":
                    if (args == null) {
                        end("ROLLBACK");
                        return null;
                    }
                    throw new SQLFeatureNotSupportedException("savepoints are not supported");
                case "setSavepoint", "releaseSavepoint":
                    throw new SQLFeatureNotSupportedException("savepoints are not supported");
                case "close":
                    close();
                    return null;
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "toString":
                    return "SqliteTransactions[" + connection + "]";
                default:
                    break;
            }
            try {
                return method.invoke(connection, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        private void setAutoCommit(boolean autoCommit) throws SQLException {
            if (autoCommit && inTransaction) {
                execute("COMMIT");
                inTransaction = false;
            } else if (!autoCommit && !inTransaction) {
                execute("BEGIN IMMEDIATE");
                inTransaction = true;
            }
        }

        private void end(String how) throws SQLException {
            if (!inTransaction) {
                throw new SQLException("the connection is in autocommit mode");
            }
            execute(how);
            // JDBC: the connection stays out of autocommit, the next statements form the next
            // transaction; a deferred BEGIN takes no lock until that transaction writes.
            try {
                execute("BEGIN");
            } catch (SQLException e) {
                // The transaction did end as asked; report that, and be in autocommit mode.
                inTransaction = false;
            }
        }

        private void close() throws SQLException {
            try {
                if (inTransaction && !connection.isClosed()) {
                    inTransaction = false;
                    execute("ROLLBACK");
                }
            } finally {
                connection.close();
            }
        }

        private void execute(String sql) throws SQLException {
            try (Statement s = connection.createStatement()) {
                s.execute(sql);
            }
        }
    }
}
