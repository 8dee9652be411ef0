package org.strongroom.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;

import org.strongroom.testing.MutableClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strongroom.crypto.CryptoConfigurationProblem;
import org.strongroom.crypto.SealedRootKeys;
import org.strongroom.crypto.UnsealResult;
import org.strongroom.crypto.UnsealResult.Reason;
import org.strongroom.crypto.VaultSealed;

/**
 * The sealed root key file: round trip, wrong passphrase, tampering and the header's Argon2id
 * parameters. One file is made per class (each derivation costs 64 MiB and a few hundred ms);
 * tests that alter it work on copies.
 */
class PassphraseRootKeyProviderTests {

    static final char[] PASSPHRASE = "correct horse battery staple, Київ".toCharArray();
    static final int MEMORY_OFFSET = 9;
    static final int SALT_OFFSET = 18;

    @TempDir
    static Path shared;

    static byte[] original;

    @BeforeAll
    static void sealOnce() throws IOException {
        SealedRootKeys.initialise(shared, PASSPHRASE.clone());
        original = Files.readAllBytes(shared.resolve("keys/root-key.sealed"));
    }

    static Path copyWith(Path folder, byte[] contents) throws IOException {
        Path keys = Files.createDirectories(folder.resolve("keys"));
        Path file = keys.resolve(SealedKeyFile.FILE_NAME);
        Files.write(file, contents);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return keys;
    }

    static VaultUnsealing unsealing(Path keys) {
        PassphraseRootKeyProvider provider = new PassphraseRootKeyProvider(keys);
        KeyVault vault = new KeyVault(provider, new ClientKeyCache(10, java.time.Duration.ofMinutes(1)));
        return new VaultUnsealing(vault, provider, new MutableClock(Instant.parse("2026-11-29T12:00:00Z")),
                new CryptoFailures(List.of()), e -> { });
    }

    @Test
    void startsSealedAndUnsealsWithThePassphrase() throws Exception {
        Path keys = shared.resolve("keys");
        PassphraseRootKeyProvider provider = new PassphraseRootKeyProvider(keys);
        KeyVault vault = new KeyVault(provider, new ClientKeyCache(10, java.time.Duration.ofMinutes(1)));
        VaultUnsealing unsealing = new VaultUnsealing(vault, provider, new MutableClock(Instant.EPOCH), new CryptoFailures(List.of()), e -> { });
        assertThat(vault.isSealed()).isTrue();
        assertThatThrownBy(vault::rootAead).isInstanceOf(VaultSealed.class);

        assertThat(unsealing.unseal(PASSPHRASE.clone())).isEqualTo(new UnsealResult.Unsealed());

        assertThat(vault.isSealed()).isFalse();
        assertThat(vault.rootKeyId()).startsWith("passphrase:");
        byte[] ad = "ad".getBytes(StandardCharsets.UTF_8);
        byte[] ciphertext = vault.rootAead().encrypt("key material".getBytes(StandardCharsets.UTF_8), ad);
        vault.seal();
        assertThat(unsealing.unseal(PASSPHRASE.clone())).isEqualTo(new UnsealResult.Unsealed());
        assertThat(new String(vault.rootAead().decrypt(ciphertext, ad), StandardCharsets.UTF_8))
                .as("the same root key opens after sealing again").isEqualTo("key material");
    }

    @Test
    void fileIsOwnerOnlyAndHoldsNoPlainKeyset() throws IOException {
        Path file = shared.resolve("keys/root-key.sealed");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(new String(original, StandardCharsets.ISO_8859_1)).startsWith("SRSEALED")
                .doesNotContain("type.googleapis.com", "AesGcmKey");
    }

    /** Attack: guessing the passphrase. */
    @Test
    void wrongPassphraseIsRefusedAndCounted() {
        VaultUnsealing unsealing = unsealing(shared.resolve("keys"));
        UnsealResult result = unsealing.unseal("correct horse battery staple, Kyiv".toCharArray());
        assertThat(result).isEqualTo(new UnsealResult.Refused(Reason.WRONG_SECRET, java.time.Duration.ZERO));
        assertThat(unsealing.isSealed()).isTrue();
    }

    @Test
    void emptyPassphraseIsRefusedWithoutDerivation() {
        VaultUnsealing unsealing = unsealing(shared.resolve("keys"));
        assertThat(unsealing.unseal(new char[0])).extracting(r -> ((UnsealResult.Refused) r).reason())
                .isEqualTo(Reason.MALFORMED_PASSPHRASE);
    }

    /** Attack: flipping bits in the encrypted keyset, or in the salt, to make the server accept another key. */
    @Test
    void tamperedCiphertextOrSaltIsRefusedLikeAWrongPassphrase(@TempDir Path folder) throws IOException {
        for (int position : new int[] {original.length - 1, original.length - 20, 50, SALT_OFFSET, SALT_OFFSET + 15}) {
            byte[] tampered = original.clone();
            tampered[position] ^= 0x01;
            Path keys = copyWith(folder.resolve("flip-" + position), tampered);
            assertThat(unsealing(keys).unseal(PASSPHRASE.clone())).as("bit flip at " + position)
                    .extracting(r -> ((UnsealResult.Refused) r).reason()).isEqualTo(Reason.WRONG_SECRET);
        }
    }

