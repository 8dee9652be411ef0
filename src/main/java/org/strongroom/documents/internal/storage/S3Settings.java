package org.strongroom.documents.internal.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.core.env.PropertyResolver;
import org.springframework.util.unit.DataSize;
import org.strongroom.documents.DocumentsConfigurationProblem;

/**
 * The {@code strongroom.storage.s3.*} settings, checked. Every refusal is a
 * {@link DocumentsConfigurationProblem} whose one-line message names the setting and never repeats
 * a credential.
 *
 * @param endpoint  the service's base URL; empty for AWS S3 in {@code region}
 * @param accessKey together with {@code secretKey}; both empty: the AWS default credential chain
 *                  (environment, profile, container or instance role)
 * @param prefix    empty, or ends with {@code /}
 */
public record S3Settings(Optional<URI> endpoint, String bucket, String region, String accessKey, String secretKey,
        String prefix, boolean pathStyle, boolean allowHttp, int partSize) {

    /** S3's smallest part (every part but the last). */
    public static final int MIN_PART_SIZE = 5 * 1024 * 1024;
    /** Each upload in flight holds one part in memory: keep that bounded. */
    public static final int MAX_PART_SIZE = 512 * 1024 * 1024;

    private static final String P = "strongroom.storage.s3.";
    private static final Pattern BUCKET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{1,254}");
    private static final Pattern REGION = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public S3Settings {
        if (bucket == null || !BUCKET.matcher(bucket).matches()) {
            throw problem(P + "bucket must be set to a bucket name (3-255 letters, digits, dots, dashes or underscores)");
        }
        if (region == null || !REGION.matcher(region).matches()) {
            throw problem(P + "region must be a region name such as us-east-1");
        }
        if (accessKey.isEmpty() != secretKey.isEmpty()) {
            throw problem(P + "access-key and " + P + "secret-key must be set together (or both left empty for the AWS default credentials)");
        }
        if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
            throw problem(P + "part-size must be between 5MB and 512MB");
        }
        endpoint.ifPresent(uri -> checkEndpoint(uri, allowHttp));
    }

    /** Reads and checks the settings; a bad one throws {@link DocumentsConfigurationProblem}. */
    public static S3Settings from(PropertyResolver properties) {
        boolean allowHttp = flag(properties, "allow-http", false);
        return new S3Settings(
                endpoint(text(properties, "endpoint")),
                text(properties, "bucket"),
                text(properties, "region").isEmpty() ? "us-east-1" : text(properties, "region"),
                text(properties, "access-key"),
                text(properties, "secret-key"),
                prefix(text(properties, "prefix")),
                flag(properties, "path-style", true),
                allowHttp,
                partSize(text(properties, "part-size")));
    }

    private static String text(PropertyResolver properties, String name) {
        String value = properties.getProperty(P + name, "");
        return value.trim();
    }

    private static boolean flag(PropertyResolver properties, String name, boolean fallback) {
        String value = text(properties, name).toLowerCase(Locale.ROOT);
        return switch (value) {
            case "" -> fallback;
            case "true" -> true;
            case "false" -> false;
            default -> throw problem(P + name + " must be true or false");
        };
    }

    private static Optional<URI> endpoint(String value) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new URI(value));
        } catch (URISyntaxException e) {
            // The value itself stays out of the message: someone may have put a key into it.
            throw problem(P + "endpoint is not a URL");
        }
    }

    private static void checkEndpoint(URI uri, boolean allowHttp) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getRawUserInfo() != null) {
            throw problem(P + "endpoint must not carry credentials; use " + P + "access-key and " + P + "secret-key");
        }
        if (uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw problem(P + "endpoint must be a URL such as https://s3.example.org:9000");
        }
        if ("http".equals(scheme) && !allowHttp) {
            throw problem(P + "endpoint must use https (set " + P + "allow-http: true only for a loopback or test service)");
        }
        if (!"https".equals(scheme) && !"http".equals(scheme)) {
            throw problem(P + "endpoint must use https");
        }
    }

    private static String prefix(String value) {
        String prefix = value;
        while (prefix.startsWith("/")) {
            prefix = prefix.substring(1);
        }
        if (prefix.isEmpty()) {
            return "";
        }
        if (!prefix.endsWith("/")) {
            prefix = prefix + "/";
        }
        for (String part : prefix.substring(0, prefix.length() - 1).split("/", -1)) {
            if (part.isEmpty() || ".".equals(part) || "..".equals(part) || part.chars().anyMatch(c -> c < 0x20 || c == '\\' || c == 0x7f)) {
                throw problem(P + "prefix must be a plain path such as strongroom/ (no empty, . or .. segments)");
            }
        }
        return prefix;
    }

    private static int partSize(String value) {
        if (value.isEmpty()) {
            return 8 * 1024 * 1024;
        }
        long bytes;
        try {
            bytes = DataSize.parse(value).toBytes();
        } catch (IllegalArgumentException e) {
            throw problem(P + "part-size must be a size such as 8MB");
        }
        if (bytes < MIN_PART_SIZE || bytes > MAX_PART_SIZE) {
            throw problem(P + "part-size must be between 5MB and 512MB");
        }
        return (int) bytes;
    }

    private static DocumentsConfigurationProblem problem(String message) {
        return new DocumentsConfigurationProblem(message);
    }

    /** Where, for operators: {@code s3://bucket/prefix}. */
    public String describe() {
        return "s3://" + bucket + "/" + prefix;
    }

    @Override
    public String toString() {
        return "S3Settings[" + describe() + ", endpoint=" + endpoint.map(u -> u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort())).orElse("aws")
                + ", region=" + region + ", pathStyle=" + pathStyle + ", partSize=" + partSize + "]";
    }
}
