package org.strongroom.operations.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.strongroom.StrongroomApplication;
import org.strongroom.operations.internal.StrongroomCliTests.Run;
import org.strongroom.testing.TestFolders;

/** {@code strongroom keys init-passphrase} and {@code keys split}: no server, one clear line on failure. */
class KeysCommandTests {

    static final String PASSPHRASE = "amber meadow telescope winter";

    static Run run(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CommandLines.create(StrongroomApplication.class, new PrintWriter(out, true), new PrintWriter(err, true),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), null).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void initPassphraseReadsItTwiceFromStandardInputThenSplitPrintsShares() {
        Path folder = TestFolders.fresh("keys-init-stdin");
        Run init = run(PASSPHRASE + "\n" + PASSPHRASE + "\n", "keys", "init-passphrase", "--data-dir=" + folder);
        assertThat(init.exitCode()).as(init.err()).isZero();
        assertThat(init.out()).contains("root-key.sealed", "STRONGROOM_KEYS_PROVIDER=passphrase").doesNotContain(PASSPHRASE);
        assertThat(folder.resolve("keys/root-key.sealed")).exists();

        Run split = run(PASSPHRASE + "\n", "keys", "split", "--shares", "5", "--threshold", "3", "--passphrase-file=-",
                "--data-dir=" + folder);
        assertThat(split.exitCode()).as(split.err()).isZero();
        List<String> shares = split.out().lines().filter(l -> l.startsWith("Share ")).toList();
        assertThat(shares).hasSize(5).allSatisfy(l -> assertThat(l).matches("Share [1-5] of 5: srs1\\..+"));
        assertThat(split.out()).startsWith("Any 3 of these 5 shares unseal the server.");
    }

    @Test
    void initPassphraseRefusesTwoDifferentEntries() {
        Path folder = TestFolders.fresh("keys-init-mismatch");
        Run init = run(PASSPHRASE + "\n" + PASSPHRASE + "!\n", "keys", "init-passphrase", "--data-dir=" + folder);
        assertThat(init.exitCode()).isEqualTo(1);
        assertThat(init.err().lines()).containsExactly("strongroom: the two passphrases are not the same; nothing was changed.");
        assertThat(folder.resolve("keys/root-key.sealed")).doesNotExist();
    }

    @Test
    void initPassphraseRefusesAShortPassphrase() {
        Path folder = TestFolders.fresh("keys-init-short");
        Run init = run("short one\nshort one\n", "keys", "init-passphrase", "--data-dir=" + folder);
        assertThat(init.exitCode()).isEqualTo(2);
        assertThat(init.err().lines()).singleElement().asString().contains("at least 16 characters");
    }

    @Test
    void initPassphraseFromAFileRunsOnceAndThenRefuses() throws IOException {
        Path folder = TestFolders.fresh("keys-init-file");
        Files.createDirectories(folder.getParent());
        Path file = folder.getParent().resolve("keys-init-file-passphrase.txt");
        Files.writeString(file, PASSPHRASE + "\n");
        assertThat(run("", "keys", "init-passphrase", "--passphrase-file=" + file, "--data-dir=" + folder).exitCode()).isZero();
        byte[] first = Files.readAllBytes(folder.resolve("keys/root-key.sealed"));

        Run again = run("", "keys", "init-passphrase", "--passphrase-file=" + file, "--data-dir=" + folder);
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err().lines()).singleElement().asString().contains("already exists");
        assertThat(Files.readAllBytes(folder.resolve("keys/root-key.sealed"))).isEqualTo(first);
    }

    @Test
    void initPassphraseRefusesAFolderWhoseDataIsUnderAFileRootKey() throws IOException {
        Path folder = TestFolders.fresh("keys-init-over-file-key");
        Files.createDirectories(folder.resolve("keys"));
        Files.writeString(folder.resolve("keys/root-key.json"), "{}");
        Run init = run(PASSPHRASE + "\n" + PASSPHRASE + "\n", "keys", "init-passphrase", "--data-dir=" + folder);
        assertThat(init.exitCode()).isEqualTo(1);
        assertThat(init.err().lines()).singleElement().asString().contains("root-key.json", "new data folder");
        assertThat(folder.resolve("keys/root-key.sealed")).doesNotExist();
    }

    @Test
    void splitRefusesAWrongPassphraseInOneLine() {
        Path folder = TestFolders.fresh("keys-split-wrong");
        run(PASSPHRASE + "\n" + PASSPHRASE + "\n", "keys", "init-passphrase", "--data-dir=" + folder);
        Run split = run("not the right passphrase\n", "keys", "split", "--data-dir=" + folder);
        assertThat(split.exitCode()).isEqualTo(1);
        assertThat(split.err().lines()).containsExactly(
                "strongroom: the passphrase does not open the sealed root key; no shares were made.");
        assertThat(split.out()).doesNotContain("srs1.");
    }

    @Test
    void splitRefusesImpossibleCountsAsAUsageError() {
        Run split = run("", "keys", "split", "--shares", "2", "--threshold", "3");
        assertThat(split.exitCode()).isEqualTo(2);
        assertThat(split.err().lines()).singleElement().asString().contains("--threshold must be at least 2 and at most --shares");
    }

    @Test
    void splitWithoutASealedKeyNamesTheCommandToRun() {
        Path folder = TestFolders.fresh("keys-split-none");
        Run split = run(PASSPHRASE + "\n", "keys", "split", "--data-dir=" + folder);
        assertThat(split.exitCode()).isEqualTo(1);
        assertThat(split.err().lines()).singleElement().asString().contains("strongroom keys init-passphrase");
    }

    @Test
    void keysWithoutACommandIsAUsageError() {
        Run keys = run("", "keys");
        assertThat(keys.exitCode()).isEqualTo(2);
        assertThat(keys.err().lines()).singleElement().asString().contains("init-passphrase or split");
    }

    @Test
    void keyAndUnsealCommandsHaveHelp() {
        for (String[] command : new String[][] {{"keys", "init-passphrase"}, {"keys", "split"}, {"unseal"}}) {
            Run help = run("", String.join(" ", command).concat(" --help").split(" "));
            assertThat(help.exitCode()).as(String.join(" ", command)).isZero();
            assertThat(help.out()).contains("Usage: strongroom " + String.join(" ", command));
        }
        assertThat(run("", "--help").out()).contains("keys", "unseal");
    }

    @Test
    void unsealWithoutAServerCertificateSaysWhereItLooked() {
        Path folder = TestFolders.fresh("unseal-no-cert");
        Run unseal = run("some passphrase\n", "unseal", "--passphrase-file=-", "--data-dir=" + folder);
        assertThat(unseal.exitCode()).isEqualTo(1);
        assertThat(unseal.err().lines()).singleElement().asString().contains("server.crt", "does not exist", "--certificate");
    }
}
