package org.strongroom.crypto.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.strongroom.crypto.ClientKeyDestroyed;
import org.strongroom.crypto.ClientKeys;
import org.strongroom.crypto.CryptoFailure;
import org.strongroom.crypto.DecryptionFailed;
import org.strongroom.crypto.VaultSealed;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;

/**
 * Client keys as Tink keysets: one AES-256-GCM keyset for fields and one AES-256-GCM-HKDF (1 MiB
 * segments) keyset for documents, each wrapped by the root key with associated data naming the
 * client and the purpose — a wrapped keyset copied to another client's row does not unwrap.
 */
final class TinkClientKeys implements ClientKeys {

    static final Parameters FIELD_KEY = PredefinedAeadParameters.AES256_GCM;
    static final Parameters STREAM_KEY = PredefinedStreamingAeadParameters.AES256_GCM_HKDF_1MB;

    private final KeyVault vault;
    private final ClientKeyStore store;
    private final ClientKeyCache cache;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private final boolean sqlite;
    private final Clock clock;
    private final CryptoFailures failures;

    TinkClientKeys(KeyVault vault, ClientKeyStore store, ClientKeyCache cache, TransactionTemplate transactions,
                   JdbcClient jdbc, DataSource dataSource, Clock clock, CryptoFailures failures) {
        this.vault = vault;
        this.store = store;
        this.cache = cache;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.sqlite = isSqlite(dataSource);
        this.clock = clock;
        this.failures = failures;
        TinkSetup.register();
    }

