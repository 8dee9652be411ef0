package org.strongroom.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.strongroom.StrongroomApplication;
import org.strongroom.operations.StrongroomCli;
import org.strongroom.testing.HttpsClient;
import org.strongroom.testing.TestFolders;

/**
 * The crash test: a real server process (a child JVM running {@code strongroom serve}) takes
 * concurrent uploads through the HTTPS API and is killed with SIGKILL in the middle of them. After
 * a restart, every upload the server acknowledged (201) is listed and reads back byte for byte,
 * every document listed is one of the files sent, whole (an upload recorded in the instant before
 * the kill, whose answer never left, may be there too — then complete), nothing half-written is
 * visible, and {@code strongroom documents verify} finds no damage.
 */
class DocumentUploadCrashTests {

    static final String EMAIL = "crash.owner@example.org";
    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    @Test
    void killingTheServerDuringConcurrentUploadsLosesNoAcknowledgedUploadAndLeavesNothingHalfDone() throws Exception {
        Path folder = TestFolders.fresh("documents-crash");
        Files.createDirectories(folder.getParent());
        Path password = folder.getParent().resolve("documents-crash-password.txt");
        Files.writeString(password, "Quiet-Lantern-Harbour-58-Vineyard\n");
        assertThat(cli("init", "--data-dir=" + folder, "--owner-email=" + EMAIL, "--owner-name=Crash Owner",
                "--owner-password-file=" + password)[0]).isEqualTo("0");
        String[] token = cli("token", "create", "--data-dir=" + folder, "--user", EMAIL, "--scopes",
                "clients.read,clients.write,documents.read,documents.write", "--expires", "1d", "--label", "crash test");
        assertThat(token[0]).as(token[2]).isEqualTo("0");
        String bearer = token[1].strip();

        int port = freePort();
        Process server = serve(folder, port);
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        Map<String, String> sent = new ConcurrentHashMap<>();
        String clientId;
        try {
            HttpClient http = whenUp(folder, port);
            HttpResponse<String> made = http.send(json(port, bearer, "/api/v1/clients",
                    "{\"status\":\"ACTIVE\",\"values\":{\"given_name\":\"Kateryna\",\"family_name\":\"Crashtest\"},\"acknowledgeDuplicates\":true}"),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
            clientId = id(made.body());

            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger done = new AtomicInteger();
            ExecutorService uploaders = Executors.newFixedThreadPool(6);
            for (int t = 0; t < 6; t++) {
                int thread = t;
                uploaders.submit(() -> {
                    Random random = new Random(thread);
                    for (int n = 0; !stop.get(); n++) {
                        String name = "crash-" + thread + "-" + n + ".pdf";
                        byte[] body = pdf((1 + random.nextInt(6)) * (1 << 20) + random.nextInt(5000), random);
                        sent.put(name, sha256(body));
                        try {
                            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base(port)
                                            + "/api/v1/clients/" + clientId + "/documents?folder=reports&type=report&fileName=" + name))
                                    .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/pdf")
                                    .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (answer.statusCode() == 201) {
                                acknowledged.put(id(answer.body()), name);
                                done.incrementAndGet();
                            }
                        } catch (IOException e) {
                            return null; // the server went away
                        }
                    }
                    return null;
                });
            }
            Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
            while (done.get() < 12 && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            assertThat(done.get()).as("uploads acknowledged before the kill").isGreaterThanOrEqualTo(12);
            server.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no goodbye
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
            stop.set(true);
            uploaders.shutdown();
            assertThat(uploaders.awaitTermination(90, TimeUnit.SECONDS)).isTrue();
        } finally {
            server.destroyForcibly();
        }

        server = serve(folder, port);
        try {
            HttpClient http = whenUp(folder, port);
            HttpResponse<String> listed = http.send(HttpRequest.newBuilder(URI.create(base(port) + "/api/v1/clients/" + clientId + "/documents"))
                    .header("Authorization", "Bearer " + bearer).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
            List<String> visible = new ArrayList<>();
            Matcher m = ID.matcher(listed.body());
            while (m.find()) {
                visible.add(m.group(1));
            }
            assertThat(visible).as("every acknowledged upload is there").containsAll(acknowledged.keySet());
            for (String documentId : visible) {
                HttpResponse<byte[]> content = http.send(HttpRequest.newBuilder(URI.create(base(port) + "/api/v1/clients/" + clientId
                        + "/documents/" + documentId + "/content")).header("Authorization", "Bearer " + bearer).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(content.statusCode()).as("document %s reads back", documentId).isEqualTo(200);
                String name = acknowledged.get(documentId);
                if (name != null) {
                    assertThat(sha256(content.body())).as("acknowledged %s intact", name).isEqualTo(sent.get(name));
                } else {
                    assertThat(sent.values()).as("an unacknowledged but recorded upload is one whole file sent")
                            .contains(sha256(content.body()));
                }
            }
        } finally {
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }

        String[] verify = cli("documents", "verify", "--data-dir=" + folder);
        assertThat(verify[0]).as(verify[1] + verify[2]).isEqualTo("0");
        assertThat(verify[1]).contains("Every stored document version is intact.");
    }

    static String[] cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = StrongroomCli.run(StrongroomApplication.class, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    static Process serve(Path folder, int port) throws IOException {
        Path log = folder.getParent().resolve("documents-crash-server.log");
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), StrongroomApplication.class.getName(), "serve", "--data-dir=" + folder,
                "--port=" + port).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    static HttpClient client(Path folder, int port) {
        return HttpClient.newBuilder().sslContext(HttpsClient.trusting(folder.resolve("tls").resolve("server.crt")))
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** A client trusting the server's certificate, once the server answers its health check. */
    static HttpClient whenUp(Path folder, int port) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpClient http = client(folder, port);
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base(port) + "/actuator/health")).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return http;
                }
            } catch (IOException | RuntimeException e) {
                // not yet (or the certificate is not written yet)
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the server did not come up in 120 s");
    }

    static HttpRequest json(int port, String bearer, String path, String body) {
        return HttpRequest.newBuilder(URI.create(base(port) + path)).header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    static String base(int port) {
        return "https://localhost:" + port;
    }

    static String id(String json) {
        Matcher m = ID.matcher(json);
        assertThat(m.find()).as(json).isTrue();
        return m.group(1);
    }

    static byte[] pdf(int size, Random random) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        byte[] header = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, bytes, 0, header.length);
        return bytes;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
