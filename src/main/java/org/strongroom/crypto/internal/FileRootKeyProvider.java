package org.strongroom.crypto.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.EnumSet;
import java.util.Set;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import org.strongroom.crypto.CryptoConfigurationProblem;

/**
 * The default root key: a Tink AES-256-GCM keyset in {@code keys/root-key.json} inside the data
 * folder, created on first start with 0600 permissions in a 0700 folder. The server refuses to
 * start when the file can be read by anyone but its owner.
 *
 * <p>Keep this file apart from database backups: together they decrypt everything.
 */
final class FileRootKeyProvider implements RootKeyProvider {

    static final String FILE_NAME = "root-key.json";
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final Path keysFolder;

    FileRootKeyProvider(Path keysFolder) {
        this.keysFolder = keysFolder;
    }

    @Override
    public String name() {
        return "file";
    }

    @Override
    public boolean startsSealed() {
        return false;
    }

    Path keyFile() {
        return keysFolder.resolve(FILE_NAME);
    }

    @Override
    public OpenedRootKey open() {
        TinkSetup.register();
        Path file = keyFile();
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            refuseIfShared(file);
            KeysetHandle handle = TinkJsonProtoKeysetFormat.parseKeyset(
                    Files.readString(file, StandardCharsets.UTF_8), InsecureSecretKeyAccess.get());
            return new OpenedRootKey(handle.getPrimitive(RegistryConfiguration.get(), Aead.class),
                    "file:" + Integer.toUnsignedString(handle.getPrimary().getId()));
        } catch (IOException e) {
            throw new CryptoConfigurationProblem("cannot read the root key file " + file + " (" + e.getClass().getSimpleName()
                    + "). Check that it exists and belongs to this user.", e);
        } catch (GeneralSecurityException e) {
            throw new CryptoConfigurationProblem("the root key file " + file + " is not a valid key file. Restore it from "
                    + "your key backup; without it the data cannot be decrypted.", e);
        }
    }

    @Override
    public OpenedRootKey rotate() {
        return rewrite(handle -> {
            KeysetHandle.Builder builder = KeysetHandle.newBuilder(handle);
            builder.addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                    .withRandomId().makePrimary());
            return builder.build();
        });
    }

    @Override
    public OpenedRootKey retireOldVersions() {
        return rewrite(handle -> {
            KeysetHandle.Builder builder = KeysetHandle.newBuilder(handle);
            for (int i = builder.size() - 1; i >= 0; i--) {
                if (!builder.getAt(i).isPrimary()) {
                    builder.deleteAt(i);
                }
            }
            return builder.build();
        });
    }

    private interface KeysetChange {
        KeysetHandle apply(KeysetHandle handle) throws GeneralSecurityException;
    }

    /** Replaces the key file atomically (write, fsync, rename): a crash leaves the old or the new file. */
    private OpenedRootKey rewrite(KeysetChange change) {
        Path file = keyFile();
        try {
            open();
            KeysetHandle current = TinkJsonProtoKeysetFormat.parseKeyset(
                    Files.readString(file, StandardCharsets.UTF_8), InsecureSecretKeyAccess.get());
            KeysetHandle changed = change.apply(current);
            Path temp = keysFolder.resolve(FILE_NAME + ".new");
            Files.deleteIfExists(temp);
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, TinkJsonProtoKeysetFormat.serializeKeyset(changed, InsecureSecretKeyAccess.get()),
                    StandardCharsets.UTF_8);
            try (var channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return open();
        } catch (IOException e) {
            throw new CryptoConfigurationProblem("cannot rewrite the root key file " + file + " ("
                    + e.getClass().getSimpleName() + "); the old file is unchanged.", e);
        } catch (GeneralSecurityException e) {
            throw new CryptoConfigurationProblem("cannot change the root key in " + file + "; the old file is unchanged.", e);
        }
    }

    private void refuseIfShared(Path file) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (permissions.stream().anyMatch(OTHERS::contains)) {
            throw new CryptoConfigurationProblem("the root key file " + file + " is readable by others (mode "
                    + PosixFilePermissions.toString(permissions) + "). Run: chmod 600 " + file);
        }
    }

    private void create(Path file) throws IOException, GeneralSecurityException {
        if (!Files.isDirectory(keysFolder)) {
            try {
                Files.createDirectories(keysFolder.getParent());
                Files.createDirectory(keysFolder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException ignored) {
                // made concurrently
            }
        }
        KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        String json = TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
        Path temp = keysFolder.resolve(FILE_NAME + ".tmp");
        Files.deleteIfExists(temp);
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, json, StandardCharsets.UTF_8);
        try (var channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        // A hard link never replaces an existing file: if another process made a root key in the
        // meantime, its key wins and this one is discarded (rename would overwrite it).
        try {
            Files.createLink(file, temp);
        } catch (FileAlreadyExistsException raced) {
            // keep the existing key
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
