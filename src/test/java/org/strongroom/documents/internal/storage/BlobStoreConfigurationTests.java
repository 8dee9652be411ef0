package org.strongroom.documents.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.strongroom.documents.DocumentsConfigurationProblem;
import org.strongroom.testing.TestFolders;
import org.strongroom.testing.TestS3;

/** The store is chosen at run time from {@code strongroom.storage.type}, and an S3 store is checked before the server starts. */
class BlobStoreConfigurationTests {

    private final BlobStoreConfiguration configuration = new BlobStoreConfiguration();
    private final Path dataDir = TestFolders.fresh("blobstore-configuration");

    @Test
    void localKeepsDocumentsUnderTheDataFolder() throws Exception {
        BlobStore store = configuration.blobStore("local", dataDir.toString(), new MockEnvironment());

        assertThat(store.kind()).isEqualTo("local");
        assertThat(store.describe()).isEqualTo(dataDir.resolve("documents").toString());
    }

    @Test
    void s3UsesTheBucketFromTheSettings() throws Exception {
        TestS3.Bucket bucket = TestS3.newBucket("configuration");
        MockEnvironment environment = new MockEnvironment();
        bucket.springProperties("strongroom").forEach(environment::setProperty);

        BlobStore store = configuration.blobStore(" S3 ", dataDir.toString(), environment);
        try {
            assertThat(store.kind()).isEqualTo("s3");
            assertThat(store.describe()).isEqualTo("s3://" + bucket.name() + "/strongroom/");
        } finally {
            ((S3BlobStore) store).close();
        }
    }

    @Test
    void s3WithABadSettingStopsStartUpInOneLine() {
        MockEnvironment environment = new MockEnvironment().withProperty("strongroom.storage.s3.endpoint", "https://s3.example.org");

        assertThatThrownBy(() -> configuration.blobStore("s3", dataDir.toString(), environment))
                .isInstanceOf(DocumentsConfigurationProblem.class)
                .hasMessageStartingWith("strongroom.storage.s3.bucket");
    }

    @Test
    void anUnknownTypeStopsStartUp() {
        assertThatThrownBy(() -> configuration.blobStore("ftp", dataDir.toString(), new MockEnvironment()))
                .isInstanceOf(DocumentsConfigurationProblem.class)
                .hasMessageContaining("local or s3");
    }
}
