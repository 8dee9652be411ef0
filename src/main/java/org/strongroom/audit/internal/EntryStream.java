package org.strongroom.audit.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.strongroom.crypto.ChainMac;

/**
 * The entries in sequence order, each as its canonical encoding (without the previous MAC) and its
 * stored MAC, read on a thread of its own so that reading the database and computing MACs overlap.
 * The reader writes the encoding straight from the columns' bytes into one of {@value #BATCHES}
 * reused batches of {@value #BATCH} entries: nothing is allocated per entry beyond what the driver
 * hands out, and memory stays constant however long the trail.
 *
 * <p>Text columns are read with {@code getBytes}: sqlite-jdbc hands out the stored UTF-8 as is, and
 * the PostgreSQL driver the value's bytes as sent in the connection's encoding, always UTF-8 — no
 * decoding to strings and back. A cursor: {@link #next()} moves to the next entry, the other
 * methods read the current one. It reads the whole trail, or only the entries whose sequence
 * numbers lie in a range (a part of the trail verified on its own: {@link ChainVerifier}).
 */
final class EntryStream implements AutoCloseable {

    /** One entry copied out of the stream (to name a break): its encoding and its stored MAC. */
    record Entry(long seq, byte[] encoding, byte[] mac) {

        /** The encoding as if this entry had the sequence number {@code asSeq}. */
        byte[] encodingAs(long asSeq) {
            byte[] copy = encoding.clone();
            EntryEncoding.int64(copy, EntryEncoding.SEQ_OFFSET, asSeq);
            return copy;
        }

        @Override
        public String toString() {
            return "Entry[seq=" + seq + "]";
        }
    }

    static final String QUERY = """
            SELECT seq, occurred_at, actor_type, actor_id, action, resource_type, resource_id, client_id, outcome,
                reason, source_address, user_agent_hash, request_id, mac
            FROM audit_entry ORDER BY seq""";

    /**
     * On SQLite, where every column read is a JNI call into the driver, a row comes as one value: a
     * line of ASCII numbers — the sequence number, the time, then the byte lengths of the eleven text
     * columns and of the MAC ({@code octet_length}; -1 for NULL) — followed by those columns' bytes
     * ({@code concat}, which skips NULL). {@code printf('%d')} converts exactly as {@code getLong}
     * does, and both functions see the stored bytes as they are: a text's UTF-8, or a BLOB put into
     * a text column.
     */
    static final String PACKED_QUERY = """
            SELECT concat(printf('%d %d %d %d %d %d %d %d %d %d %d %d %d %d' || char(10), seq, occurred_at,
                    ifnull(octet_length(actor_type), -1), ifnull(octet_length(actor_id), -1),
                    ifnull(octet_length(action), -1), ifnull(octet_length(resource_type), -1),
                    ifnull(octet_length(resource_id), -1), ifnull(octet_length(client_id), -1),
                    ifnull(octet_length(outcome), -1), ifnull(octet_length(reason), -1),
                    ifnull(octet_length(source_address), -1), ifnull(octet_length(user_agent_hash), -1),
                    ifnull(octet_length(request_id), -1), ifnull(octet_length(mac), -1)),
                actor_type, actor_id, action, resource_type, resource_id, client_id, outcome, reason,
                source_address, user_agent_hash, request_id, mac)
            FROM audit_entry ORDER BY seq""";

    /** The end of {@link #QUERY} and {@link #PACKED_QUERY}, and what it becomes for a range. */
    private static final String ALL = "FROM audit_entry ORDER BY seq";
    private static final String RANGE = "FROM audit_entry WHERE seq >= ? AND seq <= ? ORDER BY seq";

    private static final int TEXT_COLUMNS = 11;
    private static final int BATCH = 4096;
    private static final int BATCHES = 4;
    private static final Object END = new Object();

    private final Connection connection;
    private final BlockingQueue<Object> full = new ArrayBlockingQueue<>(BATCHES + 2);
    private final BlockingQueue<Batch> free = new ArrayBlockingQueue<>(BATCHES);
    private final Thread reader;
    private volatile boolean cancelled;
    private @Nullable Batch batch;
    private int index = -1;
    private boolean ended;

