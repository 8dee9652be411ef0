package org.strongroom.clients.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.strongroom.clients.ClientStatus;
import org.strongroom.crypto.EncryptionContext;
import org.strongroom.crypto.FieldCipher;

/**
 * The clients module's SQL. Values go in and out as plaintext in memory only: this class encrypts
 * each with the client's key bound to {@code client/<id>/<field>} (history values to
 * {@code client_history/<history id>/<field>.old|.new}) before a statement sees it.
 */
@Component
public class ClientStore {

    public static final String RECORD_TYPE = "client";
    public static final String HISTORY_TYPE = "client_history";

    static final String COLUMNS = "id, reference, status, version, created_at, created_by, updated_at, updated_by, closed_at, "
            + "last_touched_at, merged_into, import_id";

    public static final RowMapper<ClientRow> ROW = (rs, n) -> new ClientRow(UUID.fromString(rs.getString("id")),
            rs.getString("reference"), ClientStatus.valueOf(rs.getString("status")), rs.getLong("version"),
            rs.getLong("created_at"), rs.getString("created_by"), rs.getLong("updated_at"), rs.getString("updated_by"),
            rs.getObject("closed_at") == null ? null : Long.valueOf(rs.getLong("closed_at")), rs.getLong("last_touched_at"),
            rs.getString("merged_into"), rs.getString("import_id"));

    /** One stored history row, decrypted. */
    public record HistoryRow(String id, String fieldKey, String changeId, long changedAt, @Nullable String changedBy,
                             long version, String cause, @Nullable String oldValue, @Nullable String newValue) {
    }

    private final JdbcClient jdbc;
    private final org.springframework.jdbc.core.JdbcTemplate template;
    private final FieldCipher cipher;

    private final org.strongroom.crypto.ClientKeys keys;

    ClientStore(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate template, FieldCipher cipher,
                org.strongroom.crypto.ClientKeys keys) {
        this.jdbc = jdbc;
        this.template = template;
        this.cipher = cipher;
        this.keys = keys;
    }

