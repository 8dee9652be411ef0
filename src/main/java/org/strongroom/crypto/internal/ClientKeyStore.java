package org.strongroom.crypto.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code client_key} and {@code client_key_tombstone} tables. Rows hold only wrapped keysets. */
final class ClientKeyStore {

    /** A client's wrapped keysets. Never log: the bytes are ciphertext of key material. */
    record WrappedKeys(UUID clientId, int primaryVersion, String rootKeyId, byte[] fieldKeyset, byte[] streamKeyset) {
        @Override
        public String toString() {
            return "WrappedKeys[" + clientId + " v" + primaryVersion + "]";
        }
    }

    /** How many clients are on each primary key version. */
    record VersionCount(int version, long clients) {
    }

    private final JdbcClient jdbc;

    ClientKeyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<WrappedKeys> find(UUID clientId) {
        return jdbc.sql("""
                SELECT client_id, primary_version, root_key_id, field_keyset_ciphertext, stream_keyset_ciphertext
                FROM client_key
                WHERE client_id = :clientId
                """)
                .param("clientId", clientId.toString())
                .query((rs, n) -> new WrappedKeys(UUID.fromString(rs.getString("client_id")), rs.getInt("primary_version"),
                        rs.getString("root_key_id"), rs.getBytes("field_keyset_ciphertext"), rs.getBytes("stream_keyset_ciphertext")))
                .optional();
    }

    /** The wrapped keys of several clients (those that have keys), in chunks of 500 ids. */
    java.util.List<WrappedKeys> findAll(java.util.Collection<UUID> clientIds) {
        java.util.List<WrappedKeys> out = new java.util.ArrayList<>();
        java.util.List<String> ids = clientIds.stream().map(UUID::toString).toList();
        for (int from = 0; from < ids.size(); from += 500) {
            out.addAll(jdbc.sql("""
                    SELECT client_id, primary_version, root_key_id, field_keyset_ciphertext, stream_keyset_ciphertext
                    FROM client_key
                    WHERE client_id IN (:ids)
                    """)
                    .param("ids", ids.subList(from, Math.min(ids.size(), from + 500)))
                    .query((rs, n) -> new WrappedKeys(UUID.fromString(rs.getString("client_id")), rs.getInt("primary_version"),
                            rs.getString("root_key_id"), rs.getBytes("field_keyset_ciphertext"), rs.getBytes("stream_keyset_ciphertext")))
                    .list());
        }
        return out;
    }

    boolean isDestroyed(UUID clientId) {
        return jdbc.sql("SELECT COUNT(*) FROM client_key_tombstone WHERE client_id = :clientId")
                .param("clientId", clientId.toString())
                .query(Long.class)
                .single() > 0;
    }

    /** Inserts the keys unless the client already has some; true when this call inserted them. */
    boolean insertIfAbsent(WrappedKeys keys, Instant now) {
        // ON CONFLICT: concurrent creates for one client (PostgreSQL runs them side by side) end
        // with one key and no constraint error.
        return jdbc.sql("""
                INSERT INTO client_key (client_id, primary_version, root_key_id, field_keyset_ciphertext,
                                        stream_keyset_ciphertext, created_at)
                VALUES (:clientId, :version, :rootKeyId, :fieldKeyset, :streamKeyset, :now)
                ON CONFLICT (client_id) DO NOTHING
                """)
                .param("clientId", keys.clientId().toString())
                .param("version", keys.primaryVersion())
                .param("rootKeyId", keys.rootKeyId())
                .param("fieldKeyset", keys.fieldKeyset())
                .param("streamKeyset", keys.streamKeyset())
                .param("now", now.toEpochMilli())
                .update() == 1;
    }

    /** Replaces the keysets if the stored version is still {@code expectedVersion} (optimistic). */
    boolean replace(WrappedKeys keys, int expectedVersion, Instant now) {
        return jdbc.sql("""
                UPDATE client_key
                SET primary_version = :version, root_key_id = :rootKeyId, field_keyset_ciphertext = :fieldKeyset,
                    stream_keyset_ciphertext = :streamKeyset, rotated_at = :now
                WHERE client_id = :clientId AND primary_version = :expectedVersion
                """)
                .param("clientId", keys.clientId().toString())
                .param("version", keys.primaryVersion())
                .param("rootKeyId", keys.rootKeyId())
                .param("fieldKeyset", keys.fieldKeyset())
                .param("streamKeyset", keys.streamKeyset())
                .param("now", now.toEpochMilli())
                .param("expectedVersion", expectedVersion)
                .update() == 1;
    }

    void delete(UUID clientId) {
        jdbc.sql("DELETE FROM client_key WHERE client_id = :clientId").param("clientId", clientId.toString()).update();
    }

