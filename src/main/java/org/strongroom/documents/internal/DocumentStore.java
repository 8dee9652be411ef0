package org.strongroom.documents.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.strongroom.access.Sensitivity;
import org.strongroom.documents.DocumentStatus;

/** The documents module's SQL. Encrypted columns go in and out as bytes; this class never sees plaintext. */
@Component
class DocumentStore {

    private static final String DOCUMENT_COLUMNS = "id, client_id, folder_key, sensitivity, status, current_version, version_count, "
            + "metadata, created_at, created_by, updated_at, updated_by, trashed_at, purge_after, row_version";
    private static final String VERSION_COLUMNS = "document_id, version, storage_key, stream_version, size, stored_size, media_type, "
            + "file_name, metadata_stripped, scanned, restored_from, created_at, created_by";

    private static final RowMapper<DocumentRows.Document> DOCUMENT = (rs, n) -> new DocumentRows.Document(
            UUID.fromString(rs.getString("id")), UUID.fromString(rs.getString("client_id")), rs.getString("folder_key"),
            Sensitivity.valueOf(rs.getString("sensitivity")), DocumentStatus.valueOf(rs.getString("status")),
            rs.getInt("current_version"), rs.getInt("version_count"), rs.getBytes("metadata"), rs.getLong("created_at"),
            rs.getString("created_by"), rs.getLong("updated_at"), rs.getString("updated_by"), longOrNull(rs, "trashed_at"),
            longOrNull(rs, "purge_after"), rs.getLong("row_version"));

    private static final RowMapper<DocumentRows.Version> VERSION = (rs, n) -> new DocumentRows.Version(
            UUID.fromString(rs.getString("document_id")), rs.getInt("version"), rs.getString("storage_key"),
            rs.getInt("stream_version"), rs.getLong("size"), rs.getLong("stored_size"), rs.getString("media_type"),
            rs.getBytes("file_name"), rs.getBoolean("metadata_stripped"), rs.getBoolean("scanned"), intOrNull(rs, "restored_from"),
            rs.getLong("created_at"), rs.getString("created_by"));

    private final JdbcClient jdbc;

    DocumentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<DocumentRows.Document> find(UUID id) {
        return jdbc.sql("SELECT " + DOCUMENT_COLUMNS + " FROM document WHERE id = ?").param(id.toString()).query(DOCUMENT).optional();
    }

    List<DocumentRows.Document> ofClient(UUID clientId, DocumentStatus status) {
        return jdbc.sql("SELECT " + DOCUMENT_COLUMNS + " FROM document WHERE client_id = ? AND status = ? ORDER BY updated_at DESC, id")
                .params(clientId.toString(), status.name()).query(DOCUMENT).list();
    }

    List<DocumentRows.Version> versions(UUID documentId) {
        return jdbc.sql("SELECT " + VERSION_COLUMNS + " FROM document_version WHERE document_id = ? ORDER BY version DESC")
                .param(documentId.toString()).query(VERSION).list();
    }

    Optional<DocumentRows.Version> version(UUID documentId, int version) {
        return jdbc.sql("SELECT " + VERSION_COLUMNS + " FROM document_version WHERE document_id = ? AND version = ?")
                .params(documentId.toString(), version).query(VERSION).optional();
    }

