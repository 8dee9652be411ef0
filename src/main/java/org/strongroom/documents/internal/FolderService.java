package org.strongroom.documents.internal;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.strongroom.access.AccessPolicy;
import org.strongroom.access.Actor;
import org.strongroom.access.Permission;
import org.strongroom.access.Sensitivity;
import org.strongroom.documents.DocumentFolder;
import org.strongroom.documents.DocumentFolders;
import org.strongroom.documents.DocumentResult;

/** The organisation's document folders (the same set in every client's documents). */
@Service
class FolderService implements DocumentFolders {

    static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{1,39}");
    static final int MAX_FOLDERS = 50;

    private static final RowMapper<DocumentFolder> FOLDER = (rs, n) -> new DocumentFolder(rs.getString("folder_key"),
            rs.getString("label"), rs.getInt("position"), Sensitivity.valueOf(rs.getString("default_sensitivity")),
            rs.getBoolean("active"), rs.getLong("version"));

    private final JdbcClient jdbc;
    private final AccessPolicy policy;
    private final DocumentAudit audit;
    private final java.time.Clock clock;

    FolderService(JdbcClient jdbc, AccessPolicy policy, DocumentAudit audit, java.time.Clock clock) {
        this.jdbc = jdbc;
        this.policy = policy;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public List<DocumentFolder> all() {
        return jdbc.sql("SELECT folder_key, label, position, default_sensitivity, active, version FROM document_folder "
                + "ORDER BY position, folder_key").query(FOLDER).list();
    }

    @Override
    @Transactional(readOnly = true)
    public List<DocumentFolder> active() {
        return all().stream().filter(DocumentFolder::active).toList();
    }

    Optional<DocumentFolder> find(String key) {
        return jdbc.sql("SELECT folder_key, label, position, default_sensitivity, active, version FROM document_folder "
                + "WHERE folder_key = ?").param(key).query(FOLDER).optional();
    }

    @Override
    @Transactional
    public DocumentResult<DocumentFolder> save(Actor actor, String key, String label, int position, Sensitivity defaultSensitivity,
                                               boolean active, @Nullable Long expectedVersion) {
        policy.require(actor, Permission.SETTINGS_MANAGE);
        String cleanLabel = label == null ? "" : label.strip();
        if (key == null || !KEY.matcher(key).matches()) {
            return DocumentResult.rejected("key", "documents.folder.keyInvalid");
        }
        if (cleanLabel.isEmpty() || cleanLabel.length() > 80 || cleanLabel.codePoints().anyMatch(Character::isISOControl)) {
            return DocumentResult.rejected("label", "documents.folder.labelInvalid");
        }
        if (position < 0 || position > 10_000) {
            return DocumentResult.rejected("position", "documents.folder.positionInvalid");
        }
        if (defaultSensitivity == null) {
            return DocumentResult.rejected("defaultSensitivity", "documents.folder.sensitivityInvalid");
        }
        Optional<DocumentFolder> existing = find(key);
        long now = clock.millis();
        String by = actor.id();
        if (expectedVersion == null) {
            if (existing.isPresent()) {
                return DocumentResult.rejected("key", "documents.folder.keyTaken");
            }
            if (all().size() >= MAX_FOLDERS) {
                return DocumentResult.rejected("key", "documents.folder.tooMany");
            }
            jdbc.sql("INSERT INTO document_folder (folder_key, label, position, default_sensitivity, active, version, updated_at, "
                    + "updated_by) VALUES (?, ?, ?, ?, ?, 1, ?, ?)")
                    .params(key, cleanLabel, position, defaultSensitivity.name(), active, now, by).update();
        } else {
            if (existing.isEmpty()) {
                return DocumentResult.rejected("key", "documents.folder.unknown");
            }
            if (!active && existing.get().active() && active().size() <= 1) {
                return DocumentResult.rejected("active", "documents.folder.lastActive");
            }
            int changed = jdbc.sql("UPDATE document_folder SET label = ?, position = ?, default_sensitivity = ?, active = ?, "
                            + "version = version + 1, updated_at = ?, updated_by = ? WHERE folder_key = ? AND version = ?")
                    .params(cleanLabel, position, defaultSensitivity.name(), active, now, by, key, expectedVersion).update();
            if (changed != 1) {
                return DocumentResult.rejected("version", "documents.folder.stale");
            }
        }
        audit.general(actor, "documents.folder_saved", "document_folder", key);
        return new DocumentResult.Done<>(find(key).orElseThrow());
    }
}
