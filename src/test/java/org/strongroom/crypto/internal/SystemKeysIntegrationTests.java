package org.strongroom.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.crypto.BlindIndexes;
import org.strongroom.crypto.DecryptionFailed;
import org.strongroom.crypto.IndexedField;
import org.strongroom.crypto.VaultSealed;
import org.strongroom.testing.TestFolders;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.prf.HkdfPrfKey;
import com.google.crypto.tink.prf.PrfSet;

/**
 * System keys against a real database: made once, stored wrapped, read back by a fresh instance.
 * Runs on SQLite here and on PostgreSQL in {@link PostgresSystemKeysIntegrationTests}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@TestPropertySource(properties = "strongroom.data-dir=target/test-data/blind-index")
class SystemKeysIntegrationTests {

    static {
        TestFolders.fresh("blind-index");
    }

    static final IndexedField EMAIL = IndexedField.exact("client.email", 1_000_000);

    @Autowired
    SystemKeys systemKeys;
    @Autowired
    BlindIndexes blindIndexes;
    @Autowired
    KeyVault vault;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;
    @Autowired
    CryptoFailures failures;

    /** A SystemKeys with an empty cache over the same database: what a restarted server has. */
    SystemKeys afterRestart() {
        return new SystemKeys(vault, new SystemKeyStore(jdbc), clock, failures);
    }

    @Test
    void createsTheKeyOnceAndReadsTheSameKeyAfterARestart() throws Exception {
        KeysetHandle first = systemKeys.keyset(SystemKeys.BLIND_INDEX, TinkBlindIndexes.KEY_TYPE);
        assertThat(systemKeys.keyset(SystemKeys.BLIND_INDEX, TinkBlindIndexes.KEY_TYPE)).isSameAs(first);
        assertThat(rows(SystemKeys.BLIND_INDEX)).isEqualTo(1);

        KeysetHandle reread = afterRestart().keyset(SystemKeys.BLIND_INDEX, TinkBlindIndexes.KEY_TYPE);
        assertThat(reread).isNotSameAs(first);
        assertThat(prfOutput(reread)).isEqualTo(prfOutput(first));
        assertThat(rows(SystemKeys.BLIND_INDEX)).isEqualTo(1);
    }

    @Test
    void blindIndexesAreTheSameAfterARestart() {
        String before = blindIndexes.exact(EMAIL, "olena@example.org");
        assertThat(new TinkBlindIndexes(afterRestart()).exact(EMAIL, "olena@example.org")).isEqualTo(before);
    }

    @Test
    void storesTheKeyOnlyWrappedAndNamesTheRootKeyThatWrappedIt() throws Exception {
        byte[] raw = rawKey(systemKeys.keyset(SystemKeys.BLIND_INDEX, TinkBlindIndexes.KEY_TYPE));
        SystemKeyStore.WrappedSystemKey stored = new SystemKeyStore(jdbc).find(SystemKeys.BLIND_INDEX).orElseThrow(
                () -> new AssertionError("no blind-index row"));
        assertThat(raw).hasSize(32);
        assertThat(indexOf(stored.keysetCiphertext(), raw)).isEqualTo(-1);
        assertThat(stored.rootKeyId()).isEqualTo(vault.rootKeyId());
        assertThat(stored.toString()).doesNotContain(new String(stored.keysetCiphertext(), StandardCharsets.ISO_8859_1));
    }

    /** Canary: someone who copies the database files (and WAL) does not get the blind-index key. */
    @Test
    void rawKeyNeverReachesTheDatabaseFiles() throws Exception {
        byte[] raw = rawKey(systemKeys.keyset(SystemKeys.BLIND_INDEX, TinkBlindIndexes.KEY_TYPE));
        int scanned = 0;
        try (var files = Files.list(Path.of("target/test-data/blind-index"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("strongroom.db")).toList()) {
                assertThat(indexOf(Files.readAllBytes(file), raw)).as(file.toString()).isEqualTo(-1);
                scanned++;
            }
        }
        assertThat(scanned).isGreaterThanOrEqualTo(1);
    }

    /** Attack: racing first use on several servers or threads to end up with two different keys. */
    @Test
    void concurrentFirstCreationEndsWithOneKey() throws Exception {
        String purpose = "race-test";
        int threads = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<String>> attempts = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                SystemKeys own = afterRestart();
                attempts.add(() -> {
                    start.await();
                    return java.util.HexFormat.of().formatHex(prfOutput(own.keyset(purpose, TinkBlindIndexes.KEY_TYPE)));
                });
            }
            List<Future<String>> results = new ArrayList<>();
            for (Callable<String> attempt : attempts) {
                results.add(pool.submit(attempt));
            }
            start.countDown();
            Set<String> keys = new HashSet<>();
            for (Future<String> result : results) {
                keys.add(result.get());
            }
            assertThat(keys).hasSize(1);
            assertThat(rows(purpose)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Attack: copying one purpose's wrapped key into another purpose's row (key substitution). */
    @Test
    void aWrappedKeyCopiedToAnotherPurposeDoesNotUnwrap() {
        systemKeys.keyset(SystemKeys.BLIND_INDEX, TinkBlindIndexes.KEY_TYPE);
        afterRestart().keyset("copy-target", TinkBlindIndexes.KEY_TYPE);
        jdbc.sql("""
                UPDATE system_key
                SET keyset_ciphertext = (SELECT keyset_ciphertext FROM system_key WHERE purpose = 'blind-index')
                WHERE purpose = 'copy-target'
                """).update();
        assertThatThrownBy(() -> afterRestart().keyset("copy-target", TinkBlindIndexes.KEY_TYPE))
                .isInstanceOf(DecryptionFailed.class)
                .hasMessage("decryption failed");
    }

    @Test
    void refusesAKeyOfAnotherTypeThanTheStoredOne() {
        systemKeys.keyset(SystemKeys.BLIND_INDEX, TinkBlindIndexes.KEY_TYPE);
        assertThatIllegalStateException()
                .isThrownBy(() -> systemKeys.keyset(SystemKeys.BLIND_INDEX, PredefinedAeadParameters.AES256_GCM))
                .withMessageContaining("blind-index");
    }

    @Test
    void refusesPurposesThatAreNotSimpleNames() {
        for (String purpose : new String[] {"", "Blind-Index", "blind index", "blind'--", "a".repeat(65)}) {
            assertThatIllegalArgumentException().isThrownBy(() -> systemKeys.keyset(purpose, TinkBlindIndexes.KEY_TYPE))
                    .withMessageContaining("purpose");
        }
    }

    /** Attack: using system keys after the operator sealed the vault. */
    @Test
    void nothingIsUnwrappedWhileSealedAndForgottenKeysStayGone() throws Exception {
        systemKeys.keyset(SystemKeys.BLIND_INDEX, TinkBlindIndexes.KEY_TYPE);
        KeyVault sealable = new KeyVault(new SealedProvider(), new ClientKeyCache(10, Duration.ofMinutes(1)));
        SystemKeys keys = new SystemKeys(sealable, new SystemKeyStore(jdbc), clock, failures);
        assertThatThrownBy(() -> keys.keyset(SystemKeys.BLIND_INDEX, TinkBlindIndexes.KEY_TYPE)).isInstanceOf(VaultSealed.class);

        sealable.unseal(new RootKeyProvider.OpenedRootKey(vault.rootAead(), vault.rootKeyId()));
        KeysetHandle opened = keys.keyset(SystemKeys.BLIND_INDEX, TinkBlindIndexes.KEY_TYPE);
        assertThat(prfOutput(opened)).isEqualTo(prfOutput(systemKeys.keyset(SystemKeys.BLIND_INDEX, TinkBlindIndexes.KEY_TYPE)));
        long generation = keys.generation();

        sealable.seal();
        keys.forget();
        assertThat(keys.generation()).isGreaterThan(generation);
        assertThatThrownBy(() -> keys.keyset(SystemKeys.BLIND_INDEX, TinkBlindIndexes.KEY_TYPE)).isInstanceOf(VaultSealed.class);
        assertThatThrownBy(() -> new TinkBlindIndexes(keys).exact(EMAIL, "olena@example.org")).isInstanceOf(VaultSealed.class);
    }

    long rows(String purpose) {
        return jdbc.sql("SELECT COUNT(*) FROM system_key WHERE purpose = :purpose").param("purpose", purpose)
                .query(Long.class).single();
    }

    private static byte[] prfOutput(KeysetHandle handle) throws Exception {
        return handle.getPrimitive(RegistryConfiguration.get(), PrfSet.class)
                .computePrimary("probe".getBytes(StandardCharsets.UTF_8), 32);
    }

    static byte[] rawKey(KeysetHandle handle) {
        return ((HkdfPrfKey) handle.getPrimary().getKey()).getKeyBytes().toByteArray(InsecureSecretKeyAccess.get());
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static final class SealedProvider implements RootKeyProvider {
        @Override
        public String name() {
            return "test-sealed";
        }

        @Override
        public boolean startsSealed() {
            return true;
        }

        @Override
        public OpenedRootKey open() {
            throw new VaultSealed();
        }
    }
}
