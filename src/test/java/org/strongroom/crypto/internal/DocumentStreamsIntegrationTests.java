package org.strongroom.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.strongroom.crypto.internal.TinkDocumentStreamsTests.decrypt;
import static org.strongroom.crypto.internal.TinkDocumentStreamsTests.encrypt;
import static org.strongroom.crypto.internal.TinkDocumentStreamsTests.randomBytes;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.strongroom.crypto.ClientKeyDestroyed;
import org.strongroom.crypto.ClientKeys;
import org.strongroom.crypto.CryptoFailure;
import org.strongroom.crypto.CryptoFailureListener;
import org.strongroom.crypto.DecryptionFailed;
import org.strongroom.crypto.DocumentContext;
import org.strongroom.crypto.DocumentStreams;
import org.strongroom.crypto.VaultSealed;
import org.strongroom.testing.TestFolders;

import com.google.crypto.tink.StreamingAead;

/**
 * Document streams through the wired beans: client keys stored in the database, wrapped by the
 * file root key; rotation, destruction, sealing and the audit listener.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "strongroom.data-dir=target/test-data/document-streams")
class DocumentStreamsIntegrationTests {

    static {
        TestFolders.fresh("document-streams");
    }

    static final DocumentContext CONTEXT = new DocumentContext(UUID.fromString("3d4c2b1a-0f9e-4d8c-a7b6-5e4f3a2b1c0d"), 1);
    /** Two and a half segments. */
    static final byte[] DOCUMENT = randomBytes(5 * TinkDocumentStreams.CIPHERTEXT_SEGMENT_SIZE / 2, 11);

    @Autowired
    DocumentStreams streams;
    @Autowired
    ClientKeys keys;
    @Autowired
    TinkClientKeys clientKeys;
    @Autowired
    CryptoFailures failures;
    @Autowired
    KeyVault vault;
    @Autowired
    RootKeyProvider rootKeyProvider;
    @Autowired
    RecordedFailures recorded;

    @BeforeEach
    void forgetFailures() {
        recorded.clear();
    }

    @Test
    void roundTripsUnderTheClientsKey() throws Exception {
        UUID client = newClient();
        byte[] stored = encrypt(streams, client, CONTEXT, DOCUMENT);
        assertThat(decrypt(streams, client, CONTEXT, stored)).isEqualTo(DOCUMENT);
        assertThat(recorded.failures()).isEmpty();
    }

    @Test
    void streamWrittenBeforeRotationStillDecryptsAndNewStreamsUseTheNewPrimary() throws Exception {
        UUID client = newClient();
        StreamingAead firstKeyOnly = clientKeys.material(client).documents();
        byte[] before = encrypt(streams, client, CONTEXT, DOCUMENT);

        assertThat(keys.rotate(client)).isEqualTo(2);

        assertThat(decrypt(streams, client, CONTEXT, before)).isEqualTo(DOCUMENT);
        byte[] after = encrypt(streams, client, CONTEXT, DOCUMENT);
        assertThat(decrypt(streams, client, CONTEXT, after)).isEqualTo(DOCUMENT);
        DocumentStreams withFirstKeyOnly = new TinkDocumentStreams(id -> firstKeyOnly, failures);
        assertThat(decrypt(withFirstKeyOnly, client, CONTEXT, before)).isEqualTo(DOCUMENT);
        assertThatThrownBy(() -> decrypt(withFirstKeyOnly, client, CONTEXT, after)).isInstanceOf(DecryptionFailed.class);
    }

    /** Crypto-shredding: once a client's key is destroyed, no stored stream reads and none can be written. */
    @Test
    void destroyedKeyRefusesBothDirections() throws Exception {
        UUID client = newClient();
        byte[] stored = encrypt(streams, client, CONTEXT, DOCUMENT);
        keys.destroy(client);
        assertThatThrownBy(() -> streams.decrypting(client, CONTEXT, new ByteArrayInputStream(stored)))
                .isInstanceOf(ClientKeyDestroyed.class);
        assertThatThrownBy(() -> streams.encrypting(client, CONTEXT, new ByteArrayOutputStream()))
                .isInstanceOf(ClientKeyDestroyed.class);
    }

    /**
     * Attack: serving one client's stored document for another client's request with the same
     * document id and version. The audit listener gets the operation, the client and a reason
     * code, and nothing else: no key material, ciphertext or Tink state.
     */
    @Test
    void decryptWhenOtherClientThenFailsAndTheListenerGetsOnlyTheReason() throws Exception {
        UUID owner = newClient();
        UUID other = newClient();
        byte[] stored = encrypt(streams, owner, CONTEXT, DOCUMENT);
        assertThatThrownBy(() -> decrypt(streams, other, CONTEXT, stored)).isInstanceOf(DecryptionFailed.class);
        assertThat(recorded.failures()).containsExactly(new CryptoFailure("document.decrypt", other, "authentication_failed"));
    }

    @Test
    void streamTooShortToBeACiphertextIsReportedAsMalformed() throws Exception {
        UUID client = newClient();
        byte[] stored = encrypt(streams, client, CONTEXT, DOCUMENT);
        assertThatThrownBy(() -> decrypt(streams, client, CONTEXT, Arrays.copyOf(stored, 20))).isInstanceOf(DecryptionFailed.class);
        assertThat(recorded.failures()).containsExactly(new CryptoFailure("document.decrypt", client, "malformed"));
    }

    @Test
    void sealedVaultRefusesStreamsUntilUnsealed() throws Exception {
        UUID client = newClient();
        byte[] stored = encrypt(streams, client, CONTEXT, DOCUMENT);
        vault.seal();
        try {
            assertThatThrownBy(() -> streams.decrypting(client, CONTEXT, new ByteArrayInputStream(stored)))
                    .isInstanceOf(VaultSealed.class);
            assertThatThrownBy(() -> streams.encrypting(client, CONTEXT, new ByteArrayOutputStream()))
                    .isInstanceOf(VaultSealed.class);
        } finally {
            vault.unseal(rootKeyProvider.open());
        }
        assertThat(decrypt(streams, client, CONTEXT, stored)).isEqualTo(DOCUMENT);
    }

    private UUID newClient() {
        UUID client = UUID.randomUUID();
        keys.create(client);
        return client;
    }

    /** Collects what the crypto module reports, as the audit trail will. */
    static final class RecordedFailures implements CryptoFailureListener {
        private final List<CryptoFailure> failures = new CopyOnWriteArrayList<>();

        @Override
        public void onFailure(CryptoFailure failure) {
            failures.add(failure);
        }

        List<CryptoFailure> failures() {
            return List.copyOf(failures);
        }

        void clear() {
            failures.clear();
        }
    }

    @TestConfiguration
    static class Listeners {
        @Bean
        RecordedFailures recordedFailures() {
            return new RecordedFailures();
        }
    }
}
