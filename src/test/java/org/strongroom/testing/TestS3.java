package org.strongroom.testing;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.filesystem.reference.FilesystemConstants;

/**
 * A real S3 API for tests: one S3Proxy per test JVM, started on first use on 127.0.0.1 at a random
 * port, storing objects as plain files (jclouds {@code filesystem} provider) under
 * {@code target/test-data/s3proxy} so that a test can scan the stored bytes. Each caller gets a
 * fresh, empty bucket. Requests must be signed (AWS v2 or v4) with {@link #ACCESS_KEY} /
 * {@link #SECRET_KEY}.
 */
public final class TestS3 {

    /** Fixed test identity; not a secret of any real system. */
    public static final String ACCESS_KEY = "strongroom-test";
    public static final String SECRET_KEY = "strongroom-test-secret-not-real";
    public static final String REGION = "us-east-1";

    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static S3Proxy proxy;
    private static BlobStore backend;
    private static Path baseDir;
    private static URI endpoint;
    private static URI strictEndpoint;
    private static URI untrustedTlsEndpoint;

    private TestS3() {
    }

    /** A new, empty bucket on the shared S3Proxy; its name starts with {@code name} (lower case, digits, dashes). */
    public static synchronized Bucket newBucket(String name) {
        start();
        String bucket = (name + "-" + ProcessHandle.current().pid() + "-" + BUCKETS.incrementAndGet()).toLowerCase(java.util.Locale.ROOT);
        backend.createContainerInLocation(null, bucket);
        return new Bucket(endpoint, bucket, ACCESS_KEY, SECRET_KEY, baseDir.resolve(bucket));
    }

    private static void start() {
        if (proxy != null) {
            return;
        }
        baseDir = TestFolders.fresh("s3proxy");
        try {
            java.nio.file.Files.createDirectories(baseDir);
            Properties properties = new Properties();
            properties.setProperty(FilesystemConstants.PROPERTY_BASEDIR, baseDir.toString());
            backend = ContextBuilder.newBuilder("filesystem-nio2")
                    .credentials("local", "unused")
                    .overrides(properties)
                    .build(BlobStoreContext.class)
                    .getBlobStore();
            S3Proxy started = S3Proxy.builder()
                    .blobStore(backend)
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    // Real services ignore x-amz-* headers they do not know (the SDK sends
                    // x-amz-checksum-crc32 on DeleteObjects); S3Proxy refuses them unless told.
                    .ignoreUnknownHeaders(true)
                    .build();
            proxy = started(started);
            endpoint = URI.create("http://127.0.0.1:" + started.getPort());
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
    }

    /**
     * The same buckets through a second S3Proxy that answers 501 to any x-amz-* header it does not
     * know, like a stricter S3-compatible service (e.g. one without a multi-object delete).
     */
    public static synchronized URI strictEndpoint() {
        start();
        if (strictEndpoint == null) {
            try {
                S3Proxy strict = started(S3Proxy.builder()
                        .blobStore(backend)
                        .endpoint(URI.create("http://127.0.0.1:0"))
                        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                        .build());
                strictEndpoint = URI.create("http://127.0.0.1:" + strict.getPort());
            } catch (Exception e) {
                throw new IllegalStateException("S3Proxy did not start", e);
            }
        }
        return strictEndpoint;
    }

    /**
     * The same buckets over HTTPS with a freshly made self-signed certificate that no trust store
     * knows: a client that verifies certificates must refuse it.
     */
    public static synchronized URI untrustedTlsEndpoint() {
        start();
        if (untrustedTlsEndpoint == null) {
            try {
                Path keyStore = baseDir.getParent().resolve("s3proxy-untrusted.p12");
                java.nio.file.Files.deleteIfExists(keyStore);
                Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                        "-genkeypair", "-alias", "s3proxy", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                        "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-storetype", "PKCS12",
                        "-keystore", keyStore.toString(), "-storepass", "untrusted", "-keypass", "untrusted")
                        .redirectErrorStream(true).start();
                keytool.getInputStream().readAllBytes();
                if (keytool.waitFor() != 0) {
                    throw new IllegalStateException("keytool failed");
                }
                S3Proxy tls = started(S3Proxy.builder()
                        .blobStore(backend)
                        .secureEndpoint(URI.create("https://127.0.0.1:0"))
                        .keyStore(keyStore.toString(), "untrusted")
                        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                        .ignoreUnknownHeaders(true)
                        .build());
                untrustedTlsEndpoint = URI.create("https://127.0.0.1:" + tls.getSecurePort());
            } catch (Exception e) {
                throw new IllegalStateException("S3Proxy (TLS) did not start", e);
            }
        }
        return untrustedTlsEndpoint;
    }

    private static S3Proxy started(S3Proxy proxy) throws Exception {
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start within 30 s (state " + proxy.getState() + ")");
            }
            Thread.sleep(10);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                proxy.stop();
            } catch (Exception ignored) {
                // the JVM is exiting
            }
        }));
        return proxy;
    }

    /** One bucket on the test S3 service; {@code folder} is where S3Proxy keeps its objects as files. */
    public record Bucket(URI endpoint, String name, String accessKey, String secretKey, Path folder) {

        /**
         * Spring properties that make the server keep documents in this bucket, under {@code prefix}
         * (may be empty), with parts of 5 MiB — e.g. for {@code @DynamicPropertySource} or
         * {@code SpringApplicationBuilder.properties}.
         */
        public Map<String, String> springProperties(String prefix) {
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("strongroom.storage.type", "s3");
            properties.put("strongroom.storage.s3.endpoint", endpoint.toString());
            properties.put("strongroom.storage.s3.bucket", name);
            properties.put("strongroom.storage.s3.region", REGION);
            properties.put("strongroom.storage.s3.access-key", accessKey);
            properties.put("strongroom.storage.s3.secret-key", secretKey);
            properties.put("strongroom.storage.s3.prefix", prefix);
            properties.put("strongroom.storage.s3.path-style", "true");
            properties.put("strongroom.storage.s3.allow-http", "true");
            properties.put("strongroom.storage.s3.part-size", "5MB");
            return properties;
        }

        /** The same as {@code key=value} lines, for {@code @SpringBootTest(properties = …)}-style arrays. */
        public String[] springPropertyLines(String prefix) {
            return springProperties(prefix).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        }

        @Override
        public String toString() {
            return "Bucket[" + endpoint + "/" + name + "]";
        }
    }
}