    public Optional<ClientRow> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM client WHERE id = ?").param(id.toString()).query(ROW).optional();
    }

    public Optional<ClientRow> findByReference(String reference) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM client WHERE reference = ?").param(reference).query(ROW).optional();
    }

    public List<ClientRow> findAll(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<ClientRow> out = new ArrayList<>();
        List<UUID> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += 500) {
            List<UUID> chunk = all.subList(from, Math.min(all.size(), from + 500));
            String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            out.addAll(jdbc.sql("SELECT " + COLUMNS + " FROM client WHERE id IN (" + marks + ")")
                    .params(chunk.stream().map(UUID::toString).toList()).query(ROW).list());
        }
        return out;
    }

    public void insert(ClientRow row) {
        jdbc.sql("INSERT INTO client (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .param(row.id().toString()).param(row.reference()).param(row.status().name()).param(row.version())
                .param(row.createdAt()).param(row.createdBy()).param(row.updatedAt()).param(row.updatedBy())
                .param(row.closedAt()).param(row.lastTouchedAt()).param(row.mergedInto()).param(row.importId()).update();
    }

    /**
     * Moves the record from {@code expectedVersion} to the next version (optimistic concurrency).
     *
     * @return false when someone else changed it first (nothing updated)
     */
    public boolean bump(UUID id, long expectedVersion, ClientStatus status, @Nullable Long closedAt, long now, @Nullable String by) {
        return jdbc.sql("UPDATE client SET version = version + 1, status = ?, closed_at = ?, updated_at = ?, updated_by = ?, "
                        + "last_touched_at = ? WHERE id = ? AND version = ?")
                .param(status.name()).param(closedAt).param(now).param(by).param(now).param(id.toString()).param(expectedVersion)
                .update() == 1;
    }

    /** A new client's row and its (normalised) values, for {@link #insertAll}. */
    public record NewRecord(ClientRow row, Map<String, String> values, Set<ClientIndexes.Entry> indexes) {
    }

    /**
     * Inserts new clients with their values, their first history rows (cause {@code cause}) and
     * their blind indexes in a few batched statements: the import's path. Values are encrypted
     * here, as {@link #putValue} does.
     */
    public void insertAll(List<NewRecord> records, String cause, long now, @Nullable String by) {
        org.springframework.jdbc.core.JdbcTemplate template = jdbcTemplate();
        template.batchUpdate("INSERT INTO client (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", records, 500,
                (ps, r) -> {
                    ClientRow row = r.row();
                    ps.setString(1, row.id().toString());
                    ps.setString(2, row.reference());
                    ps.setString(3, row.status().name());
                    ps.setLong(4, row.version());
                    ps.setLong(5, row.createdAt());
                    ps.setString(6, row.createdBy());
                    ps.setLong(7, row.updatedAt());
                    ps.setString(8, row.updatedBy());
                    ps.setObject(9, row.closedAt());
                    ps.setLong(10, row.lastTouchedAt());
                    ps.setString(11, row.mergedInto());
                    ps.setString(12, row.importId());
                });
        List<Object[]> values = new ArrayList<>();
        List<Object[]> history = new ArrayList<>();
        List<Object[]> indexes = new ArrayList<>();
        for (NewRecord r : records) {
            UUID clientId = r.row().id();
            String changeId = UUID.randomUUID().toString();
            for (Map.Entry<String, String> value : r.values().entrySet()) {
                byte[] plaintext = utf8(value.getValue());
                values.add(new Object[] {clientId.toString(), value.getKey(),
                        cipher.encrypt(clientId, plaintext, new EncryptionContext(RECORD_TYPE, clientId.toString(), value.getKey())), now, by});
                String historyId = UUID.randomUUID().toString();
                history.add(new Object[] {historyId, clientId.toString(), value.getKey(), changeId, now, by, r.row().version(), cause,
                        cipher.encrypt(clientId, plaintext, new EncryptionContext(HISTORY_TYPE, historyId, value.getKey() + ".new"))});
            }
            for (ClientIndexes.Entry entry : r.indexes()) {
                indexes.add(new Object[] {entry.indexName(), entry.token(), clientId.toString()});
            }
        }
        template.batchUpdate("INSERT INTO client_value (client_id, field_key, ciphertext, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)", values);
        template.batchUpdate("INSERT INTO client_value_history (id, client_id, field_key, change_id, changed_at, changed_by, client_version, "
                + "cause, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)", history);
        template.batchUpdate("INSERT INTO client_search_index (index_name, token, client_id) VALUES (?, ?, ?)", indexes);
    }

    private org.springframework.jdbc.core.JdbcTemplate jdbcTemplate() {
        return template;
    }

    /** Decrypted values of one client, by field key. */
    public Map<String, String> values(UUID clientId) {
        Map<String, String> out = new LinkedHashMap<>();
        jdbc.sql("SELECT field_key, ciphertext FROM client_value WHERE client_id = ?").param(clientId.toString())
                .query((rs, n) -> {
                    String key = rs.getString("field_key");
                    out.put(key, decrypt(clientId, rs.getBytes("ciphertext"), new EncryptionContext(RECORD_TYPE, clientId.toString(), key)));
                    return null;
                }).list();
        return out;
    }

    /** Decrypted values of some fields of many clients (e.g. the names for a page of the index). */
    public Map<UUID, Map<String, String>> values(Collection<UUID> clientIds, Set<String> fieldKeys) {
        Map<UUID, Map<String, String>> out = new LinkedHashMap<>();
        if (clientIds.isEmpty() || fieldKeys.isEmpty()) {
            return out;
        }
        List<UUID> all = List.copyOf(clientIds);
        String keyMarks = String.join(", ", java.util.Collections.nCopies(fieldKeys.size(), "?"));
        for (int from = 0; from < all.size(); from += 400) {
            List<UUID> chunk = all.subList(from, Math.min(all.size(), from + 400));
            keys.preload(chunk); // one read of the wrapped keys instead of one per client
            String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            List<Object> params = new ArrayList<>();
            chunk.forEach(id -> params.add(id.toString()));
            params.addAll(fieldKeys);
            jdbc.sql("SELECT client_id, field_key, ciphertext FROM client_value WHERE client_id IN (" + marks + ") AND field_key IN ("
                            + keyMarks + ")")
                    .params(params).query((rs, n) -> {
                        UUID id = UUID.fromString(rs.getString("client_id"));
                        String key = rs.getString("field_key");
                        out.computeIfAbsent(id, k -> new LinkedHashMap<>()).put(key,
                                decrypt(id, rs.getBytes("ciphertext"), new EncryptionContext(RECORD_TYPE, id.toString(), key)));
                        return null;
                    }).list();
        }
        return out;
    }

    /** Sets ({@code value} non-null) or removes one value. */
    public void putValue(UUID clientId, String fieldKey, @Nullable String value, long now, @Nullable String by) {
        jdbc.sql("DELETE FROM client_value WHERE client_id = ? AND field_key = ?").param(clientId.toString()).param(fieldKey).update();
        if (value != null) {
            byte[] ciphertext = cipher.encrypt(clientId, utf8(value), new EncryptionContext(RECORD_TYPE, clientId.toString(), fieldKey));
            jdbc.sql("INSERT INTO client_value (client_id, field_key, ciphertext, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)")
                    .param(clientId.toString()).param(fieldKey).param(ciphertext).param(now).param(by).update();
        }
    }

    public void addHistory(UUID clientId, String fieldKey, String changeId, long now, @Nullable String by, long version,
                           String cause, @Nullable String oldValue, @Nullable String newValue) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("INSERT INTO client_value_history (id, client_id, field_key, change_id, changed_at, changed_by, client_version, cause, "
                        + "old_value, new_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .param(id).param(clientId.toString()).param(fieldKey).param(changeId).param(now).param(by).param(version).param(cause)
                .param(oldValue == null ? null : cipher.encrypt(clientId, utf8(oldValue), new EncryptionContext(HISTORY_TYPE, id, fieldKey + ".old")))
                .param(newValue == null ? null : cipher.encrypt(clientId, utf8(newValue), new EncryptionContext(HISTORY_TYPE, id, fieldKey + ".new")))
                .update();
    }

    /** The history, newest first, decrypted. */
    public List<HistoryRow> history(UUID clientId, int limit) {
        return jdbc.sql("SELECT id, field_key, change_id, changed_at, changed_by, client_version, cause, old_value, new_value "
                        + "FROM client_value_history WHERE client_id = ? ORDER BY changed_at DESC, client_version DESC, field_key LIMIT ?")
                .param(clientId.toString()).param(limit).query((rs, n) -> {
                    String id = rs.getString("id");
                    String key = rs.getString("field_key");
                    byte[] old = rs.getBytes("old_value");
                    byte[] now = rs.getBytes("new_value");
                    return new HistoryRow(id, key, rs.getString("change_id"), rs.getLong("changed_at"), rs.getString("changed_by"),
                            rs.getLong("client_version"), rs.getString("cause"),
                            old == null ? null : decrypt(clientId, old, new EncryptionContext(HISTORY_TYPE, id, key + ".old")),
                            now == null ? null : decrypt(clientId, now, new EncryptionContext(HISTORY_TYPE, id, key + ".new")));
                }).list();
    }

    /** The field keys changed after a version (for a stale edit). */
    public Set<String> changedSince(UUID clientId, long version) {
        return Set.copyOf(jdbc.sql("SELECT DISTINCT field_key FROM client_value_history WHERE client_id = ? AND client_version > ?")
                .param(clientId.toString()).param(version).query(String.class).list());
    }

    /** Replaces the client's blind-index rows. */
    public void replaceIndexes(UUID clientId, Set<ClientIndexes.Entry> entries) {
        jdbc.sql("DELETE FROM client_search_index WHERE client_id = ?").param(clientId.toString()).update();
        for (ClientIndexes.Entry entry : entries) {
            jdbc.sql("INSERT INTO client_search_index (index_name, token, client_id) VALUES (?, ?, ?)")
                    .param(entry.indexName()).param(entry.token()).param(clientId.toString()).update();
        }
    }

    private String decrypt(UUID clientId, byte[] ciphertext, EncryptionContext context) {
        return new String(cipher.decrypt(clientId, ciphertext, context), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String value) {
        return value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
