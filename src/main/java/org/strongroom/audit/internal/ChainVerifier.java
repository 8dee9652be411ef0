package org.strongroom.audit.internal;

import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.strongroom.audit.BreakKind;
import org.strongroom.audit.VerificationResult;
import org.strongroom.audit.internal.EntryStream.Entry;
import org.strongroom.crypto.AuditKeys;
import org.strongroom.crypto.ChainMac;

/**
 * Recomputes the chain from the entries, in sequence order, holding one entry (and one of look-ahead
 * to name what went wrong) at a time. Never trusts a stored MAC except to classify a break that was
 * already found. Checkpoints (database and file) are held in memory: one per thousand entries.
 *
 * <p>Plain JDBC rather than JdbcClient, to stream ({@link EntryStream}, which reads on a second
 * thread): on PostgreSQL in a read-only REPEATABLE READ transaction with a fetch size (a cursor,
 * one consistent snapshot); on SQLite in autocommit mode, where a single SELECT reads its own
 * snapshot without taking the write lock that an immediate transaction would hold against the
 * running server.
 *
 * <p>A trail of at least {@link #SPLIT_AT} entries is verified in two halves at once, on two
 * connections (reading, not hashing, is what limits one half: {@code docs/benchmarks.md}). The
 * range and its midpoint {@code m} are decided up front, from the same read as the head and the
 * checkpoints. The first half is the sequential walk stopped after entry {@code m}; the second
 * starts from entry {@code m}'s <em>stored</em> MAC, and its answer counts only once the first half
 * has recomputed entry {@code m}'s MAC and found it equal to that stored MAC, and ended in the
 * state the second half assumed. A break in the first half is the answer (it comes first); where
 * the first half did not end as assumed (a gap at the midpoint, an end before it), it goes on
 * alone from where it stopped, exactly as the sequential walk would. On PostgreSQL the second
 * connection reads the first one's snapshot ({@code pg_export_snapshot}); on SQLite each half is
 * one SELECT, as the whole trail was.
 */
final class ChainVerifier {

    /** The fewest entries verified in two halves at once; a shorter trail is walked in one piece. */
    static final long SPLIT_AT = 200_000;

    private static final int PROGRESS_EVERY = 1 << 14;
    private static final Pattern SNAPSHOT_ID = Pattern.compile("[0-9A-Fa-f-]{1,64}");

    private final DataSource dataSource;
    private final AuditKeys keys;
    private final @Nullable CheckpointFile file;
    private final long keepSince;
    private final long splitAt;
    private volatile boolean answeredInHalves;

    /**
     * @param keepSince epoch milliseconds before which entries may have been pruned: a trail may
     *                  start after entry 1 only at a signed checkpoint made before this time
     *                  ({@code strongroom audit prune})
     */
    ChainVerifier(DataSource dataSource, AuditKeys keys, @Nullable CheckpointFile file, long keepSince) {
        this(dataSource, keys, file, keepSince, SPLIT_AT);
    }

    /** @param splitAt the fewest entries verified in two halves at once (tests use 2 to split every trail) */
    ChainVerifier(DataSource dataSource, AuditKeys keys, @Nullable CheckpointFile file, long keepSince, long splitAt) {
        if (splitAt < 2) {
            throw new IllegalArgumentException("splitAt must be at least 2, not " + splitAt);
        }
        this.dataSource = dataSource;
        this.keys = keys;
        this.file = file;
        this.keepSince = keepSince;
        this.splitAt = splitAt;
    }

    VerificationResult verify(LongConsumer progress) {
        answeredInHalves = false;
        List<Checkpoint> fromFile;
        try {
            fromFile = new ArrayList<>(file == null ? List.of() : file.read());
        } catch (IllegalArgumentException e) {
            return new VerificationResult.Broken(0, BreakKind.UNREADABLE, e.getMessage());
        }
        fromFile.sort(Comparator.comparingLong(Checkpoint::seq));
        try (Connection c = dataSource.getConnection()) {
            boolean postgres = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
            begin(c, postgres);
            try {
                return verify(c, postgres, fromFile, progress);
            } finally {
                end(c, postgres);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the audit trail", e);
        }
    }

    /** Whether the last {@link #verify} took the second half's answer (tests: the split did happen). */
    boolean answeredInHalves() {
        return answeredInHalves;
    }

    /** On PostgreSQL: one read-only REPEATABLE READ transaction, one snapshot. */
    private static void begin(Connection c, boolean postgres) throws SQLException {
        if (postgres) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        }
    }

