package org.strongroom.documents.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The behaviour every {@link BlobStore} owes the documents module, run unchanged against each
 * implementation (subclasses only say how to make a fresh, empty store and how to see its
 * unfinished writes), so callers can treat local files and S3 alike.
 */
abstract class BlobStoreContractTests {

    protected static final int MIB = 1024 * 1024;

    protected BlobStore store;

    /** A fresh, empty store for one test. */
    protected abstract BlobStore newStore(String name) throws IOException;

    /**
     * The part size the store writes with (S3), or a size that stands for it (local): objects of
     * more than one part exercise multipart uploads and part boundaries.
     */
    protected abstract int partSize();

    /** How many unfinished writes the store holds (local: {@code .part} files; S3: multipart uploads). */
    protected abstract int unfinishedWrites() throws IOException;

    @BeforeEach
    void openStore(TestInfo test) throws IOException {
        store = newStore(getClass().getSimpleName().replace("ContractTests", "").toLowerCase(java.util.Locale.ROOT) + "-"
                + test.getTestMethod().orElseThrow().getName().toLowerCase(java.util.Locale.ROOT));
    }

    @AfterEach
    void closeStore() throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Test
    void writesCommitsAndReadsBackObjectsOfEverySize() throws IOException {
        int part = partSize();
        for (int size : new int[] {0, 1, 1000, part - 1, part, part + 1, 2 * part + 123}) {
            String key = newKey();
            byte[] bytes = randomBytes(size, size);
            try (BlobWriter writer = store.create(key)) {
                writeInPieces(writer.stream(), bytes);
                assertThat(writer.commit()).as("size %d", size).isEqualTo(size);
            }
            assertThat(store.size(key)).contains((long) size);
            try (InputStream in = store.open(key)) {
                assertThat(in.readAllBytes()).as("size %d", size).isEqualTo(bytes);
            }
            try (SeekableByteChannel channel = store.openChannel(key)) {
                assertThat(channel.size()).isEqualTo(size);
                assertThat(readFully(channel, size)).isEqualTo(bytes);
                assertThat(channel.read(ByteBuffer.allocate(1))).isEqualTo(-1);
            }
        }
    }

    @Test
    void nothingIsVisibleBeforeCommit() throws IOException {
        String key = newKey();
        byte[] bytes = randomBytes(2 * partSize() + 10, 2);
        try (BlobWriter writer = store.create(key)) {
            writer.stream().write(bytes);
            writer.stream().flush();

            assertThat(store.size(key)).isEmpty();
            assertThatThrownBy(() -> store.open(key)).isInstanceOf(NoSuchFileException.class);
            assertThatThrownBy(() -> store.openChannel(key)).isInstanceOf(NoSuchFileException.class);
            assertThat(listed()).isEmpty();

            writer.commit();
        }
        assertThat(listed()).containsOnlyKeys(key);
        assertThat(store.size(key)).contains((long) bytes.length);
    }

    @Test
    void abortLeavesNothingBehind() throws IOException {
        String key = newKey();
        BlobWriter writer = store.create(key);
        writer.stream().write(randomBytes(2 * partSize() + 10, 3));

        writer.abort();
        writer.abort();

        assertThat(store.size(key)).isEmpty();
        assertThat(listed()).isEmpty();
        assertThat(unfinishedWrites()).isZero();
        assertThatThrownBy(writer::commit).isInstanceOf(IllegalStateException.class);
        assertThat(store.size(key)).isEmpty();
    }

    @Test
    void closingWithoutCommitAborts() throws IOException {
        String small = newKey();
        String large = newKey();
        try (BlobWriter writer = store.create(small)) {
            writer.stream().write(randomBytes(100, 4));
        }
        try (BlobWriter writer = store.create(large)) {
            writer.stream().write(randomBytes(partSize() + 1, 5));
        }

        assertThat(store.size(small)).isEmpty();
        assertThat(store.size(large)).isEmpty();
        assertThat(listed()).isEmpty();
        assertThat(unfinishedWrites()).isZero();
    }

