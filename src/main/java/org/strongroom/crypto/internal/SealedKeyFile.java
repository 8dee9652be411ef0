package org.strongroom.crypto.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.strongroom.crypto.CryptoConfigurationProblem;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

/**
 * {@code keys/root-key.sealed}: the root keyset (Tink AES-256-GCM, binary proto) encrypted with
 * AES-256-GCM under a 32-byte key-encryption key derived with Argon2id from the passphrase.
 *
 * <pre>
 * offset  size  field
 *      0     8  magic "SRSEALED"
 *      8     1  format version (1)
 *      9     4  Argon2id memory, KiB (big-endian)
 *     13     4  Argon2id iterations
 *     17     1  Argon2id parallelism
 *     18    16  salt (random)
 *     34    12  GCM nonce (random)
 *     46     …  ciphertext of the keyset, then the 16-byte tag
 * </pre>
 *
 * The header (bytes 0–33) is the associated data, so an altered parameter, salt or version fails
 * authentication like a wrong passphrase. Parameters outside {@link Argon2idParameters#acceptable()}
 * are refused before any derivation runs.
 */
final class SealedKeyFile {

    static final String FILE_NAME = "root-key.sealed";
    static final int KEY_BYTES = 32;
    static final int SALT_BYTES = 16;
    static final int MIN_PASSPHRASE_LENGTH = 16;
    static final int MAX_PASSPHRASE_LENGTH = 1024;

    private static final byte[] MAGIC = "SRSEALED".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int HEADER_BYTES = 8 + 1 + 4 + 4 + 1 + SALT_BYTES;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int MAX_FILE_BYTES = 64 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final byte[] header;
    private final Argon2idParameters parameters;
    private final byte[] salt;
    private final byte[] nonce;
    private final byte[] ciphertext;

    private SealedKeyFile(byte[] header, Argon2idParameters parameters, byte[] salt, byte[] nonce, byte[] ciphertext) {
        this.header = header;
        this.parameters = parameters;
        this.salt = salt;
        this.nonce = nonce;
        this.ciphertext = ciphertext;
    }

    Argon2idParameters parameters() {
        return parameters;
    }

