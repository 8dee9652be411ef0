package org.strongroom.audit.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.strongroom.audit.AuditQuery;
import org.strongroom.crypto.AuditKeys;

/**
 * Writes a signed bundle: a header line, every entry of a period with its stored MAC, each
 * checkpoint right after the entry it covers, and a trailer with the SHA-256 of all lines before
 * it and an export signature of that digest (docs/security/audit-format.md, "Signed bundles").
 *
 * <p>A bundle covers a contiguous range of sequence numbers — a period, never a filter — so that an
 * offline verifier can see that nothing inside it is missing. While writing, the chain of the range
 * is recomputed with the chain key from the stored MAC of the entry before it, and every checkpoint
 * in it is checked (signature and head); the bundle is signed only if all of that holds. Entries
 * are read in batches of {@value #BATCH}, each in a short read of its own: constant memory.
 */
@Component
class SignedBundles {

    static final String FORMAT = "strongroom-audit-bundle";
    static final int VERSION = 1;
    private static final int BATCH = 1000;
    private static final String ENTRY_COLUMNS = "seq, occurred_at, actor_type, actor_id, action, resource_type,"
            + " resource_id, client_id, outcome, reason, source_address, user_agent_hash, request_id, mac";

    private final JdbcClient jdbc;
    private final AuditEntries entries;
    private final AuditKeys keys;
    private final Clock clock;

    SignedBundles(JdbcClient jdbc, AuditEntries entries, AuditKeys keys, Clock clock) {
        this.jdbc = jdbc;
        this.entries = entries;
        this.keys = keys;
        this.clock = clock;
    }

    /** The sequence numbers a period covers: {@code last = first - 1} when it holds no entry. */
    record Range(long first, long last) {
    }

    /**
     * @throws IllegalArgumentException if the query filters by anything but the period
     * @throws IllegalStateException    if the range does not chain or a checkpoint in it is bad (nothing is signed)
     */
    long write(AuditQuery query, OutputStream out) throws IOException {
        if (query.actorId() != null || query.clientId() != null || query.actionPrefix() != null || query.outcome() != null) {
            throw new IllegalArgumentException("a signed bundle covers a period (every entry in it) and takes no actor,"
                    + " client, action or outcome filter; export CSV or JSON Lines for a filtered selection");
        }
        Range range = range(query.from(), query.until());
        byte[] previousMac = previousMac(range.first());
        byte[] publicKey = keys.checkpointPublicKey();
        String keyId = keys.checkpointKeyId();
        Lines lines = new Lines(out);

        lines.add("{\"type\":\"header\",\"format\":\"" + FORMAT + "\",\"version\":" + VERSION
                + ",\"exportedAt\":\"" + ExportText.time(clock.millis()) + "\""
                + ",\"from\":" + ExportText.json(iso(query.from())) + ",\"until\":" + ExportText.json(iso(query.until()))
                + ",\"firstSeq\":" + range.first() + ",\"lastSeq\":" + range.last()
                + ",\"previousMac\":\"" + EntryEncoding.base64(previousMac) + "\""
                + ",\"keyId\":\"" + keyId + "\",\"publicKey\":\"" + EntryEncoding.base64(publicKey) + "\"}");
        // A checkpoint of the entry just before the range anchors the MAC the range starts from.
        if (range.first() > 1) {
            for (Checkpoint c : checkpoints(range.first() - 2, range.first() - 1)) {
                write(c, previousMac, keyId, lines);
            }
        }

        byte[] previous = previousMac;
        long expected = range.first();
        while (expected <= range.last()) {
            List<AuditRow> batch = batch(expected - 1, range.last());
            if (batch.isEmpty()) {
                throw broken(expected, "is missing");
            }
            List<Checkpoint> checkpoints = checkpoints(expected - 1, batch.get(batch.size() - 1).seq());
            int at = 0;
            for (AuditRow row : batch) {
                if (row.seq() != expected) {
                    throw broken(expected, "is missing");
                }
                byte[] computed = keys.chainMac(EntryEncoding.chainInput(previous, row));
                if (!MessageDigest.isEqual(computed, row.mac())) {
                    throw broken(row.seq(), "does not chain from the entry before it");
                }
                StringBuilder line = new StringBuilder(448).append("{\"type\":\"entry\",");
                ExportText.entryFields(line, row.seq(), row.occurredAt(), ExportText.texts(row));
                lines.add(line.append(",\"mac\":\"").append(EntryEncoding.base64(row.mac())).append("\"}").toString());
                for (; at < checkpoints.size() && checkpoints.get(at).seq() == row.seq(); at++) {
                    write(checkpoints.get(at), computed, keyId, lines);
                }
                previous = computed;
                expected++;
            }
        }
        byte[] digest = lines.digest();
        byte[] signature = keys.signExport(digest);
        lines.trailer("{\"type\":\"trailer\",\"sha256\":\"" + HexFormat.of().formatHex(digest)
                + "\",\"signature\":\"" + EntryEncoding.base64(signature) + "\"}");
        return range.last() - range.first() + 1;
    }

