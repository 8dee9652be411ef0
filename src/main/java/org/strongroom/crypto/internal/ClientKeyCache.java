package org.strongroom.crypto.internal;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Unwrapped client keys, bounded by count and by age since they were unwrapped, so a heap dump
 * holds at most a recent working set. Emptied when the vault is sealed and for a client whose key
 * is rotated or destroyed.
 */
final class ClientKeyCache {

    private final Cache<UUID, ClientKeyMaterial> cache;

    ClientKeyCache(long maximumSize, Duration maximumAge) {
        this.cache = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(maximumAge).build();
    }

    ClientKeyMaterial get(UUID clientId, Function<UUID, ClientKeyMaterial> unwrap) {
        return cache.get(clientId, unwrap);
    }

    @Nullable ClientKeyMaterial getIfPresent(UUID clientId) {
        return cache.getIfPresent(clientId);
    }

    void put(UUID clientId, ClientKeyMaterial material) {
        cache.put(clientId, material);
    }

    void forget(UUID clientId) {
        cache.invalidate(clientId);
    }

    void clear() {
        cache.invalidateAll();
        cache.cleanUp();
    }

    long size() {
        return cache.estimatedSize();
    }
}