    @Test
    void readsAnyRangeThroughTheChannel() throws IOException {
        int part = partSize();
        int size = 2 * part + 777;
        byte[] bytes = randomBytes(size, 6);
        String key = commit(bytes);

        try (SeekableByteChannel channel = store.openChannel(key)) {
            assertThat(channel.size()).isEqualTo(size);
            // across the first part boundary
            assertRange(channel, part - 3, 10, bytes);
            // sequential continuation from where the last read stopped
            assertThat(channel.position()).isEqualTo(part + 7);
            assertRange(channel, part + 7, 100, bytes);
            // backwards, to the very start
            assertRange(channel, 0, 16, bytes);
            // exactly at the second boundary
            assertRange(channel, 2L * part, 1, bytes);
            // the tail: fewer bytes than asked for, then the end
            channel.position(size - 7L);
            ByteBuffer tail = ByteBuffer.allocate(50);
            assertThat(readUntilEnd(channel, tail)).isEqualTo(7);
            assertThat(Arrays.copyOf(tail.array(), 7)).isEqualTo(Arrays.copyOfRange(bytes, size - 7, size));
            assertThat(channel.read(ByteBuffer.allocate(1))).isEqualTo(-1);
            // at and past the end
            channel.position(size);
            assertThat(channel.read(ByteBuffer.allocate(1))).isEqualTo(-1);
            channel.position(size + 1000L);
            assertThat(channel.read(ByteBuffer.allocate(1))).isEqualTo(-1);
            // random positions, with heap and direct buffers
            Random random = new Random(7);
            for (int i = 0; i < 25; i++) {
                long at = random.nextInt(size);
                int length = (int) Math.min(1 + random.nextInt(3 * 65536), size - at);
                assertRange(channel, at, length, bytes);
            }
            channel.position(part - 100);
            ByteBuffer direct = ByteBuffer.allocateDirect(300);
            readUntilFull(channel, direct);
            byte[] got = new byte[300];
            direct.flip().get(got);
            assertThat(got).isEqualTo(Arrays.copyOfRange(bytes, part - 100, part + 200));

            assertThatThrownBy(() -> channel.write(ByteBuffer.allocate(1))).isInstanceOf(NonWritableChannelException.class);
            assertThatThrownBy(() -> channel.position(-1)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aMissingObjectIsNoSuchFileForEveryReader() throws IOException {
        String key = newKey();

        assertThatThrownBy(() -> store.open(key)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> store.openChannel(key)).isInstanceOf(NoSuchFileException.class);
        assertThat(store.size(key)).isEmpty();
    }

    @Test
    void deleteIsIdempotent() throws IOException {
        String key = commit(randomBytes(1000, 8));

        store.delete(key);
        store.delete(key);
        store.delete(newKey());

        assertThat(store.size(key)).isEmpty();
        assertThatThrownBy(() -> store.open(key)).isInstanceOf(NoSuchFileException.class);
        assertThat(listed()).isEmpty();
    }

    @Test
    void deleteAllRemovesExactlyThePrefix() throws IOException {
        UUID client = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        UUID document = UUID.randomUUID();
        String a1 = commitAt(BlobKeys.of(client, document, UUID.randomUUID()), randomBytes(10, 9));
        String a2 = commitAt(BlobKeys.of(client, document, UUID.randomUUID()), randomBytes(20, 10));
        String a3 = commitAt(BlobKeys.of(client, UUID.randomUUID(), UUID.randomUUID()), randomBytes(30, 11));
        String b1 = commitAt(BlobKeys.of(other, document, UUID.randomUUID()), randomBytes(40, 12));

        assertThat(store.deleteAll(BlobKeys.documentPrefix(client, document))).isEqualTo(2);
        assertThat(listed()).containsOnlyKeys(a3, b1);

        assertThat(store.deleteAll(BlobKeys.clientPrefix(client))).isEqualTo(1);
        assertThat(store.deleteAll(BlobKeys.clientPrefix(client))).isZero();
        assertThat(listed()).containsOnlyKeys(b1);
        assertThat(store.size(a1)).isEmpty();
        assertThat(store.size(a2)).isEmpty();
    }

    @Test
    void deleteAllHandlesMoreThanOneBatch() throws IOException {
        UUID client = UUID.randomUUID();
        UUID document = UUID.randomUUID();
        for (int i = 0; i < 1001; i++) {
            commitAt(BlobKeys.of(client, document, UUID.randomUUID()), new byte[] {(byte) i});
        }

        assertThat(store.deleteAll(BlobKeys.clientPrefix(client))).isEqualTo(1001);
        assertThat(listed()).isEmpty();
    }

    @Test
    void forEachListsExactlyTheCommittedObjects() throws IOException {
        Instant start = Instant.now().minusSeconds(5);
        Map<String, Long> committed = new HashMap<>();
        for (int size : new int[] {0, 5, partSize() + 3}) {
            String key = commit(randomBytes(size, size + 13));
            committed.put(key, (long) size);
        }
        String deleted = commit(randomBytes(10, 14));
        store.delete(deleted);
        try (BlobWriter aborted = store.create(newKey())) {
            aborted.stream().write(randomBytes(partSize() + 1, 15));
            aborted.abort();
        }
        try (BlobWriter unfinished = store.create(newKey())) {
            unfinished.stream().write(randomBytes(partSize() + 1, 16));

            List<BlobStore.StoredBlob> blobs = new ArrayList<>();
            store.forEach(blobs::add);

            assertThat(blobs).hasSize(3);
            for (BlobStore.StoredBlob blob : blobs) {
                assertThat(committed).containsEntry(blob.key(), blob.size());
                assertThat(blob.lastModified()).isAfter(start).isBefore(Instant.now().plusSeconds(5));
            }
        }
    }

    @Test
    void cleanUnfinishedRemovesStaleWritesButNotFreshOnes() throws IOException {
        String freshKey = newKey();
        byte[] fresh = randomBytes(partSize() + 100, 17);
        try (BlobWriter writer = store.create(freshKey)) {
            writer.stream().write(fresh);

            assertThat(store.cleanUnfinished(Instant.now().minus(Duration.ofHours(1)))).isZero();

            writer.commit();
        }
        assertThat(store.size(freshKey)).contains((long) fresh.length);

        String staleKey = newKey();
        try (BlobWriter writer = store.create(staleKey)) {
            writer.stream().write(randomBytes(partSize() + 100, 18));
            assertThat(unfinishedWrites()).isEqualTo(1);

            // "now + 1 minute": the write began before that, so it counts as stale
            assertThat(store.cleanUnfinished(Instant.now().plus(Duration.ofMinutes(1)))).isEqualTo(1);

            assertThat(unfinishedWrites()).isZero();
            assertThatThrownBy(writer::commit).isInstanceOf(IOException.class);
        }
        assertThat(store.size(staleKey)).isEmpty();
        assertThat(listed()).containsOnlyKeys(freshKey);
    }

    /** A 200 MiB object goes through with the heap flat: nothing buffers a whole file. */
    @Test
    void streamsALargeObjectWithFlatMemory() throws Exception {
        long size = 200L * MIB;
        byte[] block = randomBytes(MIB, 19);
        String key = newKey();
        MessageDigest written = sha256();

        long before = heapUsedAfterGc();
        long peak = before;
        try (BlobWriter writer = store.create(key)) {
            OutputStream out = writer.stream();
            for (int i = 0; i < size / MIB; i++) {
                block[0] = (byte) i;
                block[block.length - 1] = (byte) (i >> 8);
                for (int off = 0; off < MIB; off += 65536) {
                    out.write(block, off, 65536);
                }
                written.update(block);
                if (i == 100 || i == 190) {
                    peak = Math.max(peak, heapUsedAfterGc());
                }
            }
            assertThat(writer.commit()).isEqualTo(size);
        }
        long afterWrite = heapUsedAfterGc();

        MessageDigest read = sha256();
        try (InputStream in = store.open(key)) {
            byte[] buffer = new byte[65536];
            long total = 0;
            for (int n; (n = in.read(buffer)) > 0;) {
                read.update(buffer, 0, n);
                total += n;
                if (total == 100L * MIB) {
                    peak = Math.max(peak, heapUsedAfterGc());
                }
            }
            assertThat(total).isEqualTo(size);
        }

        assertThat(read.digest()).isEqualTo(written.digest());
        long growth = Math.max(peak, afterWrite) - before;
        assertThat(growth).as("heap growth while streaming 200 MiB (bytes)").isLessThan(48L * MIB);
        assertThat(store.size(key)).contains(size);
    }

    @Test
    void twoWritersRaceForDifferentKeys() throws Exception {
        byte[] first = randomBytes(2 * partSize() + 5, 20);
        byte[] second = randomBytes(2 * partSize() + 9, 21);
        String firstKey = newKey();
        String secondKey = newKey();
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Long> a = pool.submit(racer(firstKey, first, together));
            Future<Long> b = pool.submit(racer(secondKey, second, together));
            assertThat(a.get(2, TimeUnit.MINUTES)).isEqualTo(first.length);
            assertThat(b.get(2, TimeUnit.MINUTES)).isEqualTo(second.length);
        } finally {
            pool.shutdownNow();
        }
        try (InputStream in = store.open(firstKey)) {
            assertThat(in.readAllBytes()).isEqualTo(first);
        }
        try (InputStream in = store.open(secondKey)) {
            assertThat(in.readAllBytes()).isEqualTo(second);
        }
        assertThat(unfinishedWrites()).isZero();
    }

    private Callable<Long> racer(String key, byte[] bytes, CyclicBarrier together) {
        return () -> {
            try (BlobWriter writer = store.create(key)) {
                together.await(1, TimeUnit.MINUTES);
                for (int off = 0; off < bytes.length; off += 100_000) {
                    writer.stream().write(bytes, off, Math.min(100_000, bytes.length - off));
                    Thread.yield();
                }
                together.await(1, TimeUnit.MINUTES);
                return writer.commit();
            }
        };
    }

    // --- helpers

    protected static String newKey() {
        return BlobKeys.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    }

    protected String commit(byte[] bytes) throws IOException {
        return commitAt(newKey(), bytes);
    }

    protected String commitAt(String key, byte[] bytes) throws IOException {
        try (BlobWriter writer = store.create(key)) {
            writer.stream().write(bytes);
            writer.commit();
        }
        return key;
    }

    protected Map<String, Long> listed() throws IOException {
        Map<String, Long> blobs = new HashMap<>();
        store.forEach(blob -> blobs.put(blob.key(), blob.size()));
        return blobs;
    }

    protected static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static void writeInPieces(OutputStream out, byte[] bytes) throws IOException {
        // odd piece sizes and single bytes, so buffers fill across calls
        int at = 0;
        int piece = 1;
        while (at < bytes.length) {
            if (piece % 5 == 0) {
                out.write(bytes[at]);
                at++;
            } else {
                int n = Math.min(piece * 7919, bytes.length - at);
                out.write(bytes, at, n);
                at += n;
            }
            piece++;
        }
    }

    private static byte[] readFully(SeekableByteChannel channel, int size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(size);
        readUntilFull(channel, buffer);
        return buffer.array();
    }

    private static void readUntilFull(SeekableByteChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new IOException("ended early");
            }
        }
    }

    private static int readUntilEnd(SeekableByteChannel channel, ByteBuffer buffer) throws IOException {
        int total = 0;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private static void assertRange(SeekableByteChannel channel, long at, int length, byte[] bytes) throws IOException {
        channel.position(at);
        ByteBuffer buffer = ByteBuffer.allocate(length);
        readUntilFull(channel, buffer);
        assertThat(buffer.array()).as("bytes %d..%d", at, at + length).isEqualTo(Arrays.copyOfRange(bytes, (int) at, (int) at + length));
        assertThat(channel.position()).isEqualTo(at + length);
    }

    private static MessageDigest sha256() throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256");
    }

    private static long heapUsedAfterGc() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(30);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
