package org.strongroom.documents.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.strongroom.testing.TestFolders;

/** The blob store contract on local files, and what only a folder can get wrong. */
class LocalBlobStoreContractTests extends BlobStoreContractTests {

    private Path root;

    @Override
    protected BlobStore newStore(String name) throws IOException {
        root = TestFolders.fresh("blobstore-" + name).resolve("documents");
        return new LocalBlobStore(root);
    }

    @Override
    protected int partSize() {
        return 5 * MIB;
    }

    @Override
    protected int unfinishedWrites() throws IOException {
        try (Stream<Path> parts = Files.list(root.resolve(LocalBlobStore.INCOMING))) {
            return (int) parts.count();
        }
    }

    /** Path traversal: a key must never name a file outside the documents folder, nor an unfinished write. */
    @Test
    void refusesKeysThatWouldEscapeTheFolder() {
        for (String key : new String[] {"../outside", "clients/../../outside", "/etc/passwd", "clients\\a\\b", ".incoming/x.part",
                "clients/./a", "clients//a", "", "clients/a/", ".hidden", "clients/a\0b"}) {
            assertThatThrownBy(() -> store.create(key)).as(key).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.open(key)).as(key).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.openChannel(key)).as(key).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.size(key)).as(key).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.delete(key)).as(key).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(root.getParent().resolve("outside")).doesNotExist();
    }

    @Test
    void aPartFileLeftByACrashIsInvisibleAndCleaned() throws IOException {
        String key = commit(randomBytes(100, 30));
        Path crashed = root.resolve(LocalBlobStore.INCOMING).resolve("0b7d4a56-crashed.part");
        Files.write(crashed, randomBytes(1000, 31));
        Files.setLastModifiedTime(crashed, FileTime.from(Instant.now().minus(Duration.ofDays(2))));

        assertThat(listed()).containsOnlyKeys(key);
        assertThat(store.cleanUnfinished(Instant.now().minus(Duration.ofDays(1)))).isEqualTo(1);

        assertThat(crashed).doesNotExist();
        assertThat(listed()).containsOnlyKeys(key);
    }

    @Test
    void deletingTheLastObjectOfAClientLeavesNoEmptyFolders() throws IOException {
        String key = commit(randomBytes(10, 32));

        store.delete(key);

        try (Stream<Path> left = Files.list(root)) {
            assertThat(left).containsExactly(root.resolve(LocalBlobStore.INCOMING));
        }
    }
}
