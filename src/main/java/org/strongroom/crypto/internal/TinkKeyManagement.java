package org.strongroom.crypto.internal;

import org.strongroom.crypto.KeyManagement;
import org.strongroom.crypto.KeyStatus;

final class TinkKeyManagement implements KeyManagement {

    private final KeyVault vault;
    private final TinkClientKeys keys;
    private final ClientKeyCache cache;

    TinkKeyManagement(KeyVault vault, TinkClientKeys keys, ClientKeyCache cache) {
        this.vault = vault;
        this.keys = keys;
        this.cache = cache;
    }

    @Override
    public KeyStatus status() {
        return new KeyStatus(vault.providerName(), vault.isSealed(), vault.isSealed() ? "" : vault.rootKeyId(),
                keys.versionCounts().stream().map(v -> new KeyStatus.VersionCount(v.version(), v.clients())).toList(),
                keys.destroyedCount(), cache.size());
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
