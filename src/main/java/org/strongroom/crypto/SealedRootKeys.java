package org.strongroom.crypto;

import java.nio.file.Path;
import java.util.List;

import org.strongroom.crypto.internal.SealedKeyFiles;

/**
 * Key ceremonies for the {@code passphrase} root key provider, run by an operator with the server
 * stopped or running; they need only the data folder, not a database.
 *
 * <p>What is split into shares is the 32-byte key derived from the passphrase with Argon2id — not
 * the root keyset itself. So k shares alone are useless without the sealed file (two things to
 * steal, not one), shares are small enough to type, and unsealing with shares skips the slow
 * derivation. Shares stop working if the file is re-made under another passphrase.
 */
public final class SealedRootKeys {

    private SealedRootKeys() {
    }

    /** The fewest characters a root passphrase may have. */
    public static int minimumPassphraseLength() {
        return SealedKeyFiles.minimumPassphraseLength();
    }

    /**
     * Creates {@code keys/root-key.sealed} with a new root key under this passphrase. Refuses
     * (with {@link CryptoConfigurationProblem}) when the file exists.
     *
     * @return the file written
     */
    public static Path initialise(Path dataFolder, char[] passphrase) {
        return SealedKeyFiles.create(dataFolder.resolve("keys"), passphrase);
    }

    /**
     * Splits the passphrase-derived key into {@code shares} texts of which any {@code threshold}
     * unseal the server. Shown once; Strongroom keeps no copy.
     *
     * @throws WrongPassphrase when the passphrase does not open the sealed file
     */
    public static List<String> split(Path dataFolder, char[] passphrase, int shares, int threshold) {
        return SealedKeyFiles.split(dataFolder.resolve("keys"), passphrase, shares, threshold);
    }
}
