package org.strongroom.crypto.internal;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.strongroom.crypto.WrongPassphrase;

/**
 * The key ceremonies that run without a server: making the sealed root key file and splitting its
 * key into shares. Reached from the public {@link org.strongroom.crypto.SealedRootKeys}.
 */
public final class SealedKeyFiles {

    private SealedKeyFiles() {
    }

    public static Path create(Path keysFolder, char[] passphrase) {
        byte[] kek = SealedKeyFile.create(keysFolder, passphrase, Argon2idParameters.DEFAULT);
        Arrays.fill(kek, (byte) 0);
        return keysFolder.resolve(SealedKeyFile.FILE_NAME);
    }

    public static List<String> split(Path keysFolder, char[] passphrase, int shares, int threshold) {
        if (threshold < 2 || shares < threshold || shares > 255) {
            throw new IllegalArgumentException("need 2 <= threshold <= shares <= 255, got threshold " + threshold
                    + " and shares " + shares);
        }
        SealedKeyFile sealed = SealedKeyFile.read(keysFolder.resolve(SealedKeyFile.FILE_NAME));
        byte[] kek = sealed.deriveKey(passphrase);
        try {
            if (sealed.open(kek).isEmpty()) {
                throw new WrongPassphrase();
            }
            List<UnsealShare> parts = UnsealShares.split(kek, shares, threshold);
            List<String> texts = parts.stream().map(UnsealShare::text).toList();
            parts.forEach(UnsealShare::wipe);
            return texts;
        } finally {
            Arrays.fill(kek, (byte) 0);
        }
    }

    public static int minimumPassphraseLength() {
        return SealedKeyFile.MIN_PASSPHRASE_LENGTH;
    }
}
