package org.strongroom.crypto;

import java.util.UUID;

/**
 * The per-client data keys (DEKs): one Tink keyset per client, stored only wrapped by the root key.
 * Destroying a client's key erases everything encrypted under it, everywhere, backups included.
 */
public interface ClientKeys {

    /** The lifecycle state of a client's key. */
    enum State {
        /** No key was ever made for this client id. */
        NONE,
        /** The key exists and encrypts and decrypts. */
        ACTIVE,
        /** The key was destroyed; its client's data is unreadable for good. */
        DESTROYED
    }

    /** Creates the client's key; idempotent for an existing key, refused for a destroyed one. */
    void create(UUID clientId);

    /**
     * Destroys the client's key (crypto-shredding): the wrapped key is deleted, the freed database
     * pages are overwritten, a tombstone records the destruction and the in-memory copy is
     * dropped. Irreversible.
     */
    void destroy(UUID clientId);

    /**
     * Adds a new primary key version: new values encrypt under it, values under older versions
     * still decrypt until they are re-encrypted.
     *
     * @return the new version number
     */
    int rotate(UUID clientId);

    State state(UUID clientId);

    /**
     * Unwraps the keys of several clients at once (one database read) into the bounded key cache,
     * before their values are decrypted in a batch — a search or a list page. Only a hint: keys
     * that cannot be unwrapped are left to the read that needs them, which fails as usual.
     */
    default void preload(java.util.Collection<UUID> clientIds) {
    }
}