    private static void end(Connection c, boolean postgres) throws SQLException {
        if (postgres) {
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    private VerificationResult verify(Connection c, boolean postgres, List<Checkpoint> fromFile, LongConsumer progress)
            throws SQLException {
        List<Checkpoint> stored = storedCheckpoints(c);
        long headSeq = headSeq(c);
        long[] range = range(c);
        if (range != null && range[0] >= 1 && range[1] > range[0] && range[1] - range[0] + 1 >= splitAt) {
            String snapshot = postgres ? exportSnapshot(c) : null;
            return inHalves(c, postgres, snapshot, stored, fromFile, headSeq, range[0] + (range[1] - range[0]) / 2, range[1],
                    progress);
        }
        Walk walk = new Walk(stored, fromFile);
        try (EntryStream entries = new EntryStream(c, !postgres)) {
            VerificationResult broken = walk.run(entries, Long.MAX_VALUE, progress);
            if (broken != null) {
                return broken;
            }
        }
        progress.accept(walk.expected - 1);
        return walk.end(headSeq);
    }

    /**
     * Entries {@code ..m} on this thread and connection, {@code m..last} on another at the same
     * time; see the class comment for why the answer is the sequential walk's.
     */
    private VerificationResult inHalves(Connection c, boolean postgres, @Nullable String snapshot, List<Checkpoint> stored,
            List<Checkpoint> fromFile, long headSeq, long m, long last, LongConsumer progress) throws SQLException {
        Tally tally = new Tally(progress);
        SecondHalf second = new SecondHalf(new Walk(stored, fromFile, m), postgres, snapshot, last, tally);
        FutureTask<@Nullable VerificationResult> task = new FutureTask<>(second);
        Thread thread = new Thread(task, "audit-verify-second-half");
        thread.setDaemon(true);
        thread.start();
        Walk first = new Walk(stored, fromFile);
        VerificationResult answer = null;
        try {
            try (EntryStream entries = new EntryStream(c, !postgres, Long.MIN_VALUE, m + 1)) {
                // Entry m + 1 is read only as the look-ahead that names a break at entry m.
                answer = first.run(entries, m, n -> tally.tell(n + tally.second.get()));
            }
            if (answer != null) {
                return answer;
            }
            VerificationResult secondAnswer = await(task, () -> tally.tell(first.consumed + tally.second.get()));
            byte[] seed = second.seed();
            if (first.consumed == m && first.expected == m + 1 && seed != null && MessageDigest.isEqual(first.previous, seed)
                    && first.storedAt == second.walk.storedAt0 && first.fileAt == second.walk.fileAt0) {
                answeredInHalves = true;
                if (secondAnswer != null) {
                    return secondAnswer;
                }
                tally.tell(second.walk.expected - 1);
                return second.walk.end(headSeq);
            }
        } finally {
            second.walk.stopped = true;
            joinQuietly(thread);
        }
        // The first half did not end where the second began: it goes on alone, as the sequential walk would.
        try (EntryStream rest = new EntryStream(c, !postgres, first.consumed == Long.MIN_VALUE ? Long.MIN_VALUE : first.consumed + 1,
                last)) {
            answer = first.run(rest, Long.MAX_VALUE, tally::tell);
        }
        if (answer != null) {
            return answer;
        }
        tally.tell(first.expected - 1);
        return first.end(headSeq);
    }

    /**
     * The sequential walk's state: the chain recomputed so far, the next sequence number expected,
     * and how far each list of checkpoints has been checked. One walk runs on one thread.
     */
    private final class Walk {

        private final List<Checkpoint> stored;
        private final List<Checkpoint> fromFile;
        private final ChainMac chain = keys.newChainMac();
        private byte[] previous;
        private byte[] computed = new byte[ChainMac.LENGTH];
        private long expected;
        private int storedAt;
        private int fileAt;
        /** Where a walk that starts in the middle starts checking checkpoints. */
        private final int storedAt0;
        private final int fileAt0;
        private boolean first;
        /** The sequence number of the last entry read (other than as look-ahead). */
        private long consumed = Long.MIN_VALUE;
        private volatile boolean stopped;

        /** From the start of the trail. */
        Walk(List<Checkpoint> stored, List<Checkpoint> fromFile) {
            this.stored = stored;
            this.fromFile = fromFile;
            this.previous = EntryEncoding.GENESIS.clone();
            this.expected = 1;
            this.first = true;
            this.storedAt0 = 0;
            this.fileAt0 = 0;
        }

        /** After entry {@code after}, once {@link #seed seeded} with that entry's MAC. */
        Walk(List<Checkpoint> stored, List<Checkpoint> fromFile, long after) {
            this.stored = stored;
            this.fromFile = fromFile;
            this.previous = new byte[0];
            this.expected = after + 1;
            this.first = false;
            this.storedAt = this.storedAt0 = firstAfter(stored, after);
            this.fileAt = this.fileAt0 = firstAfter(fromFile, after);
            this.consumed = after;
        }

        void seed(byte[] mac) {
            previous = mac.clone();
        }

        /**
         * Walks the entries until entry {@code through} has been checked or the stream ends.
         *
         * @param tick told the next expected sequence number every {@value #PROGRESS_EVERY} entries
         * @return the break, or null if none so far
         */
        @Nullable VerificationResult run(EntryStream rs, long through, LongConsumer tick) throws SQLException {
            while (!stopped && expected <= through && rs.next()) {
                long seq = rs.seq();
                consumed = seq;
                if (first && seq > 1) {
                    // A pruned trail starts after a signed checkpoint older than the retention: the chain
                    // continues from that checkpoint's head. Anything else missing at the start is a break.
                    Checkpoint anchor = anchor(stored, fromFile, seq - 1);
                    if (anchor != null) {
                        previous = anchor.headMac().clone();
                        expected = seq;
                        for (; storedAt < stored.size() && stored.get(storedAt).seq() < seq; storedAt++) {
                            if (!signed(stored.get(storedAt))) {
                                return new VerificationResult.Broken(stored.get(storedAt).seq(), BreakKind.CHECKPOINT_FORGED,
                                        "the checkpoint at entry " + stored.get(storedAt).seq() + " has no valid signature");
                            }
                        }
                        for (; fileAt < fromFile.size() && fromFile.get(fileAt).seq() < seq; fileAt++) {
                            if (!signed(fromFile.get(fileAt))) {
                                return new VerificationResult.Broken(fromFile.get(fileAt).seq(), BreakKind.CHECKPOINT_FORGED,
                                        "the checkpoints file's checkpoint at entry " + fromFile.get(fileAt).seq()
                                                + " has no valid signature");
                            }
                        }
                    }
                }
                first = false;
                if (seq != expected) {
                    return new VerificationResult.Broken(expected, BreakKind.MISSING,
                            "entry " + expected + " is missing (the next present is " + seq + ")");
                }
                chain.update(previous, 0, previous.length);
                rs.addEncodingTo(chain);
                chain.finish(computed, 0);
                if (!rs.storedMacIs(computed)) {
                    Entry current = rs.copy();
                    return classify(previous, current, rs.next() ? rs.copy() : null);
                }
                for (; storedAt < stored.size() && stored.get(storedAt).seq() == expected; storedAt++) {
                    VerificationResult problem = checkpoint(stored.get(storedAt), computed, false);
                    if (problem != null) {
                        return problem;
                    }
                }
                for (; fileAt < fromFile.size() && fromFile.get(fileAt).seq() == expected; fileAt++) {
                    VerificationResult problem = checkpoint(fromFile.get(fileAt), computed, true);
                    if (problem != null) {
                        return problem;
                    }
                }
                if (expected % PROGRESS_EVERY == 0) {
                    tick.accept(expected);
                }
                byte[] swap = previous;
                previous = computed;
                computed = swap;
                expected++;
            }
            return null;
        }

        /** The answer once the entries have run out without a break: what lies beyond them. */
        VerificationResult end(long headSeq) {
            long last = expected - 1;
            if (storedAt < stored.size()) {
                Checkpoint beyond = stored.get(storedAt);
                if (!signed(beyond)) {
                    return new VerificationResult.Broken(beyond.seq(), BreakKind.CHECKPOINT_FORGED,
                            "the checkpoint at entry " + beyond.seq() + " has no valid signature");
                }
                return new VerificationResult.Broken(last + 1, BreakKind.TRUNCATED, "the trail ends at entry " + last
                        + " but was truncated after checkpoint " + lastBelow(stored, last) + ": a signed checkpoint covers entry " + beyond.seq());
            }
            if (fileAt < fromFile.size()) {
                Checkpoint beyond = fromFile.get(fileAt);
                if (signed(beyond)) {
                    return new VerificationResult.Broken(last + 1, BreakKind.ROLLED_BACK, "the trail ends at entry " + last
                            + " but the checkpoints file has a signed checkpoint at entry " + beyond.seq()
                            + ": the database was rolled back or truncated");
                }
                return new VerificationResult.Broken(beyond.seq(), BreakKind.CHECKPOINT_FORGED,
                        "the checkpoints file's checkpoint at entry " + beyond.seq() + " has no valid signature");
            }
            if (headSeq > last) {
                return new VerificationResult.Broken(last + 1, BreakKind.TRUNCATED, "the trail ends at entry " + last
                        + " but its head records entry " + headSeq + ": truncated after checkpoint " + lastBelow(stored, last));
            }
            return new VerificationResult.Intact(last, stored.size());
        }
    }

    /**
     * The second half on a connection of its own: reads entry {@code m} only for its stored MAC
     * (the seed), then walks {@code m + 1..last}. Its answer is used only if the first half confirms
     * the seed.
     */
    private final class SecondHalf implements java.util.concurrent.Callable<@Nullable VerificationResult> {

        final Walk walk;
        private final boolean postgres;
        private final @Nullable String snapshot;
        private final long last;
        private final Tally tally;
        private volatile byte @Nullable [] seed;

        SecondHalf(Walk walk, boolean postgres, @Nullable String snapshot, long last, Tally tally) {
            this.walk = walk;
            this.postgres = postgres;
            this.snapshot = snapshot;
            this.last = last;
            this.tally = tally;
        }

        /** Entry {@code m}'s stored MAC as this half read it, or null if it did not find entry {@code m}. */
        byte @Nullable [] seed() {
            return seed;
        }

        @Override
        public @Nullable VerificationResult call() throws SQLException {
            long m = walk.consumed;
            try (Connection c = dataSource.getConnection()) {
                begin(c, postgres);
                try {
                    if (snapshot != null) {
                        importSnapshot(c, snapshot);
                    }
                    try (EntryStream entries = new EntryStream(c, !postgres, m, last)) {
                        if (!entries.next() || entries.seq() != m) {
                            return null;
                        }
                        seed = entries.copy().mac();
                        walk.seed(seed);
                        return walk.run(entries, Long.MAX_VALUE, n -> tally.second.set(n - m));
                    }
                } finally {
                    end(c, postgres);
                }
            }
        }
    }

    /**
     * Progress of both halves, told to the caller on its own thread only and never going back: the
     * first half's sequence number plus the number of entries the second half has checked.
     */
    private static final class Tally {
        private final LongConsumer progress;
        final AtomicLong second = new AtomicLong();
        private long told;

        Tally(LongConsumer progress) {
            this.progress = progress;
        }

        void tell(long checked) {
            if (checked > told) {
                told = checked;
                progress.accept(checked);
            }
        }
    }

    /** The second half's answer, waiting for it while telling progress now and then. */
    private static @Nullable VerificationResult await(FutureTask<@Nullable VerificationResult> task, Runnable tellProgress)
            throws SQLException {
        while (true) {
            try {
                return task.get(250, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                tellProgress.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while verifying the audit trail", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof SQLException cause) {
                    throw cause;
                }
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw new IllegalStateException("could not verify the audit trail", e.getCause());
            }
        }
    }

    private static void joinQuietly(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The index of the first checkpoint after entry {@code seq} in a list sorted by sequence number. */
    private static int firstAfter(List<Checkpoint> checkpoints, long seq) {
        int i = 0;
        while (i < checkpoints.size() && checkpoints.get(i).seq() <= seq) {
            i++;
        }
        return i;
    }

    /** A signed checkpoint at {@code seq}, in the database or the file, made before the retention's start. */
    private @Nullable Checkpoint anchor(List<Checkpoint> stored, List<Checkpoint> fromFile, long seq) {
        for (List<Checkpoint> list : List.of(stored, fromFile)) {
            for (Checkpoint c : list) {
                if (c.seq() == seq && c.createdAt() < keepSince && signed(c)) {
                    return c;
                }
            }
        }
        return null;
    }

    private @Nullable VerificationResult checkpoint(Checkpoint checkpoint, byte[] computed, boolean inFile) {
        String where = inFile ? "the checkpoints file's checkpoint" : "the checkpoint";
        if (!signed(checkpoint)) {
            return new VerificationResult.Broken(checkpoint.seq(), BreakKind.CHECKPOINT_FORGED,
                    where + " at entry " + checkpoint.seq() + " has no valid signature");
        }
        if (!MessageDigest.isEqual(checkpoint.headMac(), computed)) {
            return new VerificationResult.Broken(checkpoint.seq(), inFile ? BreakKind.ROLLED_BACK : BreakKind.CHECKPOINT_MISMATCH,
                    where + " at entry " + checkpoint.seq() + " was signed for a different chain"
                            + (inFile ? ": the database was rolled back and written again" : ""));
        }
        return null;
    }

    private boolean signed(Checkpoint checkpoint) {
        try {
            return keys.verifyCheckpoint(checkpoint.keyId(), checkpoint.signedBytes(), checkpoint.signature());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Names a break at {@code current}, whose MAC does not match, using the entry after it: the
     * stored MACs are consulted only here, after the break is certain.
     */
    private VerificationResult classify(byte[] previous, Entry current, @Nullable Entry next) {
        long seq = current.seq();
        if (next != null && next.seq() == seq + 1) {
            boolean nextBelongsHere = matches(previous, next, seq);
            if (nextBelongsHere && matches(next.mac(), current, seq + 1)) {
                return new VerificationResult.Broken(seq, BreakKind.REORDERED, "entries " + seq + " and " + (seq + 1) + " were swapped");
            }
            if (nextBelongsHere) {
                return new VerificationResult.Broken(seq, BreakKind.INSERTED,
                        "entry " + seq + " was inserted and the entries after it renumbered");
            }
            if (matches(current.mac(), next, next.seq())) {
                return new VerificationResult.Broken(seq, BreakKind.ALTERED, "entry " + seq + " was altered");
            }
        }
        return new VerificationResult.Broken(seq, BreakKind.FORGED,
                "entry " + seq + " does not match its MAC: altered together with its MAC, or forged");
    }

    /** Whether {@code entry}, taken as entry {@code asSeq}, chains from {@code previous} to its stored MAC. */
    private boolean matches(byte[] previous, Entry entry, long asSeq) {
        return MessageDigest.isEqual(mac(previous, entry, asSeq), entry.mac());
    }

    /** Through {@link AuditKeys#chainMac}, the appender's own path, rather than the reused {@link ChainMac}. */
    private byte[] mac(byte[] previous, Entry entry, long asSeq) {
        byte[] encoding = entry.encodingAs(asSeq);
        byte[] input = Arrays.copyOf(previous, previous.length + encoding.length);
        System.arraycopy(encoding, 0, input, previous.length, encoding.length);
        return keys.chainMac(input);
    }

    private static String lastBelow(List<Checkpoint> stored, long last) {
        long k = 0;
        for (Checkpoint c : stored) {
            if (c.seq() <= last) {
                k = c.seq();
            }
        }
        return k == 0 ? "none (the start)" : "at entry " + k;
    }

    private static List<Checkpoint> storedCheckpoints(Connection c) throws SQLException {
        List<Checkpoint> list = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT seq, head_mac, created_at, key_id, signature FROM audit_checkpoint ORDER BY seq");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                list.add(new Checkpoint(rs.getLong(1), rs.getBytes(2), rs.getLong(3), rs.getString(4), rs.getBytes(5)));
            }
        }
        return list;
    }

    private static long headSeq(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT seq FROM audit_head WHERE id = 1");
                ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** The lowest and highest sequence numbers stored, or null for an empty trail. */
    private static long @Nullable [] range(Connection c) throws SQLException {
        // Two subqueries: each is one step along the primary key (MIN and MAX together would scan).
        try (PreparedStatement s = c.prepareStatement(
                "SELECT (SELECT MIN(seq) FROM audit_entry), (SELECT MAX(seq) FROM audit_entry)");
                ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            long min = rs.getLong(1);
            if (rs.wasNull()) {
                return null;
            }
            return new long[] {min, rs.getLong(2)};
        }
    }

    /** PostgreSQL: names this transaction's snapshot, for the second half to read the same one. */
    private static String exportSnapshot(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_export_snapshot()");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void importSnapshot(Connection c, String snapshot) throws SQLException {
        if (!SNAPSHOT_ID.matcher(snapshot).matches()) {
            throw new SQLException("unexpected snapshot name from the database");
        }
        // SET TRANSACTION takes no parameters; the name, checked above, comes from the database.
        try (java.sql.Statement s = c.createStatement()) {
            s.execute("SET TRANSACTION SNAPSHOT '" + snapshot + "'");
        }
    }
}