    @Override
    public void create(UUID clientId) {
        requireClient(clientId);
        Aead root = vault.rootAead();
        transactions.executeWithoutResult(tx -> {
            if (store.isDestroyed(clientId)) {
                throw new ClientKeyDestroyed();
            }
            if (store.find(clientId).isPresent()) {
                return;
            }
            try {
                KeysetHandle fields = KeysetHandle.generateNew(FIELD_KEY);
                KeysetHandle streams = KeysetHandle.generateNew(STREAM_KEY);
                store.insertIfAbsent(wrap(clientId, fields, streams, 1, root), clock.instant());
                // the new client's values are encrypted next, in this transaction: keep the keys at
                // hand instead of reading and unwrapping them again; forgotten if the row rolls back
                cache.put(clientId, new ClientKeyMaterial(fields.getPrimitive(RegistryConfiguration.get(), Aead.class),
                        streams.getPrimitive(RegistryConfiguration.get(), StreamingAead.class), 1));
                if (TransactionSynchronizationManager.isSynchronizationActive()) {
                    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                        @Override
                        public void afterCompletion(int status) {
                            if (status != STATUS_COMMITTED) {
                                cache.forget(clientId);
                            }
                        }
                    });
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("could not generate a client key", e);
            }
        });
    }

    @Override
    public void destroy(UUID clientId) {
        requireClient(clientId);
        transactions.executeWithoutResult(tx -> {
            store.delete(clientId);
            store.insertTombstone(clientId, clock.instant());
        });
        cache.forget(clientId);
        if (sqlite) {
            // secure_delete zeroes the freed page, but the page's old image can still sit in the
            // write-ahead log; a truncating checkpoint moves the zeroed page into the database file
            // and empties the log.
            jdbc.sql("PRAGMA wal_checkpoint(TRUNCATE)").query((rs, n) -> rs.getInt(1)).list();
        }
    }

    @Override
    public int rotate(UUID clientId) {
        requireClient(clientId);
        Aead root = vault.rootAead();
        Integer version = transactions.execute(tx -> {
            ClientKeyStore.WrappedKeys current = existing(clientId);
            try {
                KeysetHandle fields = addPrimary(unwrap(clientId, "field", current.fieldKeyset(), root), FIELD_KEY);
                KeysetHandle streams = addPrimary(unwrap(clientId, "stream", current.streamKeyset(), root), STREAM_KEY);
                int next = current.primaryVersion() + 1;
                if (!store.replace(wrap(clientId, fields, streams, next, root), current.primaryVersion(), clock.instant())) {
                    throw new IllegalStateException("the client key changed during rotation; try again");
                }
                return next;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("could not rotate the client key", e);
            }
        });
        cache.forget(clientId);
        return version;
    }

    @Override
    public State state(UUID clientId) {
        requireClient(clientId);
        if (store.isDestroyed(clientId)) {
            return State.DESTROYED;
        }
        return store.find(clientId).isPresent() ? State.ACTIVE : State.NONE;
    }

    /** The client's unwrapped keys, from the cache or unwrapped now. */
    ClientKeyMaterial material(UUID clientId) {
        Aead root = vault.rootAead();
        ClientKeyMaterial material = cache.get(clientId, id -> unwrapMaterial(id, root));
        if (vault.isSealed()) {
            // sealed while this key was being unwrapped: do not leave it behind in the cache
            cache.forget(clientId);
            throw new VaultSealed();
        }
        return material;
    }

    /**
     * The keys to encrypt with. Unlike decryption, a client without a key is a programming error
     * (create the key with the client), so it is refused plainly rather than as a crypto failure.
     */
    ClientKeyMaterial materialToEncrypt(UUID clientId) {
        vault.rootAead(); // a sealed vault refuses before anything else is looked at
        // the cache first: a cached key exists, and the hot path must not touch the database
        ClientKeyMaterial cached = cache.getIfPresent(clientId);
        if (cached != null) {
            return cached;
        }
        if (store.find(clientId).isEmpty() && !store.isDestroyed(clientId)) {
            throw new IllegalStateException("client " + clientId + " has no key; create it with ClientKeys.create first");
        }
        return material(clientId);
    }

    /** Loads and unwraps the client's keys, bypassing the cache (the cold path). */
    ClientKeyMaterial unwrapMaterial(UUID clientId, Aead root) {
        return unwrapMaterial(existing(clientId), root);
    }

    @Override
    public void preload(java.util.Collection<UUID> clientIds) {
        Aead root = vault.rootAead();
        java.util.List<UUID> missing = clientIds.stream().distinct().filter(id -> cache.getIfPresent(id) == null).toList();
        if (missing.isEmpty()) {
            return;
        }
        for (ClientKeyStore.WrappedKeys wrapped : store.findAll(missing)) {
            try {
                cache.put(wrapped.clientId(), unwrapMaterial(wrapped, root));
            } catch (DecryptionFailed e) {
                // reported already; the read that needs this key fails on its own path
            }
        }
        if (vault.isSealed()) {
            missing.forEach(cache::forget);
            throw new VaultSealed();
        }
    }

    private ClientKeyMaterial unwrapMaterial(ClientKeyStore.WrappedKeys wrapped, Aead root) {
        UUID clientId = wrapped.clientId();
        try {
            KeysetHandle fields = unwrap(clientId, "field", wrapped.fieldKeyset(), root);
            KeysetHandle streams = unwrap(clientId, "stream", wrapped.streamKeyset(), root);
            return new ClientKeyMaterial(fields.getPrimitive(RegistryConfiguration.get(), Aead.class),
                    streams.getPrimitive(RegistryConfiguration.get(), StreamingAead.class), wrapped.primaryVersion());
        } catch (GeneralSecurityException e) {
            failures.report(new CryptoFailure("key.unwrap", clientId, "authentication_failed"));
            throw new DecryptionFailed();
        }
    }

    /** Client keys still wrapped by an older root key version. */
    long pendingRewrap() {
        return store.countWrappedByOtherRoot(vault.rootKeyId());
    }

    /**
     * Re-wraps up to {@code limit} client keys under the current root key version, each in its own
     * transaction; returns how many were done (0 when nothing is left). Safe to stop at any point
     * and to run again: progress is the {@code root_key_id} of each row.
     */
    int rewrapBatch(int limit) {
        Aead root = vault.rootAead();
        String current = vault.rootKeyId();
        int done = 0;
        for (ClientKeyStore.WrappedKeys old : store.wrappedByOtherRoot(current, limit)) {
            try {
                KeysetHandle fields = unwrap(old.clientId(), "field", old.fieldKeyset(), root);
                KeysetHandle streams = unwrap(old.clientId(), "stream", old.streamKeyset(), root);
                ClientKeyStore.WrappedKeys rewrapped = wrap(old.clientId(), fields, streams, old.primaryVersion(), root);
                Boolean stored = transactions.execute(tx -> store.replaceWrapping(rewrapped, old.rootKeyId()));
                if (Boolean.TRUE.equals(stored)) {
                    done++;
                }
            } catch (GeneralSecurityException e) {
                failures.report(new CryptoFailure("key.rewrap", old.clientId(), "authentication_failed"));
                throw new IllegalStateException("client key " + old.clientId() + " does not unwrap with any root key version");
            }
        }
        return done;
    }

    static final String ROTATE_ALL = "rotate-clients";

    /** Starts (or resumes) rotating every client key; returns how many are left. */
    long startRotateAll() {
        Instant cutoff = transactions.execute(tx -> store.startOrResumeJob(ROTATE_ALL, clock.instant()));
        return store.countNotRotatedSince(cutoff);
    }

    /** Rotates up to {@code limit} client keys of the running job; 0 when the job is finished. */
    int rotateAllBatch(int limit) {
        Instant cutoff = store.unfinishedJob(ROTATE_ALL).orElse(null);
        if (cutoff == null) {
            return 0;
        }
        List<UUID> batch = store.notRotatedSince(cutoff, limit);
        for (UUID clientId : batch) {
            rotate(clientId);
        }
        if (batch.isEmpty()) {
            transactions.executeWithoutResult(tx -> store.finishJob(ROTATE_ALL, clock.instant()));
        }
        return batch.size();
    }

    long pendingRotateAll() {
        return store.unfinishedJob(ROTATE_ALL).map(store::countNotRotatedSince).orElse(0L);
    }

    List<ClientKeyStore.VersionCount> versionCounts() {
        return store.versionCounts();
    }

    long destroyedCount() {
        return store.tombstones();
    }

    private ClientKeyStore.WrappedKeys existing(UUID clientId) {
        return store.find(clientId).orElseThrow(() -> {
            if (store.isDestroyed(clientId)) {
                return new ClientKeyDestroyed();
            }
            failures.report(new CryptoFailure("key.load", clientId, "unknown_key"));
            return new DecryptionFailed();
        });
    }

    private static KeysetHandle addPrimary(KeysetHandle handle, Parameters parameters) throws GeneralSecurityException {
        KeysetHandle.Builder builder = KeysetHandle.newBuilder(handle);
        builder.addEntry(KeysetHandle.generateEntryFromParameters(parameters).withRandomId().makePrimary());
        return builder.build();
    }

    private ClientKeyStore.WrappedKeys wrap(UUID clientId, KeysetHandle fields, KeysetHandle streams, int version, Aead root)
            throws GeneralSecurityException {
        return new ClientKeyStore.WrappedKeys(clientId, version, vault.rootKeyId(),
                TinkProtoKeysetFormat.serializeEncryptedKeyset(fields, root, wrappingContext(clientId, "field")),
                TinkProtoKeysetFormat.serializeEncryptedKeyset(streams, root, wrappingContext(clientId, "stream")));
    }

    private static KeysetHandle unwrap(UUID clientId, String purpose, byte[] wrapped, Aead root) throws GeneralSecurityException {
        return TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped, root, wrappingContext(clientId, purpose));
    }

    static byte[] wrappingContext(UUID clientId, String purpose) {
        return ("strongroom/client-key/v1\0" + clientId + "\0" + purpose).getBytes(StandardCharsets.UTF_8);
    }

    private static void requireClient(UUID clientId) {
        if (clientId == null) {
            throw new IllegalArgumentException("clientId must not be null");
        }
    }

    private static boolean isSqlite(DataSource dataSource) {
        try (var connection = dataSource.getConnection()) {
            return connection.getMetaData().getURL().startsWith("jdbc:sqlite:");
        } catch (java.sql.SQLException e) {
            return false;
        }
    }
}
