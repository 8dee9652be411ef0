package org.strongroom.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.crypto.AuditKeys;
import org.strongroom.crypto.CheckpointSignatures;
import org.strongroom.crypto.KeyManagement;
import org.strongroom.crypto.VaultSealed;
import org.strongroom.testing.TestFolders;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.mac.HmacKey;
import com.google.crypto.tink.signature.Ed25519PrivateKey;

/**
 * The audit keys against a real database: stored wrapped as system keys, read back by a restarted
 * server, refused while sealed, unchanged by a root key rotation. Runs on SQLite here and on
 * PostgreSQL in {@link PostgresAuditKeysIntegrationTests}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@TestPropertySource(properties = {"strongroom.data-dir=target/test-data/audit-keys", "strongroom.keys.rewrap-on-start=false"})
class AuditKeysIntegrationTests {

    static {
        TestFolders.fresh("audit-keys");
    }

    static final byte[] ENTRY = "seq=7|staff:5f0c|client.read|client:9a1e|allowed".getBytes(StandardCharsets.UTF_8);
    static final byte[] CHECKPOINT = "checkpoint|seq=7|head=af93".getBytes(StandardCharsets.UTF_8);

    @Autowired
    AuditKeys auditKeys;
    @Autowired
    SystemKeys systemKeys;
    @Autowired
    KeyVault vault;
    @Autowired
    KeyManagement keyManagement;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;
    @Autowired
    CryptoFailures failures;

    /** The audit keys of a restarted server: empty caches over the same database and root key. */
    TinkAuditKeys afterRestart() {
        return new TinkAuditKeys(new SystemKeys(vault, new SystemKeyStore(jdbc), clock, failures));
    }

    @Test
    void macsAndSignaturesAreTheSameAfterARestart() {
        byte[] mac = auditKeys.chainMac(ENTRY);
        byte[] signature = auditKeys.signCheckpoint(CHECKPOINT);

        TinkAuditKeys restarted = afterRestart();
        assertThat(restarted.chainMac(ENTRY)).isEqualTo(mac);
        assertThat(restarted.checkpointKeyId()).isEqualTo(auditKeys.checkpointKeyId());
        assertThat(restarted.checkpointPublicKey()).isEqualTo(auditKeys.checkpointPublicKey());
        assertThat(restarted.verifyCheckpoint(auditKeys.checkpointKeyId(), CHECKPOINT, signature)).isTrue();
        assertThat(CheckpointSignatures.verify(restarted.checkpointPublicKey(), CHECKPOINT, signature)).isTrue();
        assertThat(rows(TinkAuditKeys.CHAIN)).isEqualTo(1);
        assertThat(rows(TinkAuditKeys.SIGNING)).isEqualTo(1);
    }

    /** Canary: someone who copies the database does not get the chain key or the signing key. */
    @Test
    void storesBothKeysOnlyWrappedByTheRootKey() {
        auditKeys.chainMac(ENTRY);
        auditKeys.signCheckpoint(CHECKPOINT);
        byte[] chainKey = ((HmacKey) systemKeys.keyset(TinkAuditKeys.CHAIN, TinkAuditKeys.CHAIN_KEY_TYPE).getPrimary().getKey())
                .getKeyBytes().toByteArray(InsecureSecretKeyAccess.get());
        byte[] signingKey = ((Ed25519PrivateKey) systemKeys.keyset(TinkAuditKeys.SIGNING, TinkAuditKeys.SIGNING_KEY_TYPE)
                .getPrimary().getKey()).getPrivateKeyBytes().toByteArray(InsecureSecretKeyAccess.get());
        for (String purpose : new String[] {TinkAuditKeys.CHAIN, TinkAuditKeys.SIGNING}) {
            SystemKeyStore.WrappedSystemKey stored = new SystemKeyStore(jdbc).find(purpose)
                    .orElseThrow(() -> new AssertionError("no " + purpose + " row"));
            assertThat(stored.rootKeyId()).isEqualTo(vault.rootKeyId());
            assertThat(SystemKeysIntegrationTests.indexOf(stored.keysetCiphertext(), chainKey)).as(purpose).isEqualTo(-1);
            assertThat(SystemKeysIntegrationTests.indexOf(stored.keysetCiphertext(), signingKey)).as(purpose).isEqualTo(-1);
        }
        assertDatabaseFilesDoNotContain(chainKey);
        assertDatabaseFilesDoNotContain(signingKey);
    }

    /** Attack: using the audit keys after the operator sealed the vault. */
    @Test
    void aSealedVaultRefusesAndForgetsTheKeys() {
        byte[] mac = auditKeys.chainMac(ENTRY);
        byte[] signature = auditKeys.signCheckpoint(CHECKPOINT);
        String keyId = auditKeys.checkpointKeyId();
        KeyVault sealable = new KeyVault(new SealedProvider(), new ClientKeyCache(10, Duration.ofMinutes(1)));
        SystemKeys keys = new SystemKeys(sealable, new SystemKeyStore(jdbc), clock, failures);
        sealable.onSeal(keys::forget);
        TinkAuditKeys audit = new TinkAuditKeys(keys);
        sealable.onSeal(audit::forget);
        assertRefuses(audit, keyId, signature);

        sealable.unseal(new RootKeyProvider.OpenedRootKey(vault.rootAead(), vault.rootKeyId()));
        assertThat(audit.chainMac(ENTRY)).isEqualTo(mac);
        assertThat(audit.verifyCheckpoint(keyId, CHECKPOINT, signature)).isTrue();

        sealable.seal();
        assertRefuses(audit, keyId, signature);
        assertThat(CheckpointSignatures.verify(auditKeys.checkpointPublicKey(), CHECKPOINT, signature))
                .as("offline verification needs no vault").isTrue();
    }

    @Test
    void rootKeyRotationKeepsMacsAndSignatures() {
        byte[] mac = auditKeys.chainMac(ENTRY);
        byte[] signature = auditKeys.signCheckpoint(CHECKPOINT);
        String keyId = auditKeys.checkpointKeyId();
        byte[] publicKey = auditKeys.checkpointPublicKey();

        String newRoot = keyManagement.rotateRoot();
        assertThat(keyManagement.pendingRewrap()).isGreaterThanOrEqualTo(2);
        keyManagement.rewrapBatch(100);
        assertThat(keyManagement.pendingRewrap()).isZero();
        assertThat(new SystemKeyStore(jdbc).find(TinkAuditKeys.CHAIN).orElseThrow(() -> new AssertionError("no chain key"))
                .rootKeyId()).isEqualTo(newRoot);
        assertThat(new SystemKeyStore(jdbc).find(TinkAuditKeys.SIGNING).orElseThrow(() -> new AssertionError("no signing key"))
                .rootKeyId()).isEqualTo(newRoot);

        TinkAuditKeys restarted = afterRestart();
        assertThat(restarted.chainMac(ENTRY)).isEqualTo(mac);
        assertThat(restarted.checkpointKeyId()).isEqualTo(keyId);
        assertThat(restarted.checkpointPublicKey()).isEqualTo(publicKey);
        assertThat(restarted.verifyCheckpoint(keyId, CHECKPOINT, signature)).isTrue();
        assertThat(auditKeys.chainMac(ENTRY)).isEqualTo(mac);
    }

    /** Rotation of the signing key (a new version in the same system key): old checkpoints still verify. */
    @Test
    void checkpointsSignedBeforeASigningKeyRotationStillVerify() {
        byte[] mac = auditKeys.chainMac(ENTRY);
        String oldId = auditKeys.checkpointKeyId();
        byte[] oldSignature = auditKeys.signCheckpoint(CHECKPOINT);

        systemKeys.addPrimaryVersion(TinkAuditKeys.SIGNING, TinkAuditKeys.SIGNING_KEY_TYPE);

        String newId = auditKeys.checkpointKeyId();
        assertThat(newId).isNotEqualTo(oldId);
        assertThat(auditKeys.verifyCheckpoint(oldId, CHECKPOINT, oldSignature)).isTrue();
        assertThat(auditKeys.verifyCheckpoint(newId, CHECKPOINT, auditKeys.signCheckpoint(CHECKPOINT))).isTrue();
        TinkAuditKeys restarted = afterRestart();
        assertThat(restarted.verifyCheckpoint(oldId, CHECKPOINT, oldSignature)).isTrue();
        assertThat(restarted.checkpointKeyId()).isEqualTo(newId);
        assertThat(restarted.chainMac(ENTRY)).isEqualTo(mac);
    }

    private static void assertRefuses(TinkAuditKeys audit, String keyId, byte[] signature) {
        assertThatThrownBy(() -> audit.chainMac(ENTRY)).isInstanceOf(VaultSealed.class);
        assertThatThrownBy(() -> audit.signCheckpoint(CHECKPOINT)).isInstanceOf(VaultSealed.class);
        assertThatThrownBy(() -> audit.verifyCheckpoint(keyId, CHECKPOINT, signature)).isInstanceOf(VaultSealed.class);
        assertThatThrownBy(audit::checkpointKeyId).isInstanceOf(VaultSealed.class);
        assertThatThrownBy(audit::checkpointPublicKey).isInstanceOf(VaultSealed.class);
    }

    void assertDatabaseFilesDoNotContain(byte[] raw) {
        try (var files = Files.list(Path.of("target/test-data/audit-keys"))) {
            int scanned = 0;
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("strongroom.db")).toList()) {
                assertThat(SystemKeysIntegrationTests.indexOf(Files.readAllBytes(file), raw)).as(file.toString()).isEqualTo(-1);
                scanned++;
            }
            assertThat(scanned).isGreaterThanOrEqualTo(1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    long rows(String purpose) {
        return jdbc.sql("SELECT COUNT(*) FROM system_key WHERE purpose = :purpose").param("purpose", purpose)
                .query(Long.class).single();
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
