package org.strongroom.audit.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * The entries in sequence order, read on a thread of its own so that reading the database and
 * computing MACs overlap (two cores: about twice the speed). At most {@value #BATCHES} batches of
 * {@value #BATCH} entries are in flight: memory stays constant however long the trail.
 */
final class EntryStream implements AutoCloseable {

    /** One entry as stored: text fields as their UTF-8 bytes, in the canonical encoding's order. */
    record RawEntry(long seq, long occurredAt, byte[] @Nullable [] texts, byte[] mac) {
    }

    private static final int BATCH = 1024;
    private static final int BATCHES = 8;
    private static final Object END = new Object();

    private final Connection connection;
    private final boolean textAsBytes;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(BATCHES);
    private final Thread reader;
    private volatile boolean cancelled;
    private @Nullable List<RawEntry> batch;
    private int index;
    private boolean ended;

    /**
     * @param textAsBytes read text columns with {@code getBytes} (SQLite hands out the stored UTF-8
     *                    as is); otherwise as strings, encoded to UTF-8 here
     */
    EntryStream(Connection connection, boolean textAsBytes) {
        this.connection = connection;
        this.textAsBytes = textAsBytes;
        this.reader = new Thread(this::read, "audit-verify-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** The next entry, or null after the last. */
    @Nullable RawEntry next() throws SQLException {
        while (true) {
            if (batch != null && index < batch.size()) {
                return batch.get(index++);
            }
            if (ended) {
                return null;
            }
            Object item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while reading the audit trail", e);
            }
            if (item == END) {
                ended = true;
                batch = null;
            } else if (item instanceof SQLException e) {
                throw e;
            } else if (item instanceof RuntimeException e) {
                throw e;
            } else {
                @SuppressWarnings("unchecked")
                List<RawEntry> next = (List<RawEntry>) item;
                batch = next;
                index = 0;
            }
        }
    }

    @Override
    public void close() {
        cancelled = true;
        queue.clear();
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void read() {
        try (PreparedStatement s = connection.prepareStatement("""
                SELECT seq, occurred_at, actor_type, actor_id, action, resource_type, resource_id, client_id, outcome,
                    reason, source_address, user_agent_hash, request_id, mac
                FROM audit_entry ORDER BY seq""")) {
            s.setFetchSize(2 * BATCH);
            try (ResultSet rs = s.executeQuery()) {
                List<RawEntry> rows = new ArrayList<>(BATCH);
                while (!cancelled && rs.next()) {
                    rows.add(row(rs));
                    if (rows.size() == BATCH) {
                        put(rows);
                        rows = new ArrayList<>(BATCH);
                    }
                }
                put(rows);
                put(END);
            }
        } catch (SQLException | RuntimeException e) {
            put(e);
        }
    }

    private RawEntry row(ResultSet rs) throws SQLException {
        byte[][] texts = new byte[11][];
        for (int i = 0; i < 11; i++) {
            texts[i] = text(rs, i + 3);
        }
        byte[] mac = rs.getBytes(14);
        return new RawEntry(rs.getLong(1), rs.getLong(2), texts, mac == null ? new byte[0] : mac);
    }

    private byte @Nullable [] text(ResultSet rs, int column) throws SQLException {
        if (textAsBytes) {
            // sqlite-jdbc returns null only for NULL and an empty array for '' (guarded by
            // AuditTrailIntegrationTests.absentValueMadeEmptyIsDetected).
            return rs.getBytes(column);
        }
        String value = rs.getString(column);
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    private void put(Object item) {
        try {
            while (!cancelled) {
                if (queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
