package org.strongroom.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.strongroom.crypto.ClientKeyDestroyed;
import org.strongroom.crypto.ClientKeys;
import org.strongroom.crypto.CryptoFailure;
import org.strongroom.crypto.CryptoFailureListener;
import org.strongroom.crypto.DecryptionFailed;
import org.strongroom.crypto.EncryptionContext;
import org.strongroom.crypto.FieldCipher;
import org.strongroom.crypto.IndexedField;
import org.strongroom.crypto.KeyManagement;
import org.strongroom.crypto.KeyStatus;
import org.strongroom.crypto.VaultSealed;
import org.strongroom.testing.TestFolders;

/**
 * The field cipher against real client keys in SQLite, with Tink's negative matrix: every way a
 * ciphertext can be moved, cut or altered must fail the same way.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "strongroom.data-dir=target/test-data/field-cipher")
class FieldCipherIntegrationTests {

    static {
        TestFolders.fresh("field-cipher");
    }

    static final EncryptionContext EMAIL = new EncryptionContext("client_profile", "profile-1", "email");
    static final byte[] CANARY = "canary-olena.kovalenko@example.org".getBytes(StandardCharsets.UTF_8);

    @Autowired
    FieldCipher cipher;
    @Autowired
    ClientKeys keys;
    @Autowired
    KeyManagement management;
    @Autowired
    KeyVault vault;
    @Autowired
    RootKeyProvider rootKeyProvider;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ClientKeyCache keyCache;
    @Autowired
    org.strongroom.crypto.BlindIndexes blindIndexes;
    @Autowired
    List<CryptoFailure> failures;

    UUID client;

    @BeforeEach
    void newClient() {
        if (vault.isSealed()) {
            vault.unseal(rootKeyProvider.open());
        }
        failures.clear();
        client = UUID.randomUUID();
        keys.create(client);
    }

    @Test
    void roundTripsValuesOfEverySize() {
        for (int size : new int[] {0, 1, 64, 1024, 16 * 1024}) {
            byte[] plaintext = new byte[size];
            Arrays.fill(plaintext, (byte) 'x');
            assertThat(cipher.decrypt(client, cipher.encrypt(client, plaintext, EMAIL), EMAIL)).isEqualTo(plaintext);
        }
        byte[] ukrainian = "Олена Коваленко".getBytes(StandardCharsets.UTF_8);
        assertThat(cipher.decrypt(client, cipher.encrypt(client, ukrainian, EMAIL), EMAIL)).isEqualTo(ukrainian);
    }

    @Test
    void encryptingTwiceGivesDifferentCiphertexts() {
        assertThat(cipher.encrypt(client, CANARY, EMAIL)).isNotEqualTo(cipher.encrypt(client, CANARY, EMAIL));
    }

    /** Attack: copying a ciphertext to another client's row. */
    @Test
    void valueMovedToAnotherClientDoesNotDecrypt() {
        UUID other = UUID.randomUUID();
        keys.create(other);
        byte[] ciphertext = cipher.encrypt(client, CANARY, EMAIL);
        assertThatThrownBy(() -> cipher.decrypt(other, ciphertext, EMAIL)).isInstanceOf(DecryptionFailed.class);
    }

    /** Attack: copying a ciphertext to another record or another field of the same client. */
    @Test
    void valueMovedToAnotherRecordOrFieldDoesNotDecrypt() {
        byte[] ciphertext = cipher.encrypt(client, CANARY, EMAIL);
        for (EncryptionContext moved : List.of(
                new EncryptionContext("note", "profile-1", "email"),
                new EncryptionContext("client_profile", "profile-2", "email"),
                new EncryptionContext("client_profile", "profile-1", "phone"))) {
            assertThatThrownBy(() -> cipher.decrypt(client, ciphertext, moved)).as(moved.toString())
                    .isInstanceOf(DecryptionFailed.class).hasMessage("decryption failed");
        }
    }

    /** Attack: cutting a ciphertext short at every possible length. */
    @Test
    void everyTruncationFails() {
        byte[] ciphertext = cipher.encrypt(client, "short".getBytes(StandardCharsets.UTF_8), EMAIL);
        for (int length = 0; length < ciphertext.length; length++) {
            byte[] cut = Arrays.copyOf(ciphertext, length);
            assertThatThrownBy(() -> cipher.decrypt(client, cut, EMAIL)).as("length " + length).isInstanceOf(DecryptionFailed.class);
        }
    }

    /** Attack: flipping any single bit of a ciphertext. */
    @Test
    void everyBitFlipFails() {
        byte[] ciphertext = cipher.encrypt(client, "short".getBytes(StandardCharsets.UTF_8), EMAIL);
        for (int bit = 0; bit < ciphertext.length * 8; bit++) {
            byte[] flipped = ciphertext.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThatThrownBy(() -> cipher.decrypt(client, flipped, EMAIL)).as("bit " + bit).isInstanceOf(DecryptionFailed.class);
        }
    }

    @Test
    void appendedBytesFail() {
        byte[] ciphertext = cipher.encrypt(client, CANARY, EMAIL);
        byte[] longer = Arrays.copyOf(ciphertext, ciphertext.length + 1);
        assertThatThrownBy(() -> cipher.decrypt(client, longer, EMAIL)).isInstanceOf(DecryptionFailed.class);
    }

    @Test
    void failuresLookAlikeAndTheirDetailsGoToTheListener() {
        byte[] ciphertext = cipher.encrypt(client, CANARY, EMAIL);
        Throwable wrongContext = catchFailure(() -> cipher.decrypt(client, ciphertext, new EncryptionContext("x", "y", "z")));
        Throwable truncated = catchFailure(() -> cipher.decrypt(client, Arrays.copyOf(ciphertext, 3), EMAIL));
        assertThat(wrongContext.getMessage()).isEqualTo(truncated.getMessage()).isEqualTo("decryption failed");
        assertThat(wrongContext.getStackTrace()).isEmpty();
        assertThat(wrongContext.getCause()).isNull();
        assertThat(failures).extracting(CryptoFailure::reason).containsExactly("authentication_failed", "malformed");
        assertThat(failures).allSatisfy(f -> assertThat(f.clientId()).isEqualTo(client));
    }

    @Test
    void rotationKeepsOldValuesReadableAndEncryptsWithTheNewVersion() {
        byte[] before = cipher.encrypt(client, CANARY, EMAIL);
        assertThat(keys.rotate(client)).isEqualTo(2);
        byte[] after = cipher.encrypt(client, CANARY, EMAIL);
        assertThat(cipher.decrypt(client, before, EMAIL)).isEqualTo(CANARY);
        assertThat(cipher.decrypt(client, after, EMAIL)).isEqualTo(CANARY);
        assertThat(Arrays.copyOf(after, 5)).as("key id prefix changes with the new primary").isNotEqualTo(Arrays.copyOf(before, 5));
        assertThat(keys.rotate(client)).isEqualTo(3);
        assertThat(cipher.decrypt(client, before, EMAIL)).isEqualTo(CANARY);
    }

    @Test
    void destroyedKeyFailsDistinctlyAndForGood() {
        byte[] ciphertext = cipher.encrypt(client, CANARY, EMAIL);
        keys.destroy(client);
        assertThat(keys.state(client)).isEqualTo(ClientKeys.State.DESTROYED);
        assertThatThrownBy(() -> cipher.decrypt(client, ciphertext, EMAIL)).isInstanceOf(ClientKeyDestroyed.class);
        assertThatThrownBy(() -> cipher.encrypt(client, CANARY, EMAIL)).isInstanceOf(ClientKeyDestroyed.class);
        assertThatThrownBy(() -> keys.create(client)).isInstanceOf(ClientKeyDestroyed.class);
        assertThatThrownBy(() -> keys.rotate(client)).isInstanceOf(ClientKeyDestroyed.class);
    }

    /** Canary: after crypto-shredding, the wrapped key is gone from the database file and its WAL. */
    @Test
    void destroyedKeyLeavesNoTraceInTheDatabaseFiles() throws Exception {
        byte[] wrapped = jdbc.sql("SELECT field_keyset_ciphertext FROM client_key WHERE client_id = :id")
                .param("id", client.toString()).query(byte[].class).single();
        byte[] probe = Arrays.copyOfRange(wrapped, wrapped.length - 48, wrapped.length);
        assertThat(occursInDatabaseFiles(probe)).as("probe is found before destruction").isTrue();

        keys.destroy(client);

        assertThat(occursInDatabaseFiles(probe)).as("probe after destruction").isFalse();
    }

    @Test
    void unknownClientFailsLikeAnyOtherCiphertext() {
        byte[] ciphertext = cipher.encrypt(client, CANARY, EMAIL);
        assertThatThrownBy(() -> cipher.decrypt(UUID.randomUUID(), ciphertext, EMAIL)).isInstanceOf(DecryptionFailed.class);
        assertThat(keys.state(UUID.randomUUID())).isEqualTo(ClientKeys.State.NONE);
    }

    @Test
    void encryptingForAClientWithoutAKeyIsRefusedPlainly() {
        UUID keyless = UUID.randomUUID();
        assertThatThrownBy(() -> cipher.encrypt(keyless, CANARY, EMAIL)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has no key");
        assertThat(failures).isEmpty();
    }

    /** Attack: swapping wrapped keysets between two clients' rows in the database. */
    @Test
    void wrappedKeyCopiedToAnotherClientDoesNotUnwrap() {
        UUID victim = UUID.randomUUID();
        keys.create(victim);
        byte[] ciphertext = cipher.encrypt(victim, CANARY, EMAIL);
        UUID attacker = UUID.randomUUID();
        keys.create(attacker);
        jdbc.sql("""
                UPDATE client_key SET field_keyset_ciphertext =
                    (SELECT field_keyset_ciphertext FROM client_key WHERE client_id = :victim)
                WHERE client_id = :attacker
                """).param("victim", victim.toString()).param("attacker", attacker.toString()).update();
        // the attacker's own keys, cached when they were made, would refuse the victim's value anyway;
        // what is tested here is the next unwrap from the database, as after a restart
        keyCache.forget(attacker);
        assertThatThrownBy(() -> cipher.decrypt(attacker, ciphertext, EMAIL)).isInstanceOf(DecryptionFailed.class);
        assertThat(failures).extracting(CryptoFailure::operation).contains("key.unwrap");
    }

    @Test
    void keysLoadedTogetherDecryptTheirClientsValues() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        keys.create(first);
        keys.create(second);
        byte[] one = cipher.encrypt(first, CANARY, EMAIL);
        byte[] two = cipher.encrypt(second, CANARY, EMAIL);
        keyCache.forget(first);
        keyCache.forget(second);

        keys.preload(List.of(first, second, UUID.randomUUID()));

        assertThat(keyCache.getIfPresent(first)).isNotNull();
        assertThat(keyCache.getIfPresent(second)).isNotNull();
        assertThat(cipher.decrypt(first, one, EMAIL)).isEqualTo(CANARY);
        assertThat(cipher.decrypt(second, two, EMAIL)).isEqualTo(CANARY);
        assertThat(failures).isEmpty();
    }

    /** Attack: a swapped wrapped key must not slip into the cache through a batch load. */
    @Test
    void aSwappedKeyIsNotLoadedInABatchAndItsReadStillFails() {
        UUID victim = UUID.randomUUID();
        keys.create(victim);
        byte[] ciphertext = cipher.encrypt(victim, CANARY, EMAIL);
        UUID attacker = UUID.randomUUID();
        keys.create(attacker);
        jdbc.sql("""
                UPDATE client_key SET field_keyset_ciphertext =
                    (SELECT field_keyset_ciphertext FROM client_key WHERE client_id = :victim)
                WHERE client_id = :attacker
                """).param("victim", victim.toString()).param("attacker", attacker.toString()).update();
        keyCache.forget(attacker);

        keys.preload(List.of(attacker));

        assertThat(keyCache.getIfPresent(attacker)).isNull();
        assertThatThrownBy(() -> cipher.decrypt(attacker, ciphertext, EMAIL)).isInstanceOf(DecryptionFailed.class);
        assertThat(failures).extracting(CryptoFailure::operation).contains("key.unwrap");
    }

    @Test
    void sealedVaultRefusesEverything() {
        byte[] ciphertext = cipher.encrypt(client, CANARY, EMAIL);
        blindIndexes.exact(IndexedField.exact("email", 10_000), "a@example.org");
        management.seal();
        assertThat(management.isSealed()).isTrue();
        assertThatThrownBy(() -> cipher.decrypt(client, ciphertext, EMAIL)).isInstanceOf(VaultSealed.class);
        assertThatThrownBy(() -> cipher.encrypt(client, CANARY, EMAIL)).isInstanceOf(VaultSealed.class);
        assertThatThrownBy(() -> keys.create(UUID.randomUUID())).isInstanceOf(VaultSealed.class);
        assertThat(management.status().cachedKeys()).isZero();
        assertThatThrownBy(() -> blindIndexes.exact(IndexedField.exact("email", 10_000), "a@example.org"))
                .as("blind-index keys are forgotten too").isInstanceOf(VaultSealed.class);
        vault.unseal(rootKeyProvider.open());
        assertThat(cipher.decrypt(client, ciphertext, EMAIL)).isEqualTo(CANARY);
    }

    @Test
    void blindIndexKeyRotationKeepsSearchWorkingSideBySide() {
        IndexedField email = IndexedField.exact("email-rotation", 10_000);
        IndexedField name = IndexedField.nameTokens("name-rotation", 10_000);
        String before = blindIndexes.exact(email, "olena@example.org");
        java.util.Set<String> nameBefore = blindIndexes.nameTokens(name, "Olena Kovalenko");
        assertThat(blindIndexes.exactForSearch(email, "olena@example.org")).containsExactly(before);

        management.rotateBlindIndexKey();
        String after = blindIndexes.exact(email, "olena@example.org");
        assertThat(after).isNotEqualTo(before);
        assertThat(blindIndexes.exactForSearch(email, "olena@example.org")).as("new first, old still found")
                .containsExactly(after, before);
        assertThat(blindIndexes.nameTokensForSearch(name, "Олена Коваленко")).containsAll(nameBefore)
                .containsAll(blindIndexes.nameTokens(name, "Olena Kovalenko")).hasSize(4);

        management.retireOldBlindIndexKeys();
        assertThat(blindIndexes.exactForSearch(email, "olena@example.org")).containsExactly(after);
        assertThat(blindIndexes.exact(email, "olena@example.org")).isEqualTo(after);
    }

    @Test
    void statusCountsClientsPerVersionWithoutKeyMaterial() {
        keys.rotate(client);
        KeyStatus status = management.status();
        assertThat(status.provider()).isEqualTo("file");
        assertThat(status.sealed()).isFalse();
        assertThat(status.rootKeyId()).startsWith("file:");
        assertThat(status.clientVersions()).anySatisfy(v -> assertThat(v.version()).isEqualTo(2));
    }

    /** No (key, nonce) pair repeats: a repeated GCM nonce under one key would leak plaintext XORs. */
    @Test
    void noNonceRepeatsOverAMillionEncryptions() {
        Set<ByteBuffer> nonces = new HashSet<>(2_000_000);
        byte[] value = new byte[16];
        for (int i = 0; i < 1_000_000; i++) {
            byte[] ciphertext = cipher.encrypt(client, value, EMAIL);
            nonces.add(ByteBuffer.wrap(Arrays.copyOfRange(ciphertext, 5, 17)));
        }
        assertThat(nonces).hasSize(1_000_000);
    }

    private boolean occursInDatabaseFiles(byte[] probe) throws Exception {
        String needle = HexFormat.of().formatHex(probe);
        List<Path> files = new ArrayList<>();
        try (var list = Files.list(Path.of("target/test-data/field-cipher"))) {
            list.filter(p -> p.getFileName().toString().startsWith("strongroom.db")).forEach(files::add);
        }
        for (Path file : files) {
            if (HexFormat.of().formatHex(Files.readAllBytes(file)).contains(needle)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable catchFailure(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("expected a failure");
    }

    @TestConfiguration
    static class RecordFailures {
        @Bean
        List<CryptoFailure> recordedFailures() {
            return new CopyOnWriteArrayList<>();
        }

        @Bean
        CryptoFailureListener recordingListener(List<CryptoFailure> recordedFailures) {
            return recordedFailures::add;
        }
    }
}
