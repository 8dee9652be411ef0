package org.strongroom.operations.internal;

import java.net.BindException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.flywaydb.core.api.FlywayException;
import org.strongroom.audit.AuditConfigurationProblem;
import org.strongroom.clients.ClientsConfigurationProblem;
import org.strongroom.documents.DocumentsConfigurationProblem;
import org.strongroom.crypto.CryptoConfigurationProblem;
import org.springframework.boot.web.server.PortInUseException;

/**
 * Turns whatever made start-up fail into one line an operator can act on. The full chain is only
 * shown with {@code --verbose}; here the rule is: the most specific known cause wins.
 */
final class StartupFailures {

    private StartupFailures() {
    }

    static String explain(Throwable failure) {
        List<Throwable> chain = chain(failure);
        for (Throwable t : chain) {
            if (t instanceof StartupProblem || t instanceof CryptoConfigurationProblem || t instanceof AuditConfigurationProblem
                    || t instanceof ClientsConfigurationProblem || t instanceof DocumentsConfigurationProblem) {
                return t.getMessage();
            }
        }
        for (Throwable t : chain) {
            if (t instanceof PortInUseException portInUse) {
                return "port " + portInUse.getPort() + " is already in use. Stop the program that holds it, "
                        + "or choose another port with SERVER_PORT or --port.";
            }
        }
        for (Throwable t : chain) {
            if (t instanceof BindException) {
                return "cannot listen on the configured port: " + firstLine(t.getMessage())
                        + ". Choose another port with SERVER_PORT or --port.";
            }
        }
        for (Throwable t : chain) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState() == null ? "" : sql.getSQLState();
                if (state.startsWith("28")) {
                    return "the database refused the user name or password. Check SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD.";
                }
                if (state.startsWith("08") || state.equals("3D000") || hasCause(chain, ConnectException.class)
                        || hasCause(chain, UnknownHostException.class)) {
                    return "cannot reach the database: " + firstLine(rootMessage(sql))
                            + ". Check SPRING_DATASOURCE_URL and that the database server is running.";
                }
                String message = sql.getMessage() == null ? "" : sql.getMessage();
                if (message.contains("SQLITE_CANTOPEN") || message.contains("SQLITE_NOTADB")
                        || message.contains("SQLITE_READONLY") || message.contains("SQLITE_CORRUPT")) {
                    return "cannot open the SQLite database: " + firstLine(message)
                            + ". Check the data folder and its permissions.";
                }
            }
        }
        for (Throwable t : chain) {
            if (t instanceof FlywayException && String.valueOf(t.getMessage()).contains("no schema history table")) {
                return "the database already holds tables that Strongroom did not create. Point Strongroom at an "
                        + "empty database (or its own earlier one); it never adopts or changes foreign tables.";
            }
            if (t instanceof FlywayException) {
                return "a database migration failed, nothing was started: " + firstLine(t.getMessage())
                        + ". Restore the database from a backup or ask for support; do not edit migrations.";
            }
        }
        Throwable root = chain.get(chain.size() - 1);
        return "unexpected error: " + root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : ": " + firstLine(root.getMessage()));
    }

    private static boolean hasCause(List<Throwable> chain, Class<? extends Throwable> type) {
        return chain.stream().anyMatch(type::isInstance);
    }

    private static String rootMessage(Throwable t) {
        List<Throwable> chain = chain(t);
        for (int i = chain.size() - 1; i >= 0; i--) {
            if (chain.get(i).getMessage() != null) {
                return chain.get(i).getMessage();
            }
        }
        return t.getClass().getSimpleName();
    }

    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String line = message.strip().lines().findFirst().orElse("").strip();
        if (line.endsWith(".")) {
            line = line.substring(0, line.length() - 1);
        }
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
