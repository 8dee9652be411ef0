package org.strongroom.documents.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.strongroom.testing.TestS3;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The blob store contract on S3 (S3Proxy in this JVM, objects kept as files), with a key prefix,
 * and what only S3 can get wrong: pending multipart uploads, the prefix, the start-up check.
 */
class S3BlobStoreContractTests extends BlobStoreContractTests {

    private static final String PREFIX = "strongroom/";

    private TestS3.Bucket bucket;
    private S3Client inspector;

    @Override
    protected BlobStore newStore(String name) {
        bucket = TestS3.newBucket("contract");
        inspector = S3Client.builder()
                .endpointOverride(bucket.endpoint())
                .region(Region.of(TestS3.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(bucket.accessKey(), bucket.secretKey())))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
        return S3BlobStore.connect(settings(bucket.name(), PREFIX));
    }

    @AfterEach
    void closeInspector() {
        if (inspector != null) {
            inspector.close();
        }
    }

    @Override
    protected int partSize() {
        return S3Settings.MIN_PART_SIZE;
    }

    @Override
    protected int unfinishedWrites() {
        return inspector.listMultipartUploads(b -> b.bucket(bucket.name())).uploads().size();
    }

    private S3Settings settings(String bucketName, String prefix) {
        return new S3Settings(Optional.of(bucket.endpoint()), bucketName, TestS3.REGION, bucket.accessKey(), bucket.secretKey(),
                prefix, true, true, S3Settings.MIN_PART_SIZE);
    }

    @Test
    void keepsEveryObjectUnderThePrefixAndListsKeysWithoutIt() throws IOException {
        String key = commit(randomBytes(100, 40));

        List<String> stored = inspector.listObjectsV2(b -> b.bucket(bucket.name())).contents().stream().map(o -> o.key()).toList();

        assertThat(stored).containsExactly(PREFIX + key);
        assertThat(listed()).containsOnlyKeys(key);
    }

    @Test
    void storesExactlyTheBytesWritten() throws IOException {
        byte[] bytes = randomBytes(partSize() + 1234, 41);
        String key = commit(bytes);

        Path file = bucket.folder().resolve(PREFIX + key);

        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
    }

    @Test
    void anObjectOfAtMostOnePartIsASinglePut() throws IOException {
        String key = newKey();
        try (BlobWriter writer = store.create(key)) {
            writer.stream().write(randomBytes(partSize(), 42));

            assertThat(unfinishedWrites()).isZero();

            writer.commit();
        }
        assertThat(store.size(key)).contains((long) partSize());
    }

    @Test
    void cleanUnfinishedLeavesOtherPrefixesAlone() throws IOException {
        var other = S3BlobStore.connect(settings(bucket.name(), "elsewhere/"));
        try (other; BlobWriter foreign = other.create(newKey())) {
            foreign.stream().write(randomBytes(partSize() + 1, 43));

            assertThat(store.cleanUnfinished(java.time.Instant.now().plusSeconds(60))).isZero();
            assertThat(unfinishedWrites()).isEqualTo(1);
        }
        assertThat(unfinishedWrites()).isZero();
    }

    @Test
    void startUpFailsInOneLineWhenTheBucketIsMissing() {
        assertThatThrownBy(() -> S3BlobStore.connect(settings("no-such-bucket-here", "")))
                .isInstanceOf(org.strongroom.documents.DocumentsConfigurationProblem.class)
                .hasMessageContaining("no-such-bucket-here")
                .hasMessageContaining("does not exist")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void startUpFailsInOneLineWithoutTheSecretWhenCredentialsAreWrong() {
        S3Settings wrong = new S3Settings(Optional.of(bucket.endpoint()), bucket.name(), TestS3.REGION, bucket.accessKey(),
                "wrong-secret-canary-7d1f", PREFIX, true, true, S3Settings.MIN_PART_SIZE);

        assertThatThrownBy(() -> S3BlobStore.connect(wrong))
                .isInstanceOf(org.strongroom.documents.DocumentsConfigurationProblem.class)
                .hasMessageContaining("refused")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("wrong-secret-canary-7d1f"));
    }

