package org.strongroom.crypto.internal;

import java.util.function.Consumer;

import org.strongroom.crypto.KeyEvent;

import org.strongroom.crypto.KeyManagement;
import org.strongroom.crypto.KeyStatus;

final class TinkKeyManagement implements KeyManagement {

    private final KeyVault vault;
    private final TinkClientKeys keys;
    private final ClientKeyCache cache;
    private final SystemKeys systemKeys;
    private final Consumer<KeyEvent> events;

    TinkKeyManagement(KeyVault vault, TinkClientKeys keys, ClientKeyCache cache, SystemKeys systemKeys,
                      Consumer<KeyEvent> events) {
        this.vault = vault;
        this.keys = keys;
        this.cache = cache;
        this.systemKeys = systemKeys;
        this.events = events;
    }

    @Override
    public KeyStatus status() {
        return new KeyStatus(vault.providerName(), vault.isSealed(), vault.isSealed() ? "" : vault.rootKeyId(),
                keys.versionCounts().stream().map(v -> new KeyStatus.VersionCount(v.version(), v.clients())).toList(),
                keys.destroyedCount(), cache.size(), vault.isSealed() ? 0 : pendingRewrap(), keys.pendingRotateAll());
    }

    @Override
    public String rotateRoot() {
        String version = vault.rotateRoot();
        events.accept(new KeyEvent(KeyEvent.Kind.ROOT_ROTATED, version));
        return version;
    }

    @Override
    public long pendingRewrap() {
        return keys.pendingRewrap() + systemKeys.pendingRewrap();
    }

    @Override
    public int rewrapBatch(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        // the few system keys first, in one step, then client keys in batches
        int system = systemKeys.rewrapAll();
        return system + keys.rewrapBatch(limit);
    }

    @Override
    public long startRotatingClientKeys() {
        long left = keys.startRotateAll();
        events.accept(new KeyEvent(KeyEvent.Kind.CLIENT_ROTATION_STARTED, ""));
        return left;
    }

    @Override
    public int rotateClientKeysBatch(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return keys.rotateAllBatch(limit);
    }

    @Override
    public void rotateBlindIndexKey() {
        systemKeys.addPrimaryVersion(SystemKeys.BLIND_INDEX, TinkBlindIndexes.KEY_TYPE);
        events.accept(new KeyEvent(KeyEvent.Kind.INDEX_KEY_ROTATED, ""));
    }

    @Override
    public void retireOldBlindIndexKeys() {
        systemKeys.removeOldVersions(SystemKeys.BLIND_INDEX, TinkBlindIndexes.KEY_TYPE);
        events.accept(new KeyEvent(KeyEvent.Kind.OLD_INDEX_KEYS_RETIRED, ""));
    }

    @Override
    public void retireOldRootVersions() {
        long pending = pendingRewrap();
        if (pending > 0) {
            throw new IllegalStateException(pending + " client keys still depend on older root key versions; "
                    + "let re-wrapping finish first");
        }
        vault.retireOldRootVersions();
        events.accept(new KeyEvent(KeyEvent.Kind.OLD_ROOT_RETIRED, vault.rootKeyId()));
    }

    @Override
    public void seal() {
        vault.seal();
    }

    @Override
    public boolean isSealed() {
        return vault.isSealed();
    }
}
