package org.strongroom.crypto.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Optional;

import org.strongroom.crypto.CryptoConfigurationProblem;
import org.strongroom.crypto.VaultSealed;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;

/**
 * The root key in {@code keys/root-key.sealed}, encrypted under an Argon2id-derived key (see
 * {@link SealedKeyFile}). The server starts sealed; the key is opened only through
 * {@link VaultUnsealing}, with the passphrase or with k Shamir shares of the derived key. The file
 * is read again at every attempt, so a file restored from backup needs no restart.
 *
 * <p>The server refuses to start when the file is missing: it is made once, by
 * {@code strongroom keys init-passphrase}, never silently at start-up (a new root key would leave
 * existing data unreadable).
 */
final class PassphraseRootKeyProvider implements RootKeyProvider {

    static final String NAME = "passphrase";

    private final Path file;

    PassphraseRootKeyProvider(Path keysFolder) {
        this.file = keysFolder.resolve(SealedKeyFile.FILE_NAME);
        if (!Files.exists(file)) {
            throw new CryptoConfigurationProblem("the passphrase key provider has no sealed root key at " + file
                    + ". Run 'strongroom keys init-passphrase' to create it, then start the server again.");
        }
        SealedKeyFile.read(file);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean startsSealed() {
        return true;
    }

    /** Always sealed at first: the key opens only with operator input. */
    @Override
    public OpenedRootKey open() {
        throw new VaultSealed();
    }

    /** Reads the file as it is now. */
    SealedKeyFile sealedFile() {
        return SealedKeyFile.read(file);
    }

    /** The root key, if the key-encryption key opens the file. */
    Optional<OpenedRootKey> open(SealedKeyFile sealed, byte[] keyEncryptionKey) {
        return sealed.open(keyEncryptionKey).map(PassphraseRootKeyProvider::opened);
    }

    static OpenedRootKey opened(KeysetHandle handle) {
        TinkSetup.register();
        try {
            return new OpenedRootKey(handle.getPrimitive(RegistryConfiguration.get(), Aead.class),
                    NAME + ":" + Integer.toUnsignedString(handle.getPrimary().getId()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the sealed root keyset holds no usable AEAD key", e);
        }
    }
}
