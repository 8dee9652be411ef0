package org.strongroom.documents;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.testing.TestFolders;
import org.strongroom.testing.TestPostgres;

/** Documents on PostgreSQL; the canary scan also reads the database's own files and WAL. */
@TestPropertySource(properties = "strongroom.data-dir=target/test-data/documents-core-postgres")
class PostgresDocumentsIntegrationTests extends DocumentsIntegrationTests {

    static {
        TestFolders.fresh("documents-core-postgres");
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        String url = TestPostgres.newDatabase("documents");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }

    @Override
    List<Path> databaseFiles() throws Exception {
        jdbc.sql("CHECKPOINT").update();
        Path data = Path.of(jdbc.sql("SHOW data_directory").query(String.class).single());
        long oid = jdbc.sql("SELECT oid FROM pg_database WHERE datname = current_database()").query(Long.class).single();
        List<Path> out = new ArrayList<>();
        for (Path dir : List.of(data.resolve("base").resolve(Long.toString(oid)), data.resolve("pg_wal"))) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(Files::isRegularFile).forEach(out::add);
            }
        }
        return out;
    }
}