    void insertTombstone(UUID clientId, Instant now) {
        if (!isDestroyed(clientId)) {
            jdbc.sql("INSERT INTO client_key_tombstone (client_id, destroyed_at) VALUES (:clientId, :now)")
                    .param("clientId", clientId.toString())
                    .param("now", now.toEpochMilli())
                    .update();
        }
    }

    List<VersionCount> versionCounts() {
        return jdbc.sql("""
                SELECT primary_version, COUNT(*) AS clients
                FROM client_key
                GROUP BY primary_version
                ORDER BY primary_version
                """)
                .query((rs, n) -> new VersionCount(rs.getInt("primary_version"), rs.getLong("clients")))
                .list();
    }

    /** How many client keys are still wrapped by a root key version other than {@code currentRootKeyId}. */
    long countWrappedByOtherRoot(String currentRootKeyId) {
        return jdbc.sql("SELECT COUNT(*) FROM client_key WHERE root_key_id <> :current")
                .param("current", currentRootKeyId)
                .query(Long.class)
                .single();
    }

    List<WrappedKeys> wrappedByOtherRoot(String currentRootKeyId, int limit) {
        return jdbc.sql("""
                SELECT client_id, primary_version, root_key_id, field_keyset_ciphertext, stream_keyset_ciphertext
                FROM client_key
                WHERE root_key_id <> :current
                ORDER BY client_id
                LIMIT :limit
                """)
                .param("current", currentRootKeyId)
                .param("limit", limit)
                .query((rs, n) -> new WrappedKeys(UUID.fromString(rs.getString("client_id")), rs.getInt("primary_version"),
                        rs.getString("root_key_id"), rs.getBytes("field_keyset_ciphertext"), rs.getBytes("stream_keyset_ciphertext")))
                .list();
    }

    /** Stores keysets re-wrapped under a new root key, if nobody changed the row meanwhile. */
    boolean replaceWrapping(WrappedKeys rewrapped, String previousRootKeyId) {
        return jdbc.sql("""
                UPDATE client_key
                SET root_key_id = :rootKeyId, field_keyset_ciphertext = :fieldKeyset, stream_keyset_ciphertext = :streamKeyset
                WHERE client_id = :clientId AND root_key_id = :previous AND primary_version = :version
                """)
                .param("rootKeyId", rewrapped.rootKeyId())
                .param("fieldKeyset", rewrapped.fieldKeyset())
                .param("streamKeyset", rewrapped.streamKeyset())
                .param("clientId", rewrapped.clientId().toString())
                .param("previous", previousRootKeyId)
                .param("version", rewrapped.primaryVersion())
                .update() == 1;
    }

    /** Clients whose key was neither created nor rotated since {@code cutoff}. */
    List<UUID> notRotatedSince(Instant cutoff, int limit) {
        return jdbc.sql("""
                SELECT client_id FROM client_key
                WHERE COALESCE(rotated_at, created_at) < :cutoff
                ORDER BY client_id
                LIMIT :limit
                """)
                .param("cutoff", cutoff.toEpochMilli())
                .param("limit", limit)
                .query((rs, n) -> UUID.fromString(rs.getString("client_id")))
                .list();
    }

    long countNotRotatedSince(Instant cutoff) {
        return jdbc.sql("SELECT COUNT(*) FROM client_key WHERE COALESCE(rotated_at, created_at) < :cutoff")
                .param("cutoff", cutoff.toEpochMilli())
                .query(Long.class)
                .single();
    }

    /** The start of the unfinished job of this kind, or a new job started now. */
    Instant startOrResumeJob(String kind, Instant now) {
        Optional<Long> started = jdbc.sql("SELECT started_at FROM key_rotation_job WHERE kind = :kind AND finished_at IS NULL")
                .param("kind", kind).query(Long.class).optional();
        if (started.isPresent()) {
            return Instant.ofEpochMilli(started.get());
        }
        jdbc.sql("DELETE FROM key_rotation_job WHERE kind = :kind").param("kind", kind).update();
        jdbc.sql("INSERT INTO key_rotation_job (kind, started_at) VALUES (:kind, :now)")
                .param("kind", kind).param("now", now.toEpochMilli()).update();
        return Instant.ofEpochMilli(now.toEpochMilli());
    }

    Optional<Instant> unfinishedJob(String kind) {
        return jdbc.sql("SELECT started_at FROM key_rotation_job WHERE kind = :kind AND finished_at IS NULL")
                .param("kind", kind).query(Long.class).optional().map(Instant::ofEpochMilli);
    }

    void finishJob(String kind, Instant now) {
        jdbc.sql("UPDATE key_rotation_job SET finished_at = :now WHERE kind = :kind AND finished_at IS NULL")
                .param("kind", kind).param("now", now.toEpochMilli()).update();
    }

    long tombstones() {
        return jdbc.sql("SELECT COUNT(*) FROM client_key_tombstone").query(Long.class).single();
    }
}
