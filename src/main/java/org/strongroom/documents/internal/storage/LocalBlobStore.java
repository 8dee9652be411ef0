package org.strongroom.documents.internal.storage;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Encrypted document streams as files under {@code <data-dir>/documents/}: an object's path is its
 * key (made from ids only). A write goes to {@code .incoming/<random>.part} in the same folder
 * tree, is fsynced, then renamed into place atomically and the folder fsynced — so an object is
 * either absent or whole, whatever moment the machine stops. Unfinished {@code .part} files are
 * what a crash leaves; {@link #cleanUnfinished} removes them.
 */
public final class LocalBlobStore implements BlobStore {

    static final String INCOMING = ".incoming";
    private static final int BUFFER = 1 << 16;

    private final Path root;
    private final Path incoming;

    public LocalBlobStore(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.incoming = this.root.resolve(INCOMING);
        Files.createDirectories(incoming);
    }

    @Override
    public String kind() {
        return "local";
    }

    @Override
    public String describe() {
        return root.toString();
    }

    @Override
    public BlobWriter create(String key) throws IOException {
        Path target = pathOf(key);
        Path part = incoming.resolve(UUID.randomUUID() + ".part");
        FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new LocalWriter(target, part, channel);
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(pathOf(key));
    }

    @Override
    public SeekableByteChannel openChannel(String key) throws IOException {
        return FileChannel.open(pathOf(key), StandardOpenOption.READ);
    }

    @Override
    public Optional<Long> size(String key) throws IOException {
        Path path = pathOf(key);
        try {
            return Optional.of(Files.size(path));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void delete(String key) throws IOException {
        Path path = pathOf(key);
        Files.deleteIfExists(path);
        removeEmptyParents(path.getParent());
    }

    @Override
    public int deleteAll(String prefix) throws IOException {
        int[] count = {0};
        forEach(blob -> {
            if (blob.key().startsWith(prefix)) {
                try {
                    delete(blob.key());
                    count[0]++;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
        return count[0];
    }

    @Override
    public void forEach(Consumer<StoredBlob> each) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return dir.equals(incoming) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String key = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                each.accept(new StoredBlob(key, attrs.size(), attrs.lastModifiedTime().toInstant()));
                return FileVisitResult.CONTINUE;
            }
        });
    }

    @Override
    public int cleanUnfinished(Instant before) throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(incoming, "*.part")) {
            for (Path part : parts) {
                try {
                    if (Files.getLastModifiedTime(part).toInstant().isBefore(before)) {
                        Files.deleteIfExists(part);
                        removed++;
                    }
                } catch (NoSuchFileException e) {
                    // finished or aborted meanwhile
                }
            }
        }
        return removed;
    }

    /** The file of a key; a key that could leave the root (or is not ours) is refused. */
    Path pathOf(String key) {
        if (key == null || key.isEmpty() || key.startsWith("/") || key.contains("\\") || key.contains("\0")) {
            throw new IllegalArgumentException("not an object key");
        }
        for (String part : key.split("/", -1)) {
            if (part.isEmpty() || ".".equals(part) || "..".equals(part) || part.startsWith(".")) {
                throw new IllegalArgumentException("not an object key");
            }
        }
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root) || path.startsWith(incoming)) {
            throw new IllegalArgumentException("not an object key");
        }
        return path;
    }

    private void removeEmptyParents(Path dir) {
        Path current = dir;
        while (current != null && !current.equals(root) && current.startsWith(root)) {
            try {
                Files.delete(current);
            } catch (IOException e) {
                return; // not empty (or already gone): stop there
            }
            current = current.getParent();
        }
    }

    private static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems refuse to open a directory; the rename is still atomic there.
            if (!(e instanceof java.nio.file.AccessDeniedException) && Files.isDirectory(dir)) {
                throw e;
            }
        }
    }

    private final class LocalWriter implements BlobWriter {

        private final Path target;
        private final Path part;
        private final FileChannel channel;
        private final CountingStream stream;
        private boolean done;

        LocalWriter(Path target, Path part, FileChannel channel) {
            this.target = target;
            this.part = part;
            this.channel = channel;
            this.stream = new CountingStream(new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER));
        }

        @Override
        public OutputStream stream() {
            return stream;
        }

        @Override
        public long commit() throws IOException {
            if (done) {
                throw new IllegalStateException("already finished");
            }
            try {
                stream.flushInner();
                channel.force(true);
                channel.close();
                Files.createDirectories(target.getParent());
                try {
                    Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    throw new IOException("the documents folder does not support atomic renames", e);
                }
                fsyncDirectory(target.getParent());
                done = true;
                return stream.count;
            } catch (IOException | RuntimeException e) {
                abort();
                throw e;
            }
        }

        @Override
        public void abort() {
            if (done) {
                return;
            }
            done = true;
            try {
                channel.close();
            } catch (IOException ignored) {
                // deleting below is what matters
            }
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // left for cleanUnfinished
            }
        }
    }

    /** Counts bytes; close() only flushes — the writer decides when the file is finished. */
    private static final class CountingStream extends FilterOutputStream {

        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }

        void flushInner() throws IOException {
            out.flush();
        }
    }
}