    private final boolean packed;
    private final long from;
    private final long through;

    /** @param packed read the text columns as one ({@link #PACKED_QUERY}; SQLite only) */
    EntryStream(Connection connection, boolean packed) {
        this(connection, packed, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /**
     * Only the entries numbered {@code from} to {@code through}, both included.
     *
     * @param packed read the text columns as one ({@link #PACKED_QUERY}; SQLite only)
     */
    EntryStream(Connection connection, boolean packed, long from, long through) {
        this.connection = connection;
        this.packed = packed;
        this.from = from;
        this.through = through;
        for (int i = 0; i < BATCHES; i++) {
            free.add(new Batch());
        }
        this.reader = new Thread(this::read, "audit-verify-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Moves to the next entry; false after the last. */
    boolean next() throws SQLException {
        while (true) {
            if (batch != null && index + 1 < batch.size) {
                index++;
                return true;
            }
            if (batch != null) {
                free.add(batch);
                batch = null;
            }
            if (ended) {
                return false;
            }
            Object item;
            try {
                item = full.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while reading the audit trail", e);
            }
            if (item == END) {
                ended = true;
            } else if (item instanceof SQLException e) {
                ended = true;
                throw e;
            } else if (item instanceof RuntimeException e) {
                ended = true;
                throw e;
            } else {
                batch = (Batch) item;
                index = -1;
            }
        }
    }

    /** The current entry's sequence number as stored. */
    long seq() {
        return current().seqs[index];
    }

    /** Adds the current entry's canonical encoding (everything after the previous MAC) to {@code mac}. */
    void addEncodingTo(ChainMac mac) {
        Batch b = current();
        int start = b.bounds[2 * index];
        mac.update(b.data, start, b.bounds[2 * index + 1] - start);
    }

    /** Whether the current entry's stored MAC is exactly these {@link ChainMac#LENGTH} bytes. */
    boolean storedMacIs(byte[] mac) {
        Batch b = current();
        int start = b.bounds[2 * index + 1];
        if (b.bounds[2 * index + 2] - start != mac.length) {
            return false;
        }
        int difference = 0;
        for (int i = 0; i < mac.length; i++) {
            difference |= b.data[start + i] ^ mac[i];
        }
        return difference == 0;
    }

    /** A copy of the current entry that stays valid after {@link #next()}. */
    Entry copy() {
        Batch b = current();
        int start = b.bounds[2 * index];
        int macStart = b.bounds[2 * index + 1];
        int end = b.bounds[2 * index + 2];
        return new Entry(b.seqs[index], Arrays.copyOfRange(b.data, start, macStart), Arrays.copyOfRange(b.data, macStart, end));
    }

    @Override
    public void close() {
        cancelled = true;
        full.clear();
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Batch current() {
        if (batch == null || index < 0) {
            throw new IllegalStateException("no current entry: call next() first");
        }
        return batch;
    }

    private void read() {
        String query = packed ? PACKED_QUERY : QUERY;
        boolean ranged = from != Long.MIN_VALUE || through != Long.MAX_VALUE;
        try (PreparedStatement s = connection.prepareStatement(ranged ? query.replace(ALL, RANGE) : query)) {
            if (ranged) {
                s.setLong(1, from);
                s.setLong(2, through);
            }
            s.setFetchSize(2 * BATCH);
            try (ResultSet rs = s.executeQuery()) {
                Batch b = takeFree();
                while (b != null && !cancelled && rs.next()) {
                    if (packed) {
                        b.addPacked(rs);
                    } else {
                        b.add(rs);
                    }
                    if (b.size == BATCH) {
                        put(b);
                        b = takeFree();
                    }
                }
                if (b != null && b.size > 0) {
                    put(b);
                }
                put(END);
            }
        } catch (SQLException | RuntimeException e) {
            put(e);
        }
    }

    private @Nullable Batch takeFree() {
        try {
            while (!cancelled) {
                Batch b = free.poll(100, TimeUnit.MILLISECONDS);
                if (b != null) {
                    b.size = 0;
                    return b;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    private void put(Object item) {
        try {
            while (!cancelled) {
                if (full.offer(item, 100, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads the ASCII decimal numbers at the start of a packed row, each ended by the given byte. */
    private static final class Numbers {
        private final byte[] row;
        private int at;

        Numbers(byte[] row) {
            this.row = row;
        }

        long next(char end) throws SQLException {
            boolean negative = at < row.length && row[at] == '-';
            if (negative) {
                at++;
            }
            long value = 0;
            int digits = 0;
            while (at < row.length && row[at] >= '0' && row[at] <= '9' && digits < 19) {
                value = 10 * value + (row[at++] - '0');
                digits++;
            }
            if (digits == 0 || at >= row.length || row[at] != end) {
                throw new SQLException("an audit entry could not be read");
            }
            at++;
            return negative ? -value : value;
        }

        int position() {
            return at;
        }
    }

    /**
     * Up to {@value #BATCH} entries in one byte array: entry {@code i}'s encoding is
     * {@code data[bounds[2i], bounds[2i+1])} and its stored MAC {@code data[bounds[2i+1], bounds[2i+2])}.
     */
    private static final class Batch {
        final long[] seqs = new long[BATCH];
        final int[] bounds = new int[2 * BATCH + 1];
        private final int[] lengths = new int[TEXT_COLUMNS + 1];
        byte[] data = new byte[BATCH * 256];
        int size;

        void add(ResultSet rs) throws SQLException {
            long seq = rs.getLong(1);
            long occurredAt = rs.getLong(2);
            int at = bounds[2 * size];
            ensure(at + EntryEncoding.HEADER_LENGTH);
            at = EntryEncoding.header(data, at, seq, occurredAt);
            for (int column = 3; column < 3 + TEXT_COLUMNS; column++) {
                // sqlite-jdbc returns null only for NULL and an empty array for '' (guarded by
                // AuditTrailIntegrationTests.absentValueMadeEmptyIsDetected and its PostgreSQL twin).
                byte[] text = rs.getBytes(column);
                ensure(at + EntryEncoding.textLength(text));
                at = EntryEncoding.text(data, at, text);
            }
            byte[] mac = rs.getBytes(3 + TEXT_COLUMNS);
            addMac(at, mac == null ? new byte[0] : mac, 0, mac == null ? 0 : mac.length, seq);
        }

        void addPacked(ResultSet rs) throws SQLException {
            byte[] row = rs.getBytes(1);
            if (row == null) {
                throw new SQLException("an audit entry could not be read");
            }
            Numbers numbers = new Numbers(row);
            long seq = numbers.next(' ');
            long occurredAt = numbers.next(' ');
            int at = bounds[2 * size];
            ensure(at + EntryEncoding.HEADER_LENGTH + 4 * TEXT_COLUMNS + row.length);
            at = EntryEncoding.header(data, at, seq, occurredAt);
            for (int column = 0; column <= TEXT_COLUMNS; column++) {
                long length = numbers.next(column == TEXT_COLUMNS ? '\n' : ' ');
                if (length < -1 || length > Integer.MAX_VALUE) {
                    throw new SQLException("entry " + seq + " could not be read");
                }
                lengths[column] = (int) length;
            }
            int from = numbers.position();
            for (int column = 0; column < TEXT_COLUMNS; column++) {
                int length = lengths[column];
                if (length < 0) {
                    at = EntryEncoding.text(data, at, null);
                    continue;
                }
                if (length > row.length - from) {
                    throw new SQLException("entry " + seq + " could not be read");
                }
                at = EntryEncoding.text(data, at, row, from, length);
                from += length;
            }
            int macLength = Math.max(lengths[TEXT_COLUMNS], 0);
            if (row.length - from != macLength) {
                throw new SQLException("entry " + seq + " could not be read");
            }
            addMac(at, row, from, macLength, seq);
        }

        private void addMac(int at, byte[] source, int from, int length, long seq) {
            bounds[2 * size + 1] = at;
            ensure(at + length);
            System.arraycopy(source, from, data, at, length);
            at += length;
            seqs[size] = seq;
            size++;
            bounds[2 * size] = at;
        }

        private void ensure(int length) {
            if (length > data.length) {
                data = Arrays.copyOf(data, Math.max(length, 2 * data.length));
            }
        }
    }
}
