package org.strongroom.documents.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.strongroom.documents.DocumentsConfigurationProblem;

/** {@code strongroom.storage.s3.*}: sensible defaults, and every bad value stops start-up in one line without a secret. */
class S3SettingsTests {

    private static final String SECRET = "s3cr3t-canary-91f2";

    private static MockEnvironment environment(Consumer<MockEnvironment> changes) {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("strongroom.storage.s3.endpoint", "https://minio.example.org:9000")
                .withProperty("strongroom.storage.s3.bucket", "strongroom-documents")
                .withProperty("strongroom.storage.s3.access-key", "strongroom")
                .withProperty("strongroom.storage.s3.secret-key", SECRET);
        changes.accept(environment);
        return environment;
    }

    private static void assertRefused(Consumer<MockEnvironment> changes, String messagePart) {
        assertThatThrownBy(() -> S3Settings.from(environment(changes)))
                .isInstanceOf(DocumentsConfigurationProblem.class)
                .hasMessageContaining(messagePart)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain(SECRET));
    }

    @Test
    void defaultsSuitASelfHostedService() {
        S3Settings settings = S3Settings.from(environment(e -> { }));

        assertThat(settings.endpoint()).contains(URI.create("https://minio.example.org:9000"));
        assertThat(settings.region()).isEqualTo("us-east-1");
        assertThat(settings.pathStyle()).isTrue();
        assertThat(settings.allowHttp()).isFalse();
        assertThat(settings.partSize()).isEqualTo(8 * 1024 * 1024);
        assertThat(settings.prefix()).isEmpty();
        assertThat(settings.describe()).isEqualTo("s3://strongroom-documents/");
        assertThat(settings.toString()).doesNotContain(SECRET).doesNotContain("strongroom@");
    }

    @Test
    void anEmptyEndpointMeansAwsAndEmptyKeysMeanTheDefaultCredentialChain() {
        S3Settings settings = S3Settings.from(environment(e -> e.withProperty("strongroom.storage.s3.endpoint", "")
                .withProperty("strongroom.storage.s3.access-key", "").withProperty("strongroom.storage.s3.secret-key", "")
                .withProperty("strongroom.storage.s3.region", "eu-central-1").withProperty("strongroom.storage.s3.path-style", "false")));

        assertThat(settings.endpoint()).isEmpty();
        assertThat(settings.accessKey()).isEmpty();
        assertThat(settings.region()).isEqualTo("eu-central-1");
        assertThat(settings.pathStyle()).isFalse();
    }

    @Test
    void readsEnvironmentVariablesAsTheOperationsGuideNamesThem() {
        var environment = new org.springframework.core.env.StandardEnvironment();
        environment.getPropertySources().addFirst(new org.springframework.core.env.SystemEnvironmentPropertySource("env", java.util.Map.of(
                "STRONGROOM_STORAGE_S3_ENDPOINT", "https://s3.eu-central-1.amazonaws.com",
                "STRONGROOM_STORAGE_S3_BUCKET", "clinic-documents",
                "STRONGROOM_STORAGE_S3_REGION", "eu-central-1",
                "STRONGROOM_STORAGE_S3_ACCESS_KEY", "AKIAEXAMPLE",
                "STRONGROOM_STORAGE_S3_SECRET_KEY", SECRET,
                "STRONGROOM_STORAGE_S3_PREFIX", "strongroom",
                "STRONGROOM_STORAGE_S3_PATH_STYLE", "false",
                "STRONGROOM_STORAGE_S3_PART_SIZE", "16MB")));
        org.springframework.boot.context.properties.source.ConfigurationPropertySources.attach(environment);

        S3Settings settings = S3Settings.from(environment);

        assertThat(settings.bucket()).isEqualTo("clinic-documents");
        assertThat(settings.region()).isEqualTo("eu-central-1");
        assertThat(settings.accessKey()).isEqualTo("AKIAEXAMPLE");
        assertThat(settings.secretKey()).isEqualTo(SECRET);
        assertThat(settings.prefix()).isEqualTo("strongroom/");
        assertThat(settings.pathStyle()).isFalse();
        assertThat(settings.partSize()).isEqualTo(16 * 1024 * 1024);
    }

    @Test
    void thePrefixBecomesAFolder() {
        assertThat(S3Settings.from(environment(e -> e.withProperty("strongroom.storage.s3.prefix", "/strongroom"))).prefix())
                .isEqualTo("strongroom/");
        assertThat(S3Settings.from(environment(e -> e.withProperty("strongroom.storage.s3.prefix", "a/b/"))).prefix())
                .isEqualTo("a/b/");
        assertRefused(e -> e.withProperty("strongroom.storage.s3.prefix", "a/../b"), "strongroom.storage.s3.prefix");
        assertRefused(e -> e.withProperty("strongroom.storage.s3.prefix", "a//b"), "strongroom.storage.s3.prefix");
    }

    @Test
    void plainHttpOnlyWhenAllowed() {
        assertRefused(e -> e.withProperty("strongroom.storage.s3.endpoint", "http://127.0.0.1:9000"), "https");
        assertRefused(e -> e.withProperty("strongroom.storage.s3.endpoint", "ftp://127.0.0.1:9000"), "https");

        S3Settings allowed = S3Settings.from(environment(e -> e.withProperty("strongroom.storage.s3.endpoint", "http://127.0.0.1:9000")
                .withProperty("strongroom.storage.s3.allow-http", "true")));
        assertThat(allowed.allowHttp()).isTrue();
    }

    @Test
    void refusesAnEndpointCarryingCredentialsWithoutRepeatingThem() {
        assertRefused(e -> e.withProperty("strongroom.storage.s3.endpoint", "https://strongroom:" + SECRET + "@minio.example.org"),
                "must not carry credentials");
        assertRefused(e -> e.withProperty("strongroom.storage.s3.endpoint", "https://minio example/" + SECRET), "not a URL");
        assertRefused(e -> e.withProperty("strongroom.storage.s3.endpoint", "https://minio.example.org/?key=" + SECRET), "URL");
    }

    @Test
    void refusesAMissingBucket() {
        assertRefused(e -> e.withProperty("strongroom.storage.s3.bucket", ""), "strongroom.storage.s3.bucket");
        assertRefused(e -> e.withProperty("strongroom.storage.s3.bucket", "a/b"), "strongroom.storage.s3.bucket");
    }

    @Test
    void refusesHalfACredential() {
        assertRefused(e -> e.withProperty("strongroom.storage.s3.access-key", ""), "set together");
        assertRefused(e -> e.withProperty("strongroom.storage.s3.secret-key", ""), "set together");
    }

    @Test
    void refusesPartsSmallerThanS3AllowsOrTooLargeToHold() {
        assertRefused(e -> e.withProperty("strongroom.storage.s3.part-size", "4MB"), "part-size");
        assertRefused(e -> e.withProperty("strongroom.storage.s3.part-size", "1GB"), "part-size");
        assertRefused(e -> e.withProperty("strongroom.storage.s3.part-size", "lots"), "part-size");
        assertThat(S3Settings.from(environment(e -> e.withProperty("strongroom.storage.s3.part-size", "5MB"))).partSize())
                .isEqualTo(S3Settings.MIN_PART_SIZE);
    }

    @Test
    void refusesFlagsThatAreNotBooleans() {
        assertRefused(e -> e.withProperty("strongroom.storage.s3.path-style", "yes"), "strongroom.storage.s3.path-style");
        assertRefused(e -> e.withProperty("strongroom.storage.s3.allow-http", "1"), "strongroom.storage.s3.allow-http");
    }
}
