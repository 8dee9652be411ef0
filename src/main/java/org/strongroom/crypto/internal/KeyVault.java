package org.strongroom.crypto.internal;

import org.jspecify.annotations.Nullable;
import org.strongroom.crypto.VaultSealed;

import com.google.crypto.tink.Aead;

/**
 * Holds the opened root key while the server is unsealed. Sealing drops it and empties the cache
 * of unwrapped client keys, after which nothing decrypts until the vault is unsealed again.
 */
public final class KeyVault {

    private final RootKeyProvider provider;
    private final ClientKeyCache cache;
    private final java.util.List<Runnable> onSeal = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile RootKeyProvider.@Nullable OpenedRootKey root;

    KeyVault(RootKeyProvider provider, ClientKeyCache cache) {
        this.provider = provider;
        this.cache = cache;
        if (!provider.startsSealed()) {
            this.root = provider.open();
        }
    }

    public boolean isSealed() {
        return root == null;
    }

    public String providerName() {
        return provider.name();
    }

    Aead rootAead() {
        RootKeyProvider.OpenedRootKey current = root;
        if (current == null) {
            throw new VaultSealed();
        }
        return current.aead();
    }

    String rootKeyId() {
        RootKeyProvider.OpenedRootKey current = root;
        if (current == null) {
            throw new VaultSealed();
        }
        return current.keyId();
    }

    /** Adds a new root key version in the provider and uses it from now on. */
    synchronized String rotateRoot() {
        rootAead();
        RootKeyProvider.OpenedRootKey rotated = provider.rotate();
        this.root = rotated;
        return rotated.keyId();
    }

    /** Drops old root key versions from the provider (the caller checked nothing needs them). */
    synchronized void retireOldRootVersions() {
        rootAead();
        this.root = provider.retireOldVersions();
    }

    /** Makes the root key usable (after the operator proved they may). */
    void unseal(RootKeyProvider.OpenedRootKey opened) {
        this.root = opened;
    }

    /** Registers something else that holds unwrapped keys and must forget them on seal. */
    void onSeal(Runnable forget) {
        onSeal.add(forget);
    }

    /** Forgets the root key, every unwrapped client key and every unwrapped system key. */
    public void seal() {
        this.root = null;
        cache.clear();
        onSeal.forEach(Runnable::run);
    }
}
