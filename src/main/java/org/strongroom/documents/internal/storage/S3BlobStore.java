package org.strongroom.documents.internal.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.strongroom.documents.DocumentsConfigurationProblem;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.LegacyMd5Plugin;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Encrypted document streams as objects in an S3 bucket (AWS S3, MinIO, Ceph RGW or any other
 * S3-compatible service): the object key is the configured prefix followed by the {@link BlobKeys}
 * key (ids only). Only ciphertext ever reaches the bucket.
 *
 * <p><b>Atomic:</b> a write is a multipart upload, completed by {@link BlobWriter#commit()}; S3
 * makes the object visible (and durable) only when the upload completes, so nothing is visible
 * before commit and an aborted or crashed write leaves only an unfinished upload, which
 * {@link #cleanUnfinished(Instant)} aborts (a bucket lifecycle rule can do the same). An object
 * smaller than one part is sent as a single PutObject at commit.
 *
 * <p><b>Bounded memory:</b> each writer in flight holds at most one part ({@code part-size}, 8 MiB
 * by default) in memory, allocated in 64 KiB chunks as bytes arrive and reused for every part; a
 * small document takes about its own size. So uploads in flight take at most
 * {@code part-size × uploads in flight}, whatever the size of the files. Readers hold no buffer of
 * their own: they stream from one open GET at a time.
 *
 * <p>Missing objects surface as {@link NoSuchFileException} from {@link #open} and
 * {@link #openChannel}, as for {@link LocalBlobStore}; every other service failure as an
 * {@link IOException} naming the operation (the SDK's message as cause; no credentials in either).
 * TLS certificates are verified (the SDK's default).
 */
public final class S3BlobStore implements BlobStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(S3BlobStore.class);

    /** S3 allows at most this many parts in one upload. */
    static final int MAX_PARTS = 10_000;
    private static final int DELETE_BATCH = 1000;
    private static final int CHUNK = 64 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final int partSize;
    private final String description;
    private volatile boolean multiDelete = true;

    private S3BlobStore(S3Client s3, S3Settings settings) {
        this.s3 = s3;
        this.bucket = settings.bucket();
        this.prefix = settings.prefix();
        this.partSize = settings.partSize();
        this.description = settings.describe();
    }

    /**
     * Builds the client and checks that the bucket answers (HeadBucket).
     *
     * @throws DocumentsConfigurationProblem when it does not, in one line without secrets
     */
    public static S3BlobStore connect(S3Settings settings) {
        S3Client client = client(settings);
        try {
            client.headBucket(b -> b.bucket(settings.bucket()));
        } catch (SdkException e) {
            client.close();
            throw new DocumentsConfigurationProblem(unreachable(settings, e));
        }
        return new S3BlobStore(client, settings);
    }

    private static S3Client client(S3Settings settings) {
        AwsCredentialsProvider credentials = settings.accessKey().isEmpty()
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()));
        var builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(settings.pathStyle())
                // The SDK's default trailing checksums (aws-chunked CRC) are refused by several
                // S3-compatible stores (S3Proxy answers 400); the ciphertext carries its own
                // authentication tags, so transport checksums add nothing we rely on.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                // DeleteObjects must carry a checksum; older MinIO/Ceph releases accept only Content-MD5.
                .addPlugin(LegacyMd5Plugin.create())
                .httpClientBuilder(Apache5HttpClient.builder()
                        .maxConnections(128)
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60))
                        .connectionAcquisitionTimeout(Duration.ofSeconds(30)));
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static String unreachable(S3Settings settings, SdkException e) {
        String where = settings.endpoint().map(S3BlobStore::hostOf).orElse("AWS S3 (" + settings.region() + ")");
        String bucketName = "bucket '" + settings.bucket() + "' at " + where;
        if (e instanceof S3Exception s3e) {
            return switch (s3e.statusCode()) {
                case 404 -> "S3 storage: " + bucketName + " does not exist";
                case 401, 403 -> "S3 storage: access to " + bucketName + " was refused (check strongroom.storage.s3.access-key/secret-key and the bucket policy)";
                case 301, 307 -> "S3 storage: " + bucketName + " is in another region than strongroom.storage.s3.region '" + settings.region() + "'";
                default -> "S3 storage: " + bucketName + " answered HTTP " + s3e.statusCode();
            };
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String detail = root == e ? e.getClass().getSimpleName() : root.getClass().getSimpleName() + oneLine(root.getMessage());
        return "S3 storage: cannot reach " + bucketName + ": " + detail;
    }

    private static String hostOf(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    private static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "";
        }
        String line = message.replaceAll("[\\r\\n\\t]+", " ").trim();
        return ": " + (line.length() > 200 ? line.substring(0, 200) + "…" : line);
    }

    @Override
    public String kind() {
        return "s3";
    }

    @Override
    public String describe() {
        return description;
    }

    /** The part size: the memory one writer in flight may hold. */
    public int partSize() {
        return partSize;
    }

    @Override
    public BlobWriter create(String key) throws IOException {
        return new S3Writer(objectKey(key));
    }

    @Override
    public InputStream open(String key) throws IOException {
        String objectKey = objectKey(key);
        return new ObjectStream(get(key, objectKey, null));
    }

    @Override
    public SeekableByteChannel openChannel(String key) throws IOException {
        String objectKey = objectKey(key);
        long size = size(key).orElseThrow(() -> new NoSuchFileException(key));
        return new RangedChannel(key, objectKey, size);
    }

    @Override
    public Optional<Long> size(String key) throws IOException {
        String objectKey = objectKey(key);
        try {
            return Optional.of(s3.headObject(b -> b.bucket(bucket).key(objectKey)).contentLength());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failed("HeadObject", e);
        } catch (SdkException e) {
            throw failed("HeadObject", e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        String objectKey = objectKey(key);
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(objectKey));
        } catch (NoSuchKeyException e) {
            // already gone: deleting is idempotent
        } catch (SdkException e) {
            throw failed("DeleteObject", e);
        }
    }

    @Override
    public int deleteAll(String keyPrefix) throws IOException {
        if (keyPrefix == null) {
            throw new IllegalArgumentException("keyPrefix must not be null");
        }
        int deleted = 0;
        try {
            List<ObjectIdentifier> batch = new ArrayList<>(DELETE_BATCH);
            for (ListObjectsV2Response page : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix + keyPrefix))) {
                for (S3Object object : page.contents()) {
                    batch.add(ObjectIdentifier.builder().key(object.key()).build());
                    if (batch.size() == DELETE_BATCH) {
                        deleted += deleteBatch(batch);
                        batch.clear();
                    }
                }
            }
            if (!batch.isEmpty()) {
                deleted += deleteBatch(batch);
            }
        } catch (SdkException e) {
            throw failed("DeleteObjects", e);
        }
        return deleted;
    }

    private int deleteBatch(List<ObjectIdentifier> batch) throws IOException {
        if (!multiDelete) {
            return deleteOneByOne(batch);
        }
        DeleteObjectsResponse response;
        try {
            response = s3.deleteObjects(b -> b.bucket(bucket).delete(Delete.builder().objects(batch).quiet(true).build()));
        } catch (S3Exception e) {
            if (e.statusCode() != 501) {
                throw e;
            }
            // Some S3-compatible services lack DeleteObjects (or refuse its checksum header).
            multiDelete = false;
            log.info("The S3 service does not implement DeleteObjects; deleting objects one by one");
            return deleteOneByOne(batch);
        }
        if (response.hasErrors() && !response.errors().isEmpty()) {
            long missing = response.errors().stream().filter(error -> "NoSuchKey".equals(error.code())).count();
            if (missing < response.errors().size()) {
                throw new IOException("S3 DeleteObjects failed for " + (response.errors().size() - missing) + " of " + batch.size()
                        + " objects (first: " + response.errors().get(0).code() + ")");
            }
            return batch.size() - (int) missing;
        }
        return batch.size();
    }

    private int deleteOneByOne(List<ObjectIdentifier> batch) {
        for (ObjectIdentifier object : batch) {
            s3.deleteObject(b -> b.bucket(bucket).key(object.key()));
        }
        return batch.size();
    }

    @Override
    public void forEach(Consumer<StoredBlob> each) throws IOException {
        try {
            for (ListObjectsV2Response page : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))) {
                for (S3Object object : page.contents()) {
                    if (object.key().startsWith(prefix) && object.key().length() > prefix.length()) {
                        each.accept(new StoredBlob(object.key().substring(prefix.length()), object.size(), object.lastModified()));
                    }
                }
            }
        } catch (SdkException e) {
            throw failed("ListObjectsV2", e);
        }
    }

    @Override
    public int cleanUnfinished(Instant before) throws IOException {
        int removed = 0;
        try {
            List<MultipartUpload> stale = new ArrayList<>();
            var request = prefix.isEmpty()
                    ? s3.listMultipartUploadsPaginator(b -> b.bucket(bucket))
                    : s3.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(prefix));
            for (var page : request) {
                for (MultipartUpload upload : page.uploads()) {
                    if (upload.key().startsWith(prefix) && upload.initiated() != null && upload.initiated().isBefore(before)) {
                        stale.add(upload);
                    }
                }
            }
            for (MultipartUpload upload : stale) {
                try {
                    s3.abortMultipartUpload(b -> b.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()));
                    removed++;
                } catch (NoSuchUploadException e) {
                    // finished or aborted meanwhile
                }
            }
        } catch (SdkException e) {
            throw failed("ListMultipartUploads", e);
        }
        return removed;
    }

    /** Closes the HTTP connections (Spring calls this when the context closes). */
    @Override
    public void close() {
        var credentials = s3.serviceClientConfiguration().credentialsProvider();
        s3.close();
        if (credentials instanceof AutoCloseable provider) {
            try {
                provider.close();
            } catch (Exception e) {
                log.debug("Closing the S3 credentials provider failed", e);
            }
        }
    }

    /** The bucket's key for one of our keys; a key that is not a plain relative path is refused. */
    String objectKey(String key) {
        if (key == null || key.isEmpty() || key.startsWith("/") || key.contains("\\")) {
            throw new IllegalArgumentException("not an object key");
        }
        for (String part : key.split("/", -1)) {
            if (part.isEmpty() || ".".equals(part) || "..".equals(part) || part.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new IllegalArgumentException("not an object key");
            }
        }
        return prefix + key;
    }

    private ResponseInputStream<GetObjectResponse> get(String key, String objectKey, String range) throws IOException {
        try {
            return s3.getObject(b -> b.bucket(bucket).key(objectKey).range(range));
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(key);
        } catch (S3Exception e) {
            if (e.statusCode() == 404 && !"NoSuchBucket".equals(errorCode(e))) {
                throw new NoSuchFileException(key);
            }
            throw failed("GetObject", e);
        } catch (SdkException e) {
            throw failed("GetObject", e);
        }
    }

    private static String errorCode(S3Exception e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }

    private static IOException failed(String operation, SdkException e) {
        if (e instanceof SdkClientException && e.getCause() instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new InterruptedIOException("S3 " + operation + " interrupted");
        }
        String detail = e instanceof S3Exception s3e ? "HTTP " + s3e.statusCode() + (errorCode(s3e) == null ? "" : " " + errorCode(s3e))
                : e.getClass().getSimpleName();
        return new IOException("S3 " + operation + " failed: " + detail, e);
    }

    /**
     * One object being written: bytes collect in one part's worth of chunks; a full part is sent
     * (UploadPart) only when more bytes follow, so that an object of at most one part goes as a
     * single PutObject at commit, and a multipart upload never ends with an empty part.
     */
    private final class S3Writer implements BlobWriter {

        private final String objectKey;
        private final PartBuffer buffer = new PartBuffer(partSize);
        private final List<CompletedPart> parts = new ArrayList<>();
        private final OutputStream stream = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                append(bytes, offset, length);
            }
        };
        private String uploadId;
        private long size;
        private boolean done;

        S3Writer(String objectKey) {
            this.objectKey = objectKey;
        }

        @Override
        public OutputStream stream() {
            return stream;
        }

        private void append(byte[] bytes, int offset, int length) throws IOException {
            java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
            if (done) {
                throw new IOException("the object is already committed or aborted");
            }
            int at = offset;
            int left = length;
            while (left > 0) {
                if (buffer.full()) {
                    sendPart();
                }
                int n = buffer.write(bytes, at, left);
                at += n;
                left -= n;
                size += n;
            }
        }

        private void sendPart() throws IOException {
            try {
                if (uploadId == null) {
                    uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(objectKey)
                            .contentType("application/octet-stream")).uploadId();
                }
                if (parts.size() == MAX_PARTS) {
                    throw new IOException("S3 object too large for " + MAX_PARTS + " parts of " + partSize + " bytes");
                }
                int number = parts.size() + 1;
                String eTag = s3.uploadPart(b -> b.bucket(bucket).key(objectKey).uploadId(uploadId).partNumber(number)
                        .contentLength((long) buffer.size()), body()).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(eTag).build());
                buffer.clear();
            } catch (SdkException e) {
                abort();
                throw failed("UploadPart", e);
            } catch (IOException | RuntimeException e) {
                abort();
                throw e;
            }
        }

        private RequestBody body() {
            return RequestBody.fromContentProvider(buffer::newStream, buffer.size(), "application/octet-stream");
        }

        @Override
        public long commit() throws IOException {
            if (done) {
                throw new IllegalStateException("already finished");
            }
            try {
                if (uploadId == null) {
                    s3.putObject(b -> b.bucket(bucket).key(objectKey).contentType("application/octet-stream")
                            .contentLength((long) buffer.size()), body());
                } else {
                    sendPart();
                    s3.completeMultipartUpload(b -> b.bucket(bucket).key(objectKey).uploadId(uploadId)
                            .multipartUpload(m -> m.parts(parts)));
                }
                done = true;
                buffer.release();
                return size;
            } catch (SdkException e) {
                abort();
                throw failed(uploadId == null ? "PutObject" : "CompleteMultipartUpload", e);
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
            buffer.release();
            if (uploadId != null) {
                try {
                    s3.abortMultipartUpload(b -> b.bucket(bucket).key(objectKey).uploadId(uploadId));
                } catch (NoSuchUploadException e) {
                    // already gone
                } catch (SdkException e) {
                    // cleanUnfinished (or the bucket's lifecycle rule) removes it later
                    log.warn("Could not abort an unfinished S3 upload ({}); it will be cleaned later", e.getClass().getSimpleName());
                }
            }
        }
    }

    /** At most one part of bytes, in 64 KiB chunks allocated as needed and kept for the next part. */
    private static final class PartBuffer {

        private final int capacity;
        private final List<byte[]> chunks = new ArrayList<>();
        private int size;

        PartBuffer(int capacity) {
            this.capacity = capacity;
        }

        boolean full() {
            return size == capacity;
        }

        int size() {
            return size;
        }

        int write(byte[] bytes, int offset, int length) {
            int n = Math.min(length, capacity - size);
            int written = 0;
            while (written < n) {
                int chunk = size / CHUNK;
                int within = size % CHUNK;
                if (chunk == chunks.size()) {
                    chunks.add(new byte[Math.min(CHUNK, capacity - chunk * CHUNK)]);
                }
                int m = Math.min(n - written, chunks.get(chunk).length - within);
                System.arraycopy(bytes, offset + written, chunks.get(chunk), within, m);
                written += m;
                size += m;
            }
            return n;
        }

        void clear() {
            size = 0;
        }

        void release() {
            chunks.clear();
            size = 0;
        }

        /** A fresh reader over the bytes held (the SDK may ask again to retry a request). */
        InputStream newStream() {
            int length = size;
            return new InputStream() {
                private int position;

                @Override
                public int read() {
                    if (position >= length) {
                        return -1;
                    }
                    byte b = chunks.get(position / CHUNK)[position % CHUNK];
                    position++;
                    return b & 0xff;
                }

                @Override
                public int read(byte[] into, int offset, int count) {
                    if (count == 0) {
                        return 0;
                    }
                    if (position >= length) {
                        return -1;
                    }
                    int within = position % CHUNK;
                    int n = Math.min(count, Math.min(CHUNK - within, length - position));
                    System.arraycopy(chunks.get(position / CHUNK), within, into, offset, n);
                    position += n;
                    return n;
                }

                @Override
                public int available() {
                    return length - position;
                }
            };
        }
    }

    /**
     * A GET's body; closing it before the end aborts the connection instead of reading the rest of
     * the object just to reuse it.
     */
    private static final class ObjectStream extends InputStream {

        private final ResponseInputStream<GetObjectResponse> in;
        private boolean ended;

        ObjectStream(ResponseInputStream<GetObjectResponse> in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            ended |= b < 0;
            return b;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            int n = in.read(into, offset, length);
            ended |= n < 0;
            return n;
        }

        @Override
        public void close() throws IOException {
            if (!ended) {
                in.abort();
            }
            in.close();
        }
    }

    /**
     * A read-only channel over ranged GETs: one GET stays open from the current position while
     * reads are sequential; moving elsewhere closes it and the next read opens
     * {@code Range: bytes=p-}. A connection lost mid-read is reopened once at the same position.
     */
    private final class RangedChannel implements SeekableByteChannel {

        private final String key;
        private final String objectKey;
        private final long size;
        private ObjectStream current;
        private long currentAt;
        private long position;
        private boolean open = true;
        private byte[] transfer;

        RangedChannel(String key, String objectKey, long size) {
            this.key = key;
            this.objectKey = objectKey;
            this.size = size;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            ensureOpen();
            if (!dst.hasRemaining()) {
                return 0;
            }
            if (position >= size) {
                return -1;
            }
            int wanted = (int) Math.min(dst.remaining(), size - position);
            for (int attempt = 1; ; attempt++) {
                try {
                    int n = readSome(dst, wanted);
                    if (n < 0) {
                        // the object ended before its size: it changed under us
                        throw new IOException("S3 object shorter than its listed size");
                    }
                    position += n;
                    currentAt = position;
                    return n;
                } catch (NoSuchFileException e) {
                    throw e;
                } catch (IOException e) {
                    dropStream();
                    if (attempt == 2 || e instanceof InterruptedIOException) {
                        throw e;
                    }
                }
            }
        }

        private int readSome(ByteBuffer dst, int wanted) throws IOException {
            if (current == null || currentAt != position) {
                dropStream();
                current = new ObjectStream(get(key, objectKey, "bytes=" + position + "-"));
                currentAt = position;
            }
            if (dst.hasArray()) {
                int n = current.read(dst.array(), dst.arrayOffset() + dst.position(), wanted);
                if (n > 0) {
                    dst.position(dst.position() + n);
                }
                return n;
            }
            if (transfer == null) {
                transfer = new byte[CHUNK];
            }
            int n = current.read(transfer, 0, Math.min(wanted, transfer.length));
            if (n > 0) {
                dst.put(transfer, 0, n);
            }
            return n;
        }

        private void dropStream() {
            if (current != null) {
                try {
                    current.close();
                } catch (IOException | RuntimeException ignored) {
                    // the connection is aborted either way
                }
                current = null;
            }
        }

        @Override
        public int write(ByteBuffer src) {
            throw new NonWritableChannelException();
        }

        @Override
        public long position() throws IOException {
            ensureOpen();
            return position;
        }

        @Override
        public SeekableByteChannel position(long newPosition) throws IOException {
            ensureOpen();
            if (newPosition < 0) {
                throw new IllegalArgumentException("newPosition must not be negative");
            }
            position = newPosition;
            return this;
        }

        @Override
        public long size() throws IOException {
            ensureOpen();
            return size;
        }

        @Override
        public SeekableByteChannel truncate(long newSize) {
            throw new NonWritableChannelException();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
            dropStream();
        }

        private void ensureOpen() throws ClosedChannelException {
            if (!open) {
                throw new ClosedChannelException();
            }
        }
    }
}
