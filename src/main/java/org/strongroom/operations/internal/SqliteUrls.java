package org.strongroom.operations.internal;

import java.nio.file.Path;

/**
 * The JDBC URL of the embedded SQLite database, with the pragmas Strongroom relies on: WAL for
 * concurrent readers, {@code synchronous=FULL} so a committed transaction survives power loss,
 * foreign keys enforced, {@code secure_delete} so deleted rows (e.g. destroyed keys) are
 * overwritten, and immediate transactions so writers queue instead of failing on lock upgrade.
 */
public final class SqliteUrls {

    private SqliteUrls() {
    }

    public static String forFile(Path database) {
        return "jdbc:sqlite:" + database.toAbsolutePath()
                + "?journal_mode=WAL&synchronous=FULL&foreign_keys=true&secure_delete=true"
                + "&busy_timeout=10000&transaction_mode=IMMEDIATE";
    }
}