    /** Reads and checks the file's shape and permissions; the contents stay encrypted. */
    static SealedKeyFile read(Path file) {
        byte[] bytes;
        try {
            if (Files.getPosixFilePermissions(file).stream().anyMatch(OTHERS::contains)) {
                throw new CryptoConfigurationProblem("the sealed root key file " + file + " is readable by others. Run: chmod 600 " + file);
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw notAKeyFile(file);
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CryptoConfigurationProblem("cannot read the sealed root key file " + file + " ("
                    + e.getClass().getSimpleName() + "). Check that it exists and belongs to this user.", e);
        }
        return parse(bytes, file);
    }

    static SealedKeyFile parse(byte[] bytes, Path file) {
        if (bytes.length < HEADER_BYTES + NONCE_BYTES + TAG_BITS / 8
                || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw notAKeyFile(file);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        in.position(MAGIC.length);
        int version = in.get() & 0xff;
        if (version != VERSION) {
            throw new CryptoConfigurationProblem("the sealed root key file " + file + " has format version " + version
                    + ", which this version of Strongroom cannot read.");
        }
        Argon2idParameters parameters = new Argon2idParameters(in.getInt(), in.getInt(), in.get() & 0xff);
        if (!parameters.acceptable()) {
            throw new CryptoConfigurationProblem("the sealed root key file " + file + " asks for Argon2id parameters outside "
                    + "the accepted range (at least m=64 MiB, t=3, p=1); it was altered or is not a Strongroom key file.");
        }
        byte[] salt = new byte[SALT_BYTES];
        in.get(salt);
        byte[] nonce = new byte[NONCE_BYTES];
        in.get(nonce);
        byte[] ciphertext = new byte[in.remaining()];
        in.get(ciphertext);
        return new SealedKeyFile(Arrays.copyOf(bytes, HEADER_BYTES), parameters, salt, nonce, ciphertext);
    }

    private static CryptoConfigurationProblem notAKeyFile(Path file) {
        return new CryptoConfigurationProblem("the sealed root key file " + file + " is not a valid key file. Restore it "
                + "from your key backup; without it the data cannot be decrypted.");
    }

    /** The key-encryption key for a passphrase under this file's salt and parameters. The caller wipes it. */
    byte[] deriveKey(char[] passphrase) {
        return derive(passphrase, salt, parameters);
    }

    /** The root keyset, if {@code keyEncryptionKey} is the right key for this file. */
    Optional<KeysetHandle> open(byte[] keyEncryptionKey) {
        if (keyEncryptionKey.length != KEY_BYTES) {
            return Optional.empty();
        }
        byte[] plaintext = null;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keyEncryptionKey, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(header);
            plaintext = cipher.doFinal(ciphertext);
            return Optional.of(TinkProtoKeysetFormat.parseKeyset(plaintext, InsecureSecretKeyAccess.get()));
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        } finally {
            if (plaintext != null) {
                Arrays.fill(plaintext, (byte) 0);
            }
        }
    }

    /**
     * Writes a new sealed file holding a fresh root keyset. Refuses to replace an existing file:
     * the data encrypted under the old root key would be lost with it.
     *
     * @return the key-encryption key the file was sealed with (for splitting); the caller wipes it
     */
    static byte[] create(Path keysFolder, char[] passphrase, Argon2idParameters parameters) {
        checkPassphrase(passphrase);
        if (!parameters.acceptable()) {
            throw new IllegalArgumentException("Argon2id parameters below the minimum m=64 MiB, t=3, p=1");
        }
        TinkSetup.register();
        Path file = keysFolder.resolve(FILE_NAME);
        if (Files.exists(file)) {
            throw new CryptoConfigurationProblem("a sealed root key already exists at " + file
                    + "; init-passphrase changed nothing. Replacing it would make all data unreadable.");
        }
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] header = ByteBuffer.allocate(HEADER_BYTES).put(MAGIC).put((byte) VERSION).putInt(parameters.memoryKiB())
                .putInt(parameters.iterations()).put((byte) parameters.parallelism()).put(salt).array();
        byte[] kek = derive(passphrase, salt, parameters);
        byte[] keyset = null;
        try {
            KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            keyset = TinkProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(kek, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(header);
            byte[] sealed = cipher.doFinal(keyset);
            byte[] contents = ByteBuffer.allocate(header.length + nonce.length + sealed.length).put(header).put(nonce).put(sealed).array();
            writePrivately(keysFolder, file, contents);
            return kek;
        } catch (GeneralSecurityException e) {
            Arrays.fill(kek, (byte) 0);
            throw new IllegalStateException("could not seal a new root key", e);
        } catch (IOException e) {
            Arrays.fill(kek, (byte) 0);
            throw new CryptoConfigurationProblem("cannot write " + file + " (" + e.getClass().getSimpleName()
                    + "). Check that the data folder belongs to this user.", e);
        } finally {
            if (keyset != null) {
                Arrays.fill(keyset, (byte) 0);
            }
        }
    }

    static void checkPassphrase(char[] passphrase) {
        int length = Character.codePointCount(passphrase, 0, passphrase.length);
        if (length < MIN_PASSPHRASE_LENGTH || passphrase.length > MAX_PASSPHRASE_LENGTH) {
            throw new IllegalArgumentException("the passphrase must have " + MIN_PASSPHRASE_LENGTH + " to "
                    + MAX_PASSPHRASE_LENGTH + " characters");
        }
    }

    private static void writePrivately(Path keysFolder, Path file, byte[] contents) throws IOException {
        if (!Files.isDirectory(keysFolder)) {
            Path dataFolder = keysFolder.toAbsolutePath().getParent();
            if (dataFolder != null && !Files.isDirectory(dataFolder)) {
                Path above = dataFolder.getParent();
                if (above != null) {
                    Files.createDirectories(above);
                }
                createPrivateFolder(dataFolder);
            }
            createPrivateFolder(keysFolder);
        }
        Path temp = keysFolder.resolve(FILE_NAME + ".tmp");
        Files.deleteIfExists(temp);
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.write(temp, contents);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            // A hard link never replaces an existing file (a rename would).
            Files.createLink(file, temp);
        } catch (FileAlreadyExistsException raced) {
            throw new CryptoConfigurationProblem("a sealed root key already exists at " + file + "; nothing was changed.");
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void createPrivateFolder(Path folder) throws IOException {
        try {
            Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException ignored) {
            // made concurrently
        }
    }

    /**
     * Argon2id over the UTF-8 bytes of the NFC-normalised passphrase, so the same words typed on
     * different keyboards or systems (composed or decomposed letters) give the same key.
     */
    static byte[] derive(char[] passphrase, byte[] salt, Argon2idParameters parameters) {
        byte[] secret = utf8(passphrase);
        try {
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                    .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                    .withMemoryAsKB(parameters.memoryKiB())
                    .withIterations(parameters.iterations())
                    .withParallelism(parameters.parallelism())
                    .withSalt(salt)
                    .withAdditional("strongroom/root-key-passphrase/v1".getBytes(StandardCharsets.US_ASCII))
                    .build());
            byte[] key = new byte[KEY_BYTES];
            generator.generateBytes(secret, key);
            return key;
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private static byte[] utf8(char[] passphrase) {
        // Normalizer works on Strings; the normalised copy lives only as long as this call.
        CharSequence normalised = Normalizer.normalize(CharBuffer.wrap(passphrase), Normalizer.Form.NFC);
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(normalised));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return bytes;
    }

    @Override
    public String toString() {
        return "SealedKeyFile[" + parameters + "]";
    }
}