    Range range(@Nullable Instant from, @Nullable Instant until) {
        long head = entries.head().seq();
        long first = from == null ? 1 : jdbc.sql("SELECT MIN(seq) FROM audit_entry WHERE occurred_at >= :from AND seq <= :head")
                .param("from", from.toEpochMilli()).param("head", head).query(Long.class).optional().orElse(head + 1);
        long last = until == null ? head : jdbc.sql("SELECT MAX(seq) FROM audit_entry WHERE occurred_at < :until AND seq <= :head")
                .param("until", until.toEpochMilli()).param("head", head).query(Long.class).optional().orElse(0L);
        return new Range(first, Math.max(last, first - 1));
    }

    private byte[] previousMac(long first) {
        if (first <= 1) {
            return EntryEncoding.GENESIS;
        }
        return jdbc.sql("SELECT mac FROM audit_entry WHERE seq = :seq").param("seq", first - 1)
                .query((rs, n) -> rs.getBytes(1)).optional()
                .orElseThrow(() -> broken(first - 1, "is missing"));
    }

    private List<AuditRow> batch(long after, long last) {
        return jdbc.sql("SELECT " + ENTRY_COLUMNS + " FROM audit_entry WHERE seq > :after AND seq <= :last ORDER BY seq LIMIT :limit")
                .param("after", after).param("last", last).param("limit", BATCH)
                .query((rs, n) -> new AuditRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13),
                        AuditEntries.macOrGenesis(rs.getBytes(14))))
                .list();
    }

    /** The checkpoints with {@code after < seq <= upTo}: at most one per entry ({@code seq} is the primary key). */
    private List<Checkpoint> checkpoints(long after, long upTo) {
        return jdbc.sql("SELECT seq, head_mac, created_at, key_id, signature FROM audit_checkpoint"
                        + " WHERE seq > :after AND seq <= :upTo ORDER BY seq")
                .param("after", after).param("upTo", upTo)
                .query((rs, n) -> new Checkpoint(rs.getLong(1), rs.getBytes(2), rs.getLong(3), rs.getString(4), rs.getBytes(5)))
                .list();
    }

    /**
     * Checks a checkpoint against the recomputed chain and writes it. One signed by an earlier
     * version of the signing key is checked but left out: the bundle carries the current public key
     * only.
     */
    private void write(Checkpoint c, byte[] computed, String keyId, Lines lines) throws IOException {
        if (!keys.verifyCheckpoint(c.keyId(), c.signedBytes(), c.signature())) {
            throw new IllegalStateException("the checkpoint at entry " + c.seq()
                    + " has no valid signature; no bundle was signed. Run 'strongroom audit verify'");
        }
        if (!MessageDigest.isEqual(c.headMac(), computed)) {
            throw new IllegalStateException("the checkpoint at entry " + c.seq()
                    + " was signed for a different chain; no bundle was signed. Run 'strongroom audit verify'");
        }
        if (c.keyId().equals(keyId)) {
            lines.add("{\"type\":\"checkpoint\",\"seq\":" + c.seq() + ",\"headMac\":\"" + EntryEncoding.base64(c.headMac())
                    + "\",\"createdAt\":" + c.createdAt() + ",\"keyId\":\"" + c.keyId() + "\",\"signature\":\""
                    + EntryEncoding.base64(c.signature()) + "\"}");
        }
    }

    private static IllegalStateException broken(long seq, String what) {
        return new IllegalStateException("audit entry " + seq + " " + what
                + "; no bundle was signed. Run 'strongroom audit verify' to find the first break");
    }

    private static @Nullable String iso(@Nullable Instant instant) {
        return instant == null ? null : ExportText.time(instant.toEpochMilli());
    }

    /** Writes ASCII lines and hashes every one of them, each with its newline. */
    private static final class Lines {
        private final OutputStream out;
        private final MessageDigest sha256;

        Lines(OutputStream out) {
            this.out = out;
            try {
                this.sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
            }
        }

        void add(String line) throws IOException {
            byte[] bytes = (line + "\n").getBytes(StandardCharsets.US_ASCII);
            sha256.update(bytes);
            out.write(bytes);
        }

        byte[] digest() {
            return sha256.digest();
        }

        void trailer(String line) throws IOException {
            out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        }
    }
}
