package org.strongroom.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * SoftHSM2 tokens of this test run. SoftHSM2 reads its configuration only from the file named by
 * the environment variable {@code SOFTHSM2_CONF} (else {@code /etc/softhsm/softhsm2.conf}), and only
 * when the library is first initialised in a process. Surefire sets the variable to
 * {@code target/softhsm/softhsm2.conf} (pom.xml); the first call here writes that file with a fresh
 * token folder next to it and initialises two tokens with {@code softhsm2-util}, before any test
 * loads the library. Nothing outside {@code target/} is touched, so the tests need no root and
 * leave the machine's own tokens alone.
 */
public final class SoftHsm {

    public static final Path LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    private static final Path UTIL = Path.of("/usr/bin/softhsm2-util");

    /** A token and its user PIN. */
    public record Token(String label, String pin) {
        @Override
        public String toString() {
            return "Token[" + label + "]";
        }
    }

    /**
     * @param main      the token the tests use
     * @param untouched a token nobody logs in to: PKCS#11 login is per process, and once a token is
     *                  logged in SunPKCS11 accepts any PIN for it, so wrong-PIN tests need their own
     */
    public record Tokens(Token main, Token untouched) {
    }

    private static Tokens tokens;

    private SoftHsm() {
    }

    public static synchronized Tokens tokens() {
        if (tokens == null) {
            tokens = initialise();
        }
        return tokens;
    }

    private static Tokens initialise() {
        String conf = System.getenv("SOFTHSM2_CONF");
        if (conf == null || conf.isBlank()) {
            throw new IllegalStateException("SOFTHSM2_CONF is not set: run the PKCS#11 tests through Maven (surefire sets it in pom.xml)");
        }
        if (!Files.isRegularFile(LIBRARY) || !Files.isExecutable(UTIL)) {
            throw new IllegalStateException("SoftHSM2 is not installed: apt-get install softhsm2 (.ci/run does)");
        }
        Path confFile = Path.of(conf).toAbsolutePath();
        Path tokenFolder = confFile.resolveSibling("tokens");
        try {
            TestFolders.delete(confFile.getParent());
            Files.createDirectories(tokenFolder);
            Files.writeString(confFile, String.join("\n",
                    "directories.tokendir = " + tokenFolder,
                    "objectstore.backend = file",
                    "log.level = ERROR",
                    "slots.removable = false",
                    ""), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String run = HexFormat.of().formatHex(randomBytes(4));
        Tokens made = new Tokens(new Token("strongroom-test-" + run, randomPin()), new Token("strongroom-untouched-" + run, randomPin()));
        initToken(made.main(), confFile);
        initToken(made.untouched(), confFile);
        return made;
    }

    /** Writes a PIN file readable only by its owner, as an operator would. */
    public static Path pinFile(Path folder, String pin) {
        try {
            Files.createDirectories(folder);
            Path file = folder.resolve("pkcs11-pin");
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, pin + "\n", StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void initToken(Token token, Path confFile) {
        ProcessBuilder builder = new ProcessBuilder(UTIL.toString(), "--init-token", "--free", "--label", token.label(),
                "--pin", token.pin(), "--so-pin", randomPin()).redirectErrorStream(true);
        builder.environment().put("SOFTHSM2_CONF", confFile.toString());
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("softhsm2-util could not initialise " + token + ": " + output.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while initialising " + token, e);
        }
    }

    private static String randomPin() {
        return HexFormat.of().formatHex(randomBytes(6));
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
