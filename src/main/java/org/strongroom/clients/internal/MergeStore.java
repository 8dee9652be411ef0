package org.strongroom.clients.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.strongroom.clients.ClientStatus;
import org.strongroom.crypto.EncryptionContext;
import org.strongroom.crypto.FieldCipher;

/**
 * The SQL of merges: the {@code client_merge} rows, the survivor's prior values (encrypted with
 * the survivor's key, bound to {@code client_merge/<merge id>/<field key>}, never in the clear),
 * and the status moves of the merged record. Values go in and out as plaintext in memory only.
 */
@Component
public class MergeStore {

    public static final String RECORD_TYPE = "client_merge";

    /** A row of {@code client_merge}: ids, versions, statuses and times only. */
    public record MergeRow(UUID id, UUID survivorId, UUID mergedId, long mergedAt, @Nullable String mergedBy,
                           long survivorVersionBefore, long survivorVersionAfter, long mergedVersionBefore,
                           ClientStatus mergedStatusBefore, @Nullable Long undoneAt, @Nullable String undoneBy) {
    }

    private static final String COLUMNS = "id, survivor_id, merged_id, merged_at, merged_by, survivor_version_before, "
            + "survivor_version_after, merged_version_before, merged_status_before, undone_at, undone_by";

    private static final RowMapper<MergeRow> ROW = (rs, n) -> new MergeRow(UUID.fromString(rs.getString("id")),
            UUID.fromString(rs.getString("survivor_id")), UUID.fromString(rs.getString("merged_id")), rs.getLong("merged_at"),
            rs.getString("merged_by"), rs.getLong("survivor_version_before"), rs.getLong("survivor_version_after"),
            rs.getLong("merged_version_before"), ClientStatus.valueOf(rs.getString("merged_status_before")),
            rs.getObject("undone_at") == null ? null : rs.getLong("undone_at"), rs.getString("undone_by"));

    private final JdbcClient jdbc;
    private final FieldCipher cipher;

    MergeStore(JdbcClient jdbc, FieldCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    public void insert(MergeRow row) {
        jdbc.sql("INSERT INTO client_merge (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .param(row.id().toString()).param(row.survivorId().toString()).param(row.mergedId().toString())
                .param(row.mergedAt()).param(row.mergedBy()).param(row.survivorVersionBefore()).param(row.survivorVersionAfter())
                .param(row.mergedVersionBefore()).param(row.mergedStatusBefore().name()).param(row.undoneAt()).param(row.undoneBy())
                .update();
    }

    public Optional<MergeRow> find(UUID mergeId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM client_merge WHERE id = ?").param(mergeId.toString()).query(ROW).optional();
    }

    /** The merges a client took part in (as survivor or as merged record), newest first. */
    public List<MergeRow> involving(UUID clientId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM client_merge WHERE survivor_id = ? OR merged_id = ? ORDER BY merged_at DESC, id LIMIT ?")
                .param(clientId.toString()).param(clientId.toString()).param(limit).query(ROW).list();
    }

    /** Remembers a survivor's value before the merge changed it ({@code null}: it had none). */
    public void putPrior(UUID mergeId, UUID survivorId, String fieldKey, @Nullable String prior) {
        byte[] ciphertext = prior == null ? null
                : cipher.encrypt(survivorId, prior.getBytes(StandardCharsets.UTF_8), context(mergeId, fieldKey));
        jdbc.sql("INSERT INTO client_merge_value (merge_id, field_key, prior_value) VALUES (?, ?, ?)")
                .param(mergeId.toString()).param(fieldKey).param(ciphertext).update();
    }

    /** The survivor's values before the merge, by field key, in key order ({@code null}: it had none), decrypted. */
    public Map<String, @Nullable String> priors(UUID mergeId, UUID survivorId) {
        Map<String, @Nullable String> out = new LinkedHashMap<>();
        jdbc.sql("SELECT field_key, prior_value FROM client_merge_value WHERE merge_id = ? ORDER BY field_key")
                .param(mergeId.toString()).query((rs, n) -> {
                    String key = rs.getString("field_key");
                    byte[] ciphertext = rs.getBytes("prior_value");
                    out.put(key, ciphertext == null ? null
                            : new String(cipher.decrypt(survivorId, ciphertext, context(mergeId, key)), StandardCharsets.UTF_8));
                    return null;
                }).list();
        return out;
    }

    /** The field keys a merge changed on the survivor, in key order. */
    public List<String> changedFields(UUID mergeId) {
        return jdbc.sql("SELECT field_key FROM client_merge_value WHERE merge_id = ? ORDER BY field_key")
                .param(mergeId.toString()).query(String.class).list();
    }

    /**
     * Makes a record MERGED into the survivor, from {@code expectedVersion} to the next version;
     * its closing date (if any) stays.
     *
     * @return false when the record changed first, or is merged already (nothing updated)
     */
    public boolean markMerged(UUID mergedId, long expectedVersion, UUID survivorId, long now, @Nullable String by) {
        return jdbc.sql("UPDATE client SET status = 'MERGED', merged_into = ?, version = version + 1, updated_at = ?, updated_by = ?, "
                        + "last_touched_at = ? WHERE id = ? AND version = ? AND status <> 'MERGED'")
                .param(survivorId.toString()).param(now).param(by).param(now).param(mergedId.toString()).param(expectedVersion)
                .update() == 1;
    }

    /**
     * Gives a merged record its status back and clears {@code merged_into}, to the next version.
     *
     * @return false when the record is not (or no longer) merged into that survivor at that version
     */
    public boolean restore(UUID mergedId, long expectedVersion, UUID survivorId, ClientStatus status, long now, @Nullable String by) {
        return jdbc.sql("UPDATE client SET status = ?, merged_into = NULL, version = version + 1, updated_at = ?, updated_by = ?, "
                        + "last_touched_at = ? WHERE id = ? AND version = ? AND status = 'MERGED' AND merged_into = ?")
                .param(status.name()).param(now).param(by).param(now).param(mergedId.toString()).param(expectedVersion)
                .param(survivorId.toString()).update() == 1;
    }

    /** @return false when the merge was undone already */
    public boolean markUndone(UUID mergeId, long now, @Nullable String by) {
        return jdbc.sql("UPDATE client_merge SET undone_at = ?, undone_by = ? WHERE id = ? AND undone_at IS NULL")
                .param(now).param(by).param(mergeId.toString()).update() == 1;
    }

    private static EncryptionContext context(UUID mergeId, String fieldKey) {
        return new EncryptionContext(RECORD_TYPE, mergeId.toString(), fieldKey);
    }
}
