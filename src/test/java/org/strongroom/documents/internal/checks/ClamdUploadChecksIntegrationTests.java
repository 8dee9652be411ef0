package org.strongroom.documents.internal.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.strongroom.testing.TestFolders;

/**
 * Against a real clamd (Debian clamav-daemon), started here as a child process with a signature
 * database of one entry: the EICAR test file, the harmless string every scanner reports.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClamdUploadChecksIntegrationTests {

    private static final Path CLAMD = Path.of("/usr/sbin/clamd");

    /** Built from parts, so this source file is not itself reported by scanners. */
    static final byte[] EICAR = ("X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-" + "TEST-FILE!$H+H*")
            .getBytes(StandardCharsets.US_ASCII);

    private Path folder;
    private Path socket;
    private Process clamd;

    @BeforeAll
    void startClamd() throws Exception {
        boolean installed = Files.isExecutable(CLAMD);
        if (System.getenv("CI") == null) {
            assumeTrue(installed, "clamd is not installed (apt-get install clamav clamav-daemon)");
        }
        assertThat(installed).as("clamd installed by .ci/run").isTrue();
        folder = TestFolders.fresh("clamd");
        // Unix socket paths are limited to about 100 bytes: the socket lives in a short temporary folder.
        socket = Files.createTempDirectory("clamd").resolve("clamd.sock");
        Path db = Files.createDirectories(folder.resolve("db"));
        Files.writeString(db.resolve("local.hdb"), md5(EICAR) + ":" + EICAR.length + ":Strongroom.Test.EICAR\n");
        Path conf = folder.resolve("clamd.conf");
        Files.writeString(conf, String.join("\n", "LocalSocket " + socket, "DatabaseDirectory " + db, "Foreground yes",
                "StreamMaxLength 20M", "TemporaryDirectory " + folder, "LogFile " + folder.resolve("clamd.log"), ""));
        clamd = new ProcessBuilder(CLAMD.toString(), "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(folder.resolve("clamd.out").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!Files.exists(socket)) {
            assertThat(clamd.isAlive()).as("clamd runs (see %s)", folder.resolve("clamd.out")).isTrue();
            assertThat(System.nanoTime()).as("clamd opens its socket within 90 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @AfterAll
    void stopClamd() throws InterruptedException {
        stop();
    }

    private void stop() throws InterruptedException {
        if (clamd != null && clamd.isAlive()) {
            clamd.destroy();
            if (!clamd.waitFor(20, TimeUnit.SECONDS)) {
                clamd.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    ContentUploadChecks checks(String clamdAddress, boolean required) {
        return new ContentUploadChecks(ContentUploadChecks.Settings.parse("10MB", UploadChecksTests.DEFAULT_TYPES, false,
                clamdAddress, required, "10s"));
    }

    /** Malware upload: the EICAR test file is refused. */
    @Test
    void refusesTheEicarTestFile() {
        assertThat(UploadChecksTests.refusal(checks(socket.toString(), true), EICAR, "eicar.txt", false))
                .isEqualTo("documents.upload.malware");
    }

    @Test
    void passesACleanFileAsScanned() throws IOException {
        byte[] big = new byte[3 * 1024 * 1024];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ('a' + i % 26);
        }
        var stored = UploadChecksTests.upload(checks(socket.toString(), true), big, "long.txt", false);
        assertThat(stored.passed().scanned()).isTrue();
        assertThat(stored.bytes()).isEqualTo(big);
        var pdf = UploadChecksTests.upload(checks(socket.toString(), true), Samples.pdf(), "report.pdf", false);
        assertThat(pdf.passed().scanned()).isTrue();
    }

    /** A scanner that is down does not let uploads through unscanned when the scan is required. */
    @Test
    void scannerDown() throws IOException {
        Path nowhere = socket.resolveSibling("absent.sock");
        assertThat(UploadChecksTests.refusal(checks(nowhere.toString(), true), Samples.pdf(), "a.pdf", false))
                .isEqualTo("documents.upload.scannerUnavailable");
        var stored = UploadChecksTests.upload(checks(nowhere.toString(), false), Samples.pdf(), "a.pdf", false);
        assertThat(stored.passed().scanned()).isFalse();
        assertThat(UploadChecksTests.refusal(checks("127.0.0.1:1", true), Samples.pdf(), "a.pdf", false))
                .isEqualTo("documents.upload.scannerUnavailable");
    }

    /** clamd that stops in the middle of an upload: refused when required, stored unscanned otherwise. */
    @Test
    void scannerStopsDuringTheUpload() throws Exception {
        var required = checks(socket.toString(), true).begin(new java.io.ByteArrayInputStream(new byte[] {'a', 'b'}), "a.txt", false);
        var optional = checks(socket.toString(), false).begin(new java.io.ByteArrayInputStream(new byte[] {'a', 'b'}), "a.txt", false);
        stop();
        try (required; optional) {
            required.content().readAllBytes();
            optional.content().readAllBytes();
            try {
                required.finish();
                throw new AssertionError("accepted");
            } catch (UploadRefused refused) {
                assertThat(refused.code()).isEqualTo("documents.upload.scannerUnavailable");
            }
            assertThat(optional.finish().scanned()).isFalse();
        } finally {
            startClamd();
        }
    }

    static String md5(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }
}
