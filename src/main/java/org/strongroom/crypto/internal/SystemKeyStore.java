package org.strongroom.crypto.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code system_key} table. Rows hold only wrapped keysets. */
final class SystemKeyStore {

    /** One purpose's wrapped keyset. Never log: the bytes are ciphertext of key material. */
    record WrappedSystemKey(String purpose, String rootKeyId, byte[] keysetCiphertext) {
        @Override
        public String toString() {
            return "WrappedSystemKey[" + purpose + "]";
        }
    }

    private final JdbcClient jdbc;

    SystemKeyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<WrappedSystemKey> find(String purpose) {
        return jdbc.sql("""
                SELECT purpose, root_key_id, keyset_ciphertext
                FROM system_key
                WHERE purpose = :purpose
                """)
                .param("purpose", purpose)
                .query((rs, n) -> new WrappedSystemKey(rs.getString("purpose"), rs.getString("root_key_id"),
                        rs.getBytes("keyset_ciphertext")))
                .optional();
    }

    /**
     * Inserts the key unless the purpose already has one; true when this call inserted it. A single
     * statement (no read-then-insert), so two servers or threads creating the first key at once
     * cannot both win, and the loser does not fail: it re-reads the winner's key.
     */
    boolean insertIfAbsent(WrappedSystemKey key, Instant now) {
        return jdbc.sql("""
                INSERT INTO system_key (purpose, keyset_ciphertext, root_key_id, created_at)
                VALUES (:purpose, :keyset, :rootKeyId, :now)
                ON CONFLICT (purpose) DO NOTHING
                """)
                .param("purpose", key.purpose())
                .param("keyset", key.keysetCiphertext())
                .param("rootKeyId", key.rootKeyId())
                .param("now", now.toEpochMilli())
                .update() == 1;
    }

    List<WrappedSystemKey> wrappedByOtherRoot(String currentRootKeyId) {
        return jdbc.sql("""
                SELECT purpose, root_key_id, keyset_ciphertext
                FROM system_key
                WHERE root_key_id <> :current
                """)
                .param("current", currentRootKeyId)
                .query((rs, n) -> new WrappedSystemKey(rs.getString("purpose"), rs.getString("root_key_id"),
                        rs.getBytes("keyset_ciphertext")))
                .list();
    }

    boolean replaceWrapping(WrappedSystemKey rewrapped, String previousRootKeyId, java.time.Instant now) {
        return jdbc.sql("""
                UPDATE system_key SET keyset_ciphertext = :keyset, root_key_id = :rootKeyId, rotated_at = :now
                WHERE purpose = :purpose AND root_key_id = :previous
                """)
                .param("keyset", rewrapped.keysetCiphertext())
                .param("rootKeyId", rewrapped.rootKeyId())
                .param("now", now.toEpochMilli())
                .param("purpose", rewrapped.purpose())
                .param("previous", previousRootKeyId)
                .update() == 1;
    }
}
