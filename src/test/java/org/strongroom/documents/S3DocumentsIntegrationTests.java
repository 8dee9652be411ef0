package org.strongroom.documents;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.testing.TestFolders;
import org.strongroom.testing.TestS3;

/**
 * Documents kept in an S3 bucket (S3Proxy in this JVM, under a key prefix); the canary scan also
 * reads the objects as S3Proxy stores them.
 */
@TestPropertySource(properties = "strongroom.data-dir=target/test-data/documents-core-s3")
class S3DocumentsIntegrationTests extends DocumentsIntegrationTests {

    private static final TestS3.Bucket BUCKET = TestS3.newBucket("documents");

    static {
        TestFolders.fresh("documents-core-s3");
    }

    @DynamicPropertySource
    static void s3(DynamicPropertyRegistry registry) {
        BUCKET.springProperties("strongroom/").forEach((name, value) -> registry.add(name, () -> value));
    }

    @Override
    List<Path> storedFiles() throws IOException {
        List<Path> files = new ArrayList<>(super.storedFiles());
        try (Stream<Path> walk = Files.walk(BUCKET.folder())) {
            walk.filter(Files::isRegularFile).forEach(files::add);
        }
        return files;
    }
}
