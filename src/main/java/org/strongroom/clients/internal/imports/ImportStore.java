package org.strongroom.clients.internal.imports;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.strongroom.clients.ImportMode;
import org.strongroom.clients.ImportProblem;
import org.strongroom.clients.ImportReport;

/** The SQL of imports: {@code client_import}, {@code client_import_problem}, and finding and removing an import's clients. */
@Component
public class ImportStore {

    private static final String COLUMNS = "id, started_by, started_at, finished_at, layout, mode, state, rows_total, created_count, "
            + "bad_rows, duplicate_rows, skipped_duplicates, problem_count, undone_at, undone_by, removed_count, kept_count";

    private static final RowMapper<ImportReport> ROW = (rs, n) -> new ImportReport(UUID.fromString(rs.getString("id")),
            rs.getString("layout"), ImportMode.valueOf(rs.getString("mode")), rs.getString("state"),
            Instant.ofEpochMilli(rs.getLong("started_at")),
            rs.getObject("finished_at") == null ? null : Instant.ofEpochMilli(rs.getLong("finished_at")), rs.getString("started_by"),
            rs.getInt("rows_total"), rs.getInt("created_count"), rs.getInt("bad_rows"), rs.getInt("duplicate_rows"),
            rs.getInt("skipped_duplicates"), rs.getInt("problem_count"), List.of(),
            rs.getObject("undone_at") == null ? null : Instant.ofEpochMilli(rs.getLong("undone_at")), rs.getInt("removed_count"),
            rs.getInt("kept_count"));

    /** A client the import created, as undo sees it. */
    public record ImportedClient(UUID id, long version, long createdAt, long lastTouchedAt, @Nullable String mergedInto) {
        /** Nobody changed, touched or merged it since the import created it. */
        public boolean untouched() {
            return version == 1 && lastTouchedAt == createdAt && mergedInto == null;
        }
    }

    private final JdbcClient jdbc;

    ImportStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(UUID id, @Nullable String by, long now, String layout, ImportMode mode, int rows) {
        jdbc.sql("INSERT INTO client_import_job (" + COLUMNS + ") VALUES (?, ?, ?, NULL, ?, ?, 'RUNNING', ?, 0, 0, 0, 0, 0, NULL, NULL, 0, 0)")
                .param(id.toString()).param(by).param(now).param(layout).param(mode.name()).param(rows).update();
    }

    public void finish(UUID id, String state, long now, int created, int badRows, int duplicateRows, int skippedDuplicates,
                       List<ImportProblem> problems, int problemCount) {
        jdbc.sql("UPDATE client_import_job SET state = ?, finished_at = ?, created_count = ?, bad_rows = ?, duplicate_rows = ?, "
                        + "skipped_duplicates = ?, problem_count = ? WHERE id = ?")
                .param(state).param(now).param(created).param(badRows).param(duplicateRows).param(skippedDuplicates)
                .param(problemCount).param(id.toString()).update();
        for (ImportProblem p : problems) {
            jdbc.sql("INSERT INTO client_import_problem (import_id, row_number, field_key, message_key) VALUES (?, ?, ?, ?) "
                            + "ON CONFLICT DO NOTHING")
                    .param(id.toString()).param(p.row()).param(p.field()).param(p.messageKey()).update();
        }
    }

    public void undone(UUID id, long now, @Nullable String by, int removed, int kept) {
        jdbc.sql("UPDATE client_import_job SET state = 'UNDONE', undone_at = ?, undone_by = ?, removed_count = removed_count + ?, "
                        + "kept_count = ? WHERE id = ?")
                .param(now).param(by).param(removed).param(kept).param(id.toString()).update();
    }

    /** Imports left RUNNING by a server that stopped: they will never finish. */
    public int interruptRunning(long now) {
        return jdbc.sql("UPDATE client_import_job SET state = 'INTERRUPTED', finished_at = ?, created_count = "
                        + "(SELECT COUNT(*) FROM client c WHERE c.import_id = client_import_job.id) WHERE state = 'RUNNING'")
                .param(now).update();
    }

    public Optional<ImportReport> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM client_import_job WHERE id = ?").param(id.toString()).query(ROW).optional();
    }

    public List<ImportReport> recent(int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM client_import_job ORDER BY started_at DESC, id LIMIT ?").param(limit).query(ROW).list();
    }

    public List<ImportProblem> problems(UUID id, int limit) {
        return jdbc.sql("SELECT row_number, field_key, message_key FROM client_import_problem WHERE import_id = ? "
                        + "ORDER BY row_number, field_key LIMIT ?")
                .param(id.toString()).param(limit)
                .query((rs, n) -> new ImportProblem(rs.getInt(1), rs.getString(2), rs.getString(3))).list();
    }

    /** The import's clients after {@code afterId} (keyset paging by id). */
    public List<ImportedClient> clients(UUID importId, String afterId, int limit) {
        return jdbc.sql("SELECT id, version, created_at, last_touched_at, merged_into FROM client WHERE import_id = ? AND id > ? "
                        + "ORDER BY id LIMIT ?")
                .param(importId.toString()).param(afterId).param(limit)
                .query((rs, n) -> new ImportedClient(UUID.fromString(rs.getString(1)), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getString(5)))
                .list();
    }

    /**
     * Deletes those of the clients that are still untouched since the import (version 1, never
     * touched, not merged — checked in the same statement, so an edit that commits first keeps its
     * client) with their values, history and indexes, and returns the ids deleted. Their keys are
     * destroyed by the caller right after, which makes any copy of the ciphertexts (backups, the
     * WAL) unreadable for good.
     */
    public List<UUID> deleteUntouched(List<UUID> ids) {
        List<UUID> deleted = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += 400) {
            List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + 400));
            String marks = String.join(", ", Collections.nCopies(chunk.size(), "?"));
            List<Object> params = new ArrayList<>();
            chunk.forEach(id -> params.add(id.toString()));
            List<String> gone = jdbc.sql("DELETE FROM client WHERE id IN (" + marks + ") AND version = 1 "
                            + "AND last_touched_at = created_at AND merged_into IS NULL RETURNING id")
                    .params(params).query((rs, n) -> rs.getString(1)).list();
            if (gone.isEmpty()) {
                continue;
            }
            String goneMarks = String.join(", ", Collections.nCopies(gone.size(), "?"));
            for (String table : List.of("client_search_index", "client_value", "client_value_history")) {
                jdbc.sql("DELETE FROM " + table + " WHERE client_id IN (" + goneMarks + ")").params(new ArrayList<Object>(gone)).update();
            }
            gone.forEach(id -> deleted.add(UUID.fromString(id)));
        }
        return deleted;
    }
}
