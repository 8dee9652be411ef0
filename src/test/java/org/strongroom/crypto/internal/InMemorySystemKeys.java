package org.strongroom.crypto.internal;

import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.strongroom.crypto.VaultSealed;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Parameters;

/**
 * System keys of one fictitious installation, in memory only: for unit tests of what is built on
 * system keys. Sealing behaves like {@link SystemKeys}: the generation moves and nothing is handed
 * out until unsealed.
 */
final class InMemorySystemKeys implements SystemKeySource {

    private final Map<String, KeysetHandle> keysets = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean sealed;

    InMemorySystemKeys() {
        TinkSetup.register();
    }

    @Override
    public KeysetHandle keyset(String purpose, Parameters parameters) {
        if (sealed) {
            throw new VaultSealed();
        }
        return keysets.computeIfAbsent(purpose, p -> {
            try {
                return KeysetHandle.generateNew(parameters);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Override
    public long generation() {
        return generation.get();
    }

    void seal() {
        sealed = true;
        generation.incrementAndGet();
    }

    void unseal() {
        sealed = false;
    }

    /** Like {@code SystemKeys.addPrimaryVersion}: a new primary, older versions kept. */
    void addPrimaryVersion(String purpose, Parameters parameters) throws GeneralSecurityException {
        KeysetHandle current = keyset(purpose, parameters);
        keysets.put(purpose, KeysetHandle.newBuilder(current)
                .addEntry(KeysetHandle.generateEntryFromParameters(parameters).withRandomId().makePrimary())
                .build());
        generation.incrementAndGet();
    }
}
