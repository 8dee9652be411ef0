package org.strongroom.operations.internal;

import java.io.Console;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import org.strongroom.crypto.CryptoConfigurationProblem;
import org.strongroom.crypto.SealedRootKeys;
import org.strongroom.crypto.WrongPassphrase;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code strongroom keys init-passphrase} and {@code keys split}: root key ceremonies for the
 * {@code passphrase} key provider. They work on the data folder alone; no database or server is
 * started. Registered under {@link KeysCommand}.
 */
final class PassphraseKeysCommands {

    private PassphraseKeysCommands() {
    }

    /** The data folder as serve would resolve it without Spring: the option, STRONGROOM_DATA_DIR, or the default. */
    static Path dataFolder(@Nullable String option) {
        String configured = option != null ? option : System.getenv().getOrDefault("STRONGROOM_DATA_DIR", DataFolder.DEFAULT);
        return DataFolder.prepare(configured);
    }

    /** {@code strongroom keys init-passphrase}. */
    @Command(name = "init-passphrase", mixinStandardHelpOptions = true,
            description = {"Creates keys/root-key.sealed: a new root key encrypted under a passphrase",
                    "(Argon2id, m=64 MiB, t=3, p=1). Run it once, before the first",
                    "'strongroom serve' with STRONGROOM_KEYS_PROVIDER=passphrase. Refuses if a root key exists.",
                    "Without --passphrase-file the passphrase is asked for twice (on the terminal, or as two",
                    "lines on standard input)."})
    static final class InitPassphrase implements Callable<Integer> {

        @Option(names = "--passphrase-file", paramLabel = "FILE",
                description = "A file holding the passphrase (trailing newline ignored); '-' reads two lines from standard input.")
        @Nullable String passphraseFile;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "Data folder (default ./strongroom-data, or STRONGROOM_DATA_DIR).")
        @Nullable String dataDir;

        private final PrintWriter out;
        private final PrintWriter err;
        private final InputStream in;
        private final @Nullable Console console;

        InitPassphrase(PrintWriter out, PrintWriter err, InputStream in, @Nullable Console console) {
            this.out = out;
            this.err = err;
            this.in = in;
            this.console = console;
        }

        @Override
        public Integer call() {
            char[] passphrase = null;
            try {
                Path folder = dataFolder(dataDir);
                Path plainKey = folder.resolve("keys").resolve("root-key.json");
                if (Files.exists(plainKey)) {
                    err.println("strongroom: this data folder already has a root key in " + plainKey + " (the 'file' provider);"
                            + " its data would be unreadable under a new key. Converting it is not supported yet: use a new data folder.");
                    return CommandLines.FAILED;
                }
                passphrase = PassphraseInput.read(passphraseFile, true, in, console);
                if (passphrase.length < SealedRootKeys.minimumPassphraseLength()) {
                    err.println("strongroom: use a passphrase of at least " + SealedRootKeys.minimumPassphraseLength()
                            + " characters; a few unrelated words are strong and easy to remember.");
                    return CommandLines.USAGE;
                }
                Path file = SealedRootKeys.initialise(folder, passphrase);
                out.println("Sealed root key written to " + file + ".");
                out.println("Start the server with STRONGROOM_KEYS_PROVIDER=passphrase; it starts sealed."
                        + " Unseal it at https://HOST:PORT/unseal with this passphrase.");
                out.println("Keep the passphrase safe: without it (or enough shares from 'strongroom keys split')"
                        + " nothing can be decrypted.");
                return 0;
            } catch (StartupProblem | CryptoConfigurationProblem problem) {
                err.println("strongroom: " + CommandLines.oneLine(problem.getMessage()) + ".");
                return CommandLines.FAILED;
            } catch (IllegalArgumentException invalid) {
                err.println("strongroom: " + CommandLines.oneLine(invalid.getMessage()) + ".");
                return CommandLines.USAGE;
            } finally {
                if (passphrase != null) {
                    Arrays.fill(passphrase, '\0');
                }
            }
        }
    }

    /** {@code strongroom keys split}. */
    @Command(name = "split", mixinStandardHelpOptions = true,
            description = {"Splits the key that the passphrase derives into N shares, any K of which unseal",
                    "the server instead of the passphrase (Shamir's secret sharing). The shares are printed",
                    "once and never stored: give one to each custodian. They work only together with",
                    "keys/root-key.sealed, and stop working if that file is made again."})
    static final class Split implements Callable<Integer> {

        @Option(names = "--shares", paramLabel = "N", defaultValue = "5", description = "How many shares to make (2-255, default 5).")
        int shares;

        @Option(names = "--threshold", paramLabel = "K", defaultValue = "3",
                description = "How many shares unseal (2-N, default 3).")
        int threshold;

        @Option(names = "--passphrase-file", paramLabel = "FILE",
                description = "A file holding the passphrase (trailing newline ignored); '-' reads one line from standard input.")
        @Nullable String passphraseFile;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "Data folder (default ./strongroom-data, or STRONGROOM_DATA_DIR).")
        @Nullable String dataDir;

        private final PrintWriter out;
        private final PrintWriter err;
        private final InputStream in;
        private final @Nullable Console console;

        Split(PrintWriter out, PrintWriter err, InputStream in, @Nullable Console console) {
            this.out = out;
            this.err = err;
            this.in = in;
            this.console = console;
        }

        @Override
        public Integer call() {
            if (threshold < 2 || shares < threshold || shares > 255) {
                err.println("strongroom: --threshold must be at least 2 and at most --shares, and --shares at most 255"
                        + " (got --shares " + shares + " --threshold " + threshold + "). Run 'strongroom keys split --help' for usage.");
                return CommandLines.USAGE;
            }
            char[] passphrase = null;
            try {
                Path folder = dataFolder(dataDir);
                if (!Files.exists(folder.resolve("keys").resolve("root-key.sealed"))) {
                    err.println("strongroom: there is no sealed root key in " + folder.resolve("keys")
                            + ". Run 'strongroom keys init-passphrase' first.");
                    return CommandLines.FAILED;
                }
                passphrase = PassphraseInput.read(passphraseFile, false, in, console);
                List<String> texts = SealedRootKeys.split(folder, passphrase, shares, threshold);
                out.println("Any " + threshold + " of these " + shares + " shares unseal the server. They are shown"
                        + " only now; give each to a different custodian.");
                for (int i = 0; i < texts.size(); i++) {
                    out.println("Share " + (i + 1) + " of " + shares + ": " + texts.get(i));
                }
                return 0;
            } catch (WrongPassphrase wrong) {
                err.println("strongroom: the passphrase does not open the sealed root key; no shares were made.");
                return CommandLines.FAILED;
            } catch (StartupProblem | CryptoConfigurationProblem problem) {
                err.println("strongroom: " + CommandLines.oneLine(problem.getMessage()) + ".");
                return CommandLines.FAILED;
            } finally {
                if (passphrase != null) {
                    Arrays.fill(passphrase, '\0');
                }
            }
        }
    }
}
