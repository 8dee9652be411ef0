package org.strongroom.documents.internal.storage;

import java.io.IOException;
import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.strongroom.documents.DocumentsConfigurationProblem;

/**
 * Chooses the blob store at run time from {@code strongroom.storage.type} (never a build-time
 * condition): {@code local} under {@code <data-dir>/documents}, or {@code s3} ({@code strongroom.storage.s3.*},
 * checked and the bucket asked once at start — a bad setting or an unreachable bucket stops the
 * server with one line). The S3 store is closed with the context (its {@code close()}).
 */
@Configuration(proxyBeanMethods = false)
class BlobStoreConfiguration {

    @Bean
    BlobStore blobStore(@Value("${strongroom.storage.type:local}") String type, @Value("${strongroom.data-dir}") String dataDir,
            Environment environment) throws IOException {
        return switch (type.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "local", "" -> new LocalBlobStore(Path.of(dataDir).resolve("documents"));
            case "s3" -> S3BlobStore.connect(S3Settings.from(environment));
            default -> throw new DocumentsConfigurationProblem("strongroom.storage.type must be local or s3, was '" + type + "'");
        };
    }
}