    @Test
    void startUpFailsInOneLineWhenNothingAnswers() throws IOException {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        S3Settings nowhere = new S3Settings(Optional.of(URI.create("http://127.0.0.1:" + closedPort)), bucket.name(), TestS3.REGION,
                bucket.accessKey(), bucket.secretKey(), PREFIX, true, true, S3Settings.MIN_PART_SIZE);

        assertThatThrownBy(() -> S3BlobStore.connect(nowhere))
                .isInstanceOf(org.strongroom.documents.DocumentsConfigurationProblem.class)
                .hasMessageContaining("cannot reach")
                .hasMessageContaining("127.0.0.1:" + closedPort)
                .hasMessageEndingWith("Connection refused")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain(bucket.secretKey()));
    }

    /** Man in the middle: a service presenting a certificate nobody vouches for is refused before any request is sent. */
    @Test
    void refusesAServiceWhoseCertificateCannotBeVerified() {
        S3Settings untrusted = new S3Settings(Optional.of(TestS3.untrustedTlsEndpoint()), bucket.name(), TestS3.REGION,
                bucket.accessKey(), bucket.secretKey(), PREFIX, true, false, S3Settings.MIN_PART_SIZE);

        assertThatThrownBy(() -> S3BlobStore.connect(untrusted))
                .isInstanceOf(org.strongroom.documents.DocumentsConfigurationProblem.class)
                .hasMessageContaining("cannot reach")
                .hasMessageContaining("certification path")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain(bucket.secretKey()));
    }

    @Test
    void deleteAllFallsBackToSingleDeletesWhereDeleteObjectsIsNotImplemented() throws IOException {
        java.util.UUID client = java.util.UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            commitAt(BlobKeys.of(client, java.util.UUID.randomUUID(), java.util.UUID.randomUUID()), randomBytes(10, 50 + i));
        }
        S3Settings strict = new S3Settings(Optional.of(TestS3.strictEndpoint()), bucket.name(), TestS3.REGION, bucket.accessKey(),
                bucket.secretKey(), PREFIX, true, true, S3Settings.MIN_PART_SIZE);

        try (S3BlobStore strictStore = S3BlobStore.connect(strict)) {
            assertThat(strictStore.deleteAll(BlobKeys.clientPrefix(client))).isEqualTo(3);
            // uploads work there too: no trailing checksums, no headers a strict service would refuse
            String key = newKey();
            byte[] bytes = randomBytes(partSize() + 10, 55);
            try (BlobWriter writer = strictStore.create(key)) {
                writer.stream().write(bytes);
                writer.commit();
            }
            try (java.io.InputStream in = strictStore.open(key)) {
                assertThat(in.readAllBytes()).isEqualTo(bytes);
            }
            strictStore.delete(key);
        }
        assertThat(listed()).isEmpty();
    }

    @Test
    void worksWithoutAPrefix() throws IOException {
        TestS3.Bucket plain = TestS3.newBucket("plain");
        S3Settings settings = new S3Settings(Optional.of(plain.endpoint()), plain.name(), TestS3.REGION, plain.accessKey(),
                plain.secretKey(), "", true, true, S3Settings.MIN_PART_SIZE);
        try (S3BlobStore unprefixed = S3BlobStore.connect(settings)) {
            String key = newKey();
            try (BlobWriter writer = unprefixed.create(key)) {
                writer.stream().write(randomBytes(10, 60));
                writer.commit();
            }
            assertThat(Files.exists(plain.folder().resolve(key))).isTrue();
            List<String> keys = new java.util.ArrayList<>();
            unprefixed.forEach(blob -> keys.add(blob.key()));
            assertThat(keys).containsExactly(key);

            try (BlobWriter unfinished = unprefixed.create(newKey())) {
                unfinished.stream().write(randomBytes(partSize() + 1, 61));
                assertThat(unprefixed.cleanUnfinished(java.time.Instant.now().plusSeconds(60))).isEqualTo(1);
            }
            assertThat(unprefixed.deleteAll("")).isEqualTo(1);
            keys.clear();
            unprefixed.forEach(blob -> keys.add(blob.key()));
            assertThat(keys).isEmpty();
        }
    }

    @Test
    void refusesKeysThatAreNotPlainPaths() {
        for (String key : new String[] {"../outside", "/abs", "a\\b", "a//b", "", "a/./b"}) {
            assertThatThrownBy(() -> store.create(key)).as(key).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.open(key)).as(key).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theTestBucketStoresObjectsAsFilesUnderItsFolder() throws IOException {
        commit(randomBytes(10, 44));

        try (Stream<Path> files = Files.walk(bucket.folder())) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(1);
        }
    }
}