    /** The current version of each of these documents. */
    List<DocumentRows.Version> currentVersions(Collection<UUID> documentIds) {
        if (documentIds.isEmpty()) {
            return List.of();
        }
        List<String> ids = documentIds.stream().map(UUID::toString).toList();
        List<DocumentRows.Version> out = new java.util.ArrayList<>();
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            out.addAll(jdbc.sql("SELECT " + prefixed("v.", VERSION_COLUMNS) + " FROM document_version v JOIN document d "
                    + "ON d.id = v.document_id AND d.current_version = v.version WHERE d.id IN (" + marks + ")")
                    .params(chunk).query(VERSION).list());
        }
        return out;
    }

    void insert(DocumentRows.Document d) {
        jdbc.sql("INSERT INTO document (" + DOCUMENT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(d.id().toString(), d.clientId().toString(), d.folder(), d.sensitivity().name(), d.status().name(),
                        d.currentVersion(), d.versionCount(), d.metadata(), d.createdAt(), d.createdBy(), d.updatedAt(),
                        d.updatedBy(), d.trashedAt(), d.purgeAfter(), d.rowVersion())
                .update();
    }

    void insert(DocumentRows.Version v) {
        jdbc.sql("INSERT INTO document_version (" + VERSION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(v.documentId().toString(), v.version(), v.storageKey(), v.streamVersion(), v.size(), v.storedSize(),
                        v.mediaType(), v.fileName(), v.metadataStripped(), v.scanned(), v.restoredFrom(), v.createdAt(), v.createdBy())
                .update();
    }

    /** Records a new current version if the document still has {@code expectedCount} versions (and the row version, if given). */
    boolean advanceVersion(UUID id, int expectedCount, @Nullable Long expectedRowVersion, int newVersion, long now, @Nullable String by) {
        return jdbc.sql("UPDATE document SET current_version = ?, version_count = ?, updated_at = ?, updated_by = ?, "
                        + "row_version = row_version + 1 WHERE id = ? AND status = 'ACTIVE' AND version_count = ?"
                        + (expectedRowVersion == null ? "" : " AND row_version = " + expectedRowVersion.longValue()))
                .params(newVersion, newVersion, now, by, id.toString(), expectedCount).update() == 1;
    }

    boolean updateMetadata(UUID id, long expectedRowVersion, String folder, Sensitivity sensitivity, byte[] metadata, long now,
                           @Nullable String by) {
        return jdbc.sql("UPDATE document SET folder_key = ?, sensitivity = ?, metadata = ?, updated_at = ?, updated_by = ?, "
                        + "row_version = row_version + 1 WHERE id = ? AND status = 'ACTIVE' AND row_version = ?")
                .params(folder, sensitivity.name(), metadata, now, by, id.toString(), expectedRowVersion).update() == 1;
    }

    boolean trash(UUID id, long expectedRowVersion, long now, long purgeAfter, @Nullable String by) {
        return jdbc.sql("UPDATE document SET status = 'TRASHED', trashed_at = ?, trashed_by = ?, purge_after = ?, updated_at = ?, "
                        + "updated_by = ?, row_version = row_version + 1 WHERE id = ? AND status = 'ACTIVE' AND row_version = ?")
                .params(now, by, purgeAfter, now, by, id.toString(), expectedRowVersion).update() == 1;
    }

    boolean untrash(UUID id, long expectedRowVersion, long now, @Nullable String by) {
        return jdbc.sql("UPDATE document SET status = 'ACTIVE', trashed_at = NULL, trashed_by = NULL, purge_after = NULL, "
                        + "updated_at = ?, updated_by = ?, row_version = row_version + 1 WHERE id = ? AND status = 'TRASHED' "
                        + "AND row_version = ?")
                .params(now, by, id.toString(), expectedRowVersion).update() == 1;
    }

    /** Trashed documents whose time is up, oldest first. */
    List<DocumentRows.Document> due(long now, int limit) {
        return jdbc.sql("SELECT " + DOCUMENT_COLUMNS + " FROM document WHERE status = 'TRASHED' AND purge_after <= ? "
                + "ORDER BY purge_after LIMIT " + limit).param(now).query(DOCUMENT).list();
    }

    /** Clients that still have documents not destroyed (for the erasure sweep). */
    List<UUID> clientsWithLiveDocuments(int limit, @Nullable String after) {
        return jdbc.sql("SELECT DISTINCT client_id FROM document WHERE status <> 'DESTROYED'"
                        + (after == null ? "" : " AND client_id > ?") + " ORDER BY client_id LIMIT " + limit)
                .params(after == null ? List.of() : List.of(after)).query((rs, n) -> UUID.fromString(rs.getString(1))).list();
    }

    List<DocumentRows.Document> liveOfClient(UUID clientId) {
        return jdbc.sql("SELECT " + DOCUMENT_COLUMNS + " FROM document WHERE client_id = ? AND status <> 'DESTROYED'")
                .param(clientId.toString()).query(DOCUMENT).list();
    }

    /** Wipes what is left of a document whose bytes were deleted: its encrypted metadata and names, its keys. */
    boolean markDestroyed(UUID id, long now) {
        int changed = jdbc.sql("UPDATE document SET status = 'DESTROYED', metadata = NULL, destroyed_at = ?, purge_after = NULL, "
                + "row_version = row_version + 1 WHERE id = ? AND status <> 'DESTROYED'").params(now, id.toString()).update();
        jdbc.sql("UPDATE document_version SET file_name = NULL, storage_key = NULL WHERE document_id = ?").param(id.toString()).update();
        return changed == 1;
    }

    /** Every stored version still holding bytes (for verification), in document order. */
    void forEachStoredVersion(Consumer<StoredVersion> each) {
        jdbc.sql("SELECT d.client_id, v.document_id, v.version, v.storage_key, v.size, v.stored_size FROM document_version v "
                        + "JOIN document d ON d.id = v.document_id WHERE v.storage_key IS NOT NULL AND v.stream_version = v.version "
                        + "ORDER BY v.document_id, v.version")
                .query((ResultSet rs) -> {
                    each.accept(new StoredVersion(UUID.fromString(rs.getString(1)), UUID.fromString(rs.getString(2)), rs.getInt(3),
                            rs.getString(4), rs.getLong(5), rs.getLong(6)));
                });
    }

    /** Totals of the streams {@link #forEachStoredVersion} walks: count and stored bytes. */
    long[] storedTotals() {
        return jdbc.sql("SELECT COUNT(*), COALESCE(SUM(stored_size), 0) FROM document_version WHERE storage_key IS NOT NULL "
                + "AND stream_version = version").query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
    }

    boolean storageKeyKnown(String key) {
        return jdbc.sql("SELECT COUNT(*) FROM document_version WHERE storage_key = ?").param(key).query(Long.class).single() > 0;
    }

    record StoredVersion(UUID clientId, UUID documentId, int version, String storageKey, long size, long storedSize) {
    }

    private static String prefixed(String prefix, String columns) {
        return String.join(", ", java.util.Arrays.stream(columns.split(", ")).map(c -> prefix + c).toList());
    }

    private static @Nullable Long longOrNull(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static @Nullable Integer intOrNull(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }
}
