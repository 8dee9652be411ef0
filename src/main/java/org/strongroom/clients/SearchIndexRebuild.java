package org.strongroom.clients;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.strongroom.clients.internal.ClientAudit;
import org.strongroom.clients.internal.ClientIndexes;
import org.strongroom.clients.internal.ClientStore;
import org.strongroom.crypto.ClientKeys;

/**
 * Rebuilds the clients' blind indexes under the current blind-index key and index size: after
 * {@code strongroom keys rotate-index} (before {@code retire-old-index}), after changing
 * {@code strongroom.clients.planned-clients}, or after a catalogue field became searchable. An
 * operator's job ({@code strongroom keys rebuild-index}), in batches of its own transactions, so
 * it can be interrupted and run again; every client is decrypted in memory only.
 */
@Service
public class SearchIndexRebuild {

    private final JdbcClient jdbc;
    private final ClientStore store;
    private final ClientIndexes indexes;
    private final FieldCatalogue catalogue;
    private final ClientKeys keys;
    private final ClientAudit audit;

    SearchIndexRebuild(JdbcClient jdbc, ClientStore store, ClientIndexes indexes, FieldCatalogue catalogue, ClientKeys keys,
                       ClientAudit audit) {
        this.jdbc = jdbc;
        this.store = store;
        this.indexes = indexes;
        this.catalogue = catalogue;
        this.keys = keys;
        this.audit = audit;
    }

    /** How many client records there are to rebuild. */
    @Transactional(readOnly = true)
    public long total() {
        return jdbc.sql("SELECT COUNT(*) FROM client").query(Long.class).single();
    }

    /**
     * Rebuilds the next batch of clients after {@code after} (in id order; {@code null} to start).
     *
     * @return the last client rebuilt, empty when there were none left
     */
    @Transactional
    public Optional<UUID> rebuildAfter(@Nullable UUID after, int batch) {
        if (batch < 1 || batch > 10_000) {
            throw new IllegalArgumentException("batch must be 1-10000");
        }
        List<UUID> ids = jdbc.sql("SELECT id FROM client WHERE id > ? ORDER BY id LIMIT ?")
                .param(after == null ? "" : after.toString()).param(batch).query((rs, n) -> UUID.fromString(rs.getString(1))).list();
        List<FieldDefinition> fields = catalogue.all();
        for (UUID id : ids) {
            if (keys.state(id) != ClientKeys.State.ACTIVE) {
                store.replaceIndexes(id, java.util.Set.of());
                continue;
            }
            Map<String, String> values = store.values(id);
            store.replaceIndexes(id, indexes.entries(fields, values));
        }
        return ids.isEmpty() ? Optional.empty() : Optional.of(ids.get(ids.size() - 1));
    }

    /** Records that a rebuild ran to its end ({@code clients.index_rebuilt}, by the system). */
    @Transactional
    public void recordFinished() {
        audit.general(null, "clients.index_rebuilt", "client_index", null);
    }
}