    /** Attack: a truncated file, or another file put in its place. */
    @Test
    void truncatedOrForeignFileStopsStartUp(@TempDir Path folder) throws IOException {
        for (int length : new int[] {0, 8, 33, 45, 46 + 15}) {
            Path keys = copyWith(folder.resolve("cut-" + length), java.util.Arrays.copyOf(original, length));
            assertThatThrownBy(() -> new PassphraseRootKeyProvider(keys)).as("length " + length)
                    .isInstanceOf(CryptoConfigurationProblem.class).hasMessageContaining("is not a valid key file");
        }
        byte[] foreign = original.clone();
        foreign[0] = 'X';
        Path keys = copyWith(folder.resolve("foreign"), foreign);
        assertThatThrownBy(() -> new PassphraseRootKeyProvider(keys)).isInstanceOf(CryptoConfigurationProblem.class);
    }

    /** Attack: lowering the Argon2id cost in the header so that offline guessing gets cheap. */
    @Test
    void headerParametersBelowTheMinimumAreRefusedBeforeAnyDerivation(@TempDir Path folder) throws IOException {
        int[][] weakened = {{8 * 1024, 3, 1}, {64 * 1024 - 1, 3, 1}, {64 * 1024, 2, 1}, {64 * 1024, 3, 0},
                {Integer.MAX_VALUE, 3, 1}, {64 * 1024, 1000, 1}, {64 * 1024, 3, 200}};
        for (int[] p : weakened) {
            byte[] altered = original.clone();
            ByteBuffer.wrap(altered).putInt(MEMORY_OFFSET, p[0]).putInt(MEMORY_OFFSET + 4, p[1]).put(MEMORY_OFFSET + 8, (byte) p[2]);
            Path keys = copyWith(folder.resolve("params-" + p[0] + "-" + p[1] + "-" + p[2]), altered);
            assertThatThrownBy(() -> new PassphraseRootKeyProvider(keys)).as(java.util.Arrays.toString(p))
                    .isInstanceOf(CryptoConfigurationProblem.class).hasMessageContaining("Argon2id parameters");
        }
    }

    @Test
    void headerRecordsAtLeastTheMinimumParameters() {
        Argon2idParameters stored = SealedKeyFile.parse(original, Path.of("x")).parameters();
        assertThat(stored.memoryKiB()).isGreaterThanOrEqualTo(64 * 1024);
        assertThat(stored.iterations()).isGreaterThanOrEqualTo(3);
        assertThat(stored.parallelism()).isGreaterThanOrEqualTo(1);
    }

    /** Attack: raising the cost in the header (memory exhaustion) is refused too, and so is a changed but in-range cost. */
    @Test
    void changedButAcceptableParametersFailAuthentication(@TempDir Path folder) throws IOException {
        byte[] altered = original.clone();
        ByteBuffer.wrap(altered).putInt(MEMORY_OFFSET, 64 * 1024 + 1024);
        Path keys = copyWith(folder, altered);
        assertThat(unsealing(keys).unseal(PASSPHRASE.clone()))
                .extracting(r -> ((UnsealResult.Refused) r).reason()).isEqualTo(Reason.WRONG_SECRET);
    }

    @Test
    void missingFileStopsStartUpNamingTheCommandToRun(@TempDir Path folder) {
        assertThatThrownBy(() -> new PassphraseRootKeyProvider(folder.resolve("keys")))
                .isInstanceOf(CryptoConfigurationProblem.class)
                .hasMessageContaining("strongroom keys init-passphrase")
                .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1));
    }

    @Test
    void fileReadableByOthersStopsStartUp(@TempDir Path folder) throws IOException {
        Path keys = copyWith(folder, original);
        Files.setPosixFilePermissions(keys.resolve(SealedKeyFile.FILE_NAME), PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> new PassphraseRootKeyProvider(keys)).isInstanceOf(CryptoConfigurationProblem.class)
                .hasMessageContaining("chmod 600");
    }

    @Test
    void initialiseRefusesToReplaceAnExistingFile() throws IOException {
        assertThatThrownBy(() -> SealedRootKeys.initialise(shared, "another passphrase entirely".toCharArray()))
                .isInstanceOf(CryptoConfigurationProblem.class).hasMessageContaining("already exists");
        assertThat(Files.readAllBytes(shared.resolve("keys/root-key.sealed"))).isEqualTo(original);
    }

    @Test
    void initialiseRefusesAShortPassphrase(@TempDir Path folder) {
        assertThatThrownBy(() -> SealedRootKeys.initialise(folder, "too-short".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16");
        assertThat(folder.resolve("keys/root-key.sealed")).doesNotExist();
    }

    @Test
    void theSameWordsTypedComposedOrDecomposedOpenTheFile() {
        // "Київ" with "ї" precomposed (U+0457) in PASSPHRASE; here as "і" + combining diaeresis, which NFC recomposes.
        String decomposed = new String(PASSPHRASE).replace("\u0457", "\u0456\u0308");
        assertThat(decomposed).isNotEqualTo(new String(PASSPHRASE));
        assertThat(unsealing(shared.resolve("keys")).unseal(decomposed.toCharArray())).isEqualTo(new UnsealResult.Unsealed());
    }

    @Test
    void sealedKeyFileToStringHoldsNoSecret() {
        SealedKeyFile file = SealedKeyFile.parse(original, Path.of("x"));
        assertThat(file.toString()).doesNotContain("salt").startsWith("SealedKeyFile[Argon2idParameters[");
    }
}
