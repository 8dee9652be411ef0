package org.strongroom.crypto.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.strongroom.crypto.CryptoFailure;
import org.strongroom.crypto.DecryptionFailed;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.TinkProtoKeysetFormat;

/**
 * Installation-wide keys, one Tink keyset per purpose ({@value #BLIND_INDEX}, {@code secret-box},
 * {@code audit-chain}, {@code audit-signing}), made on first use and stored wrapped by the root key
 * with associated data naming the purpose. Unwrapped keysets are kept in memory until
 * {@link #forget()}; nothing here works while the vault is sealed and the cache is empty.
 */
final class SystemKeys implements SystemKeySource {

    static final String BLIND_INDEX = "blind-index";

    private static final Pattern PURPOSE = Pattern.compile("[a-z][a-z0-9-]{0,63}");

    private final KeyVault vault;
    private final SystemKeyStore store;
    private final Clock clock;
    private final CryptoFailures failures;
    private final Map<String, KeysetHandle> cache = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    SystemKeys(KeyVault vault, SystemKeyStore store, Clock clock, CryptoFailures failures) {
        this.vault = vault;
        this.store = store;
        this.clock = clock;
        this.failures = failures;
        TinkSetup.register();
    }

    @Override
    public KeysetHandle keyset(String purpose, Parameters parameters) {
        if (purpose == null || !PURPOSE.matcher(purpose).matches()) {
            throw new IllegalArgumentException("purpose must be 1-64 lower-case letters, digits or dashes");
        }
        if (parameters == null) {
            throw new IllegalArgumentException("parameters must not be null");
        }
        KeysetHandle cached = cache.get(purpose);
        if (cached == null) {
            long before = generation.get();
            cached = load(purpose, parameters);
            synchronized (this) {
                // a forget() that ran while this thread was loading wins: the key is not cached
                if (generation.get() == before) {
                    KeysetHandle raced = cache.putIfAbsent(purpose, cached);
                    cached = raced != null ? raced : cached;
                }
            }
        }
        if (!cached.getPrimary().getKey().getParameters().equals(parameters)) {
            throw new IllegalStateException("the system key for '" + purpose + "' is not of the requested type");
        }
        return cached;
    }

    @Override
    public long generation() {
        return generation.get();
    }

    /** Drops every unwrapped system key (called when the vault is sealed). */
    void forget() {
        synchronized (this) {
            generation.incrementAndGet();
            cache.clear();
        }
    }

    private KeysetHandle load(String purpose, Parameters parameters) {
        Aead root = vault.rootAead();
        SystemKeyStore.WrappedSystemKey wrapped = store.find(purpose).orElseGet(() -> {
            store.insertIfAbsent(create(purpose, parameters, root), clock.instant());
            // whoever won the insert, everyone uses the row that is there now
            return store.find(purpose).orElseThrow(() ->
                    new IllegalStateException("the system key for '" + purpose + "' vanished after it was stored"));
        });
        try {
            return TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped.keysetCiphertext(), root, wrappingContext(purpose));
        } catch (GeneralSecurityException e) {
            failures.report(new CryptoFailure("system-key.unwrap", null, "authentication_failed"));
            throw new DecryptionFailed();
        }
    }

    private SystemKeyStore.WrappedSystemKey create(String purpose, Parameters parameters, Aead root) {
        try {
            KeysetHandle handle = KeysetHandle.generateNew(parameters);
            return new SystemKeyStore.WrappedSystemKey(purpose, vault.rootKeyId(),
                    TinkProtoKeysetFormat.serializeEncryptedKeyset(handle, root, wrappingContext(purpose)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not generate the system key for '" + purpose + "'", e);
        }
    }

    /** Adds a new primary key version to the purpose's keyset; older versions stay in it. */
    void addPrimaryVersion(String purpose, Parameters parameters) {
        change(purpose, parameters, builder -> builder.addEntry(
                KeysetHandle.generateEntryFromParameters(parameters).withRandomId().makePrimary()));
    }

    /** Removes every version but the primary from the purpose's keyset. */
    void removeOldVersions(String purpose, Parameters parameters) {
        change(purpose, parameters, builder -> {
            for (int i = builder.size() - 1; i >= 0; i--) {
                if (!builder.getAt(i).isPrimary()) {
                    builder.deleteAt(i);
                }
            }
        });
    }

    private synchronized void change(String purpose, Parameters parameters,
                                     java.util.function.Consumer<KeysetHandle.Builder> edit) {
        Aead root = vault.rootAead();
        KeysetHandle current = keyset(purpose, parameters);
        try {
            KeysetHandle.Builder builder = KeysetHandle.newBuilder(current);
            edit.accept(builder);
            KeysetHandle changed = builder.build();
            SystemKeyStore.WrappedSystemKey existing = store.find(purpose).orElseThrow(() ->
                    new IllegalStateException("the system key for '" + purpose + "' is missing"));
            SystemKeyStore.WrappedSystemKey rewritten = new SystemKeyStore.WrappedSystemKey(purpose, vault.rootKeyId(),
                    TinkProtoKeysetFormat.serializeEncryptedKeyset(changed, root, wrappingContext(purpose)));
            if (!store.replaceWrapping(rewritten, existing.rootKeyId(), clock.instant())) {
                throw new IllegalStateException("the system key for '" + purpose + "' changed meanwhile; try again");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not change the system key for '" + purpose + "'", e);
        } finally {
            forget();
        }
    }

    /** System keys still wrapped by an older root key version. */
    int pendingRewrap() {
        return store.wrappedByOtherRoot(vault.rootKeyId()).size();
    }

    /** Re-wraps every system key under the current root key version; returns how many. */
    int rewrapAll() {
        Aead root = vault.rootAead();
        String current = vault.rootKeyId();
        int done = 0;
        for (SystemKeyStore.WrappedSystemKey old : store.wrappedByOtherRoot(current)) {
            try {
                KeysetHandle handle = TinkProtoKeysetFormat.parseEncryptedKeyset(old.keysetCiphertext(), root,
                        wrappingContext(old.purpose()));
                SystemKeyStore.WrappedSystemKey rewrapped = new SystemKeyStore.WrappedSystemKey(old.purpose(), current,
                        TinkProtoKeysetFormat.serializeEncryptedKeyset(handle, root, wrappingContext(old.purpose())));
                if (store.replaceWrapping(rewrapped, old.rootKeyId(), clock.instant())) {
                    done++;
                }
            } catch (GeneralSecurityException e) {
                failures.report(new CryptoFailure("system-key.rewrap", null, "authentication_failed"));
                throw new IllegalStateException("system key '" + old.purpose() + "' does not unwrap with any root key version");
            }
        }
        return done;
    }

    static byte[] wrappingContext(String purpose) {
        return ("strongroom/system-key/v1\0" + purpose).getBytes(StandardCharsets.UTF_8);
    }
}
