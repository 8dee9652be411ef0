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
import java.util.function.LongConsumer;

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
 */
final class ChainVerifier {

    private static final int PROGRESS_EVERY = 1 << 14;

    private final DataSource dataSource;
    private final AuditKeys keys;
    private final @Nullable CheckpointFile file;
    private final long keepSince;

    /**
     * @param keepSince epoch milliseconds before which entries may have been pruned: a trail may
     *                  start after entry 1 only at a signed checkpoint made before this time
     *                  ({@code strongroom audit prune})
     */
    ChainVerifier(DataSource dataSource, AuditKeys keys, @Nullable CheckpointFile file, long keepSince) {
        this.dataSource = dataSource;
        this.keys = keys;
        this.file = file;
        this.keepSince = keepSince;
    }

    VerificationResult verify(LongConsumer progress) {
        List<Checkpoint> fromFile;
        try {
            fromFile = new ArrayList<>(file == null ? List.of() : file.read());
        } catch (IllegalArgumentException e) {
            return new VerificationResult.Broken(0, BreakKind.UNREADABLE, e.getMessage());
        }
        fromFile.sort(Comparator.comparingLong(Checkpoint::seq));
        try (Connection c = dataSource.getConnection()) {
            boolean postgres = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
            if (postgres) {
                c.setAutoCommit(false);
                c.setReadOnly(true);
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            }
            try {
                return verify(c, postgres, fromFile, progress);
            } finally {
                if (postgres) {
                    c.rollback();
                    c.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the audit trail", e);
        }
    }

    private VerificationResult verify(Connection c, boolean postgres, List<Checkpoint> fromFile, LongConsumer progress)
            throws SQLException {
        List<Checkpoint> stored = storedCheckpoints(c);
        long headSeq = headSeq(c);
        try (EntryStream entries = new EntryStream(c, !postgres)) {
            return walk(entries, stored, fromFile, headSeq, progress);
        }
    }

    private VerificationResult walk(EntryStream rs, List<Checkpoint> stored, List<Checkpoint> fromFile, long headSeq,
            LongConsumer progress) throws SQLException {
        ChainMac chain = keys.newChainMac();
        byte[] previous = EntryEncoding.GENESIS.clone();
        byte[] computed = new byte[ChainMac.LENGTH];
        long expected = 1;
        int storedAt = 0;
        int fileAt = 0;
        boolean first = true;
        while (rs.next()) {
            long seq = rs.seq();
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
                progress.accept(expected);
            }
            byte[] swap = previous;
            previous = computed;
            computed = swap;
            expected++;
        }
        long last = expected - 1;
        progress.accept(last);
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
}
