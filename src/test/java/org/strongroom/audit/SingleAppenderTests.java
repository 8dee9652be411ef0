package org.strongroom.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The trail has one writer: no source file but the appender's repository contains a statement
 * that inserts into, updates or deletes from the audit tables, and none at all outside the audit
 * module. (On PostgreSQL the database enforces the same with revoked rights; this test keeps the
 * code honest on SQLite too.)
 */
class SingleAppenderTests {

    static final Pattern WRITE = Pattern.compile(
            "(?i)(insert\\s+into|update|delete\\s+from|truncate(\\s+table)?|drop\\s+table|alter\\s+table)\\s+audit_(entry|head|checkpoint)\\b");
    static final Path APPENDER = Path.of("src/main/java/org/strongroom/audit/internal/AuditEntries.java");

    @Test
    void onlyTheAppenderWritesTheAuditTables() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            List<Path> writers = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> WRITE.matcher(read(f)).find())
                    .toList();
            assertThat(writers).containsExactly(APPENDER);
        }
    }

    @Test
    void theCheckDetectsAWriteStatement() {
        assertThat(WRITE.matcher("jdbc.sql(\"DELETE FROM audit_entry WHERE seq = 1\")").find()).isTrue();
        assertThat(WRITE.matcher("UPDATE  audit_head SET seq = 0").find()).isTrue();
        assertThat(WRITE.matcher("SELECT seq FROM audit_entry").find()).isFalse();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
