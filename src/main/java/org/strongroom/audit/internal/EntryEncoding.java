package org.strongroom.audit.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

/**
 * The canonical, versioned byte encodings the chain MACs, checkpoint signatures and keyed hashes are
 * computed over (docs/security/audit-format.md). Changing anything here breaks every existing
 * trail: add a new version instead.
 */
final class EntryEncoding {

    /** Format version of an entry's canonical encoding. */
    static final byte ENTRY_VERSION = 1;
    /** The "previous MAC" of the first entry. */
    static final byte[] GENESIS = new byte[32];

    private static final byte[] CHECKPOINT_TAG = "strongroom-audit-checkpoint\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte CHECKPOINT_VERSION = 1;
    private static final byte[] VALUE_TAG = "strongroom-audit-value\0".getBytes(StandardCharsets.US_ASCII);

    private EntryEncoding() {
    }

    /** What the chain MAC of {@code row} is computed over: the previous MAC, then the entry's encoding. */
    static byte[] chainInput(byte[] previousMac, AuditRow row) {
        return chainInput(previousMac, row.seq(), row.occurredAt(), new byte[][] {
                utf8(row.actorType()), utf8(row.actorId()), utf8(row.action()), utf8(row.resourceType()),
                utf8(row.resourceId()), utf8(row.clientId()), utf8(row.outcome()), utf8(row.reason()),
                utf8(row.sourceAddress()), utf8(row.userAgentHash()), utf8(row.requestId())});
    }

    /**
     * The same, from the text fields' UTF-8 bytes in column order (actor type, actor id, action,
     * resource type, resource id, client id, outcome, reason, source address, user agent hash,
     * request id; null: absent).
     */
    static byte[] chainInput(byte[] previousMac, long seq, long occurredAt, byte[] @Nullable [] texts) {
        int size = previousMac.length + HEADER_LENGTH;
        for (byte[] t : texts) {
            size += textLength(t);
        }
        byte[] out = new byte[size];
        System.arraycopy(previousMac, 0, out, 0, previousMac.length);
        int at = header(out, previousMac.length, seq, occurredAt);
        for (byte[] t : texts) {
            at = text(out, at, t);
        }
        return out;
    }

    /** Length of an entry's header in its encoding: the version, the sequence number and the time. */
    static final int HEADER_LENGTH = 1 + 8 + 8;

    /** Where the sequence number starts in an entry's encoding (after the previous MAC). */
    static final int SEQ_OFFSET = 1;

    /** Writes an entry's header ({@value #HEADER_LENGTH} bytes) at {@code at}; returns the end. */
    static int header(byte[] out, int at, long seq, long occurredAt) {
        out[at] = ENTRY_VERSION;
        return int64(out, int64(out, at + 1, seq), occurredAt);
    }

    /** How many bytes {@link #text} writes for this value. */
    static int textLength(byte @Nullable [] utf8) {
        return utf8 == null ? 4 : 4 + utf8.length;
    }

    /** Writes one text field at {@code at}: a 4-byte big-endian length (-1: absent), then its UTF-8 bytes. */
    static int text(byte[] out, int at, byte @Nullable [] utf8) {
        if (utf8 == null) {
            return int32(out, at, -1);
        }
        int end = int32(out, at, utf8.length);
        System.arraycopy(utf8, 0, out, end, utf8.length);
        return end + utf8.length;
    }

    /** The same for {@code length} bytes of {@code source} from {@code from}. */
    static int text(byte[] out, int at, byte[] source, int from, int length) {
        int end = int32(out, at, length);
        System.arraycopy(source, from, out, end, length);
        return end + length;
    }

    private static byte @Nullable [] utf8(@Nullable String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    static int int64(byte[] out, int at, long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out[at++] = (byte) (value >>> shift);
        }
        return at;
    }

    private static int int32(byte[] out, int at, int value) {
        out[at] = (byte) (value >>> 24);
        out[at + 1] = (byte) (value >>> 16);
        out[at + 2] = (byte) (value >>> 8);
        out[at + 3] = (byte) value;
        return at + 4;
    }

    /** What a checkpoint's Ed25519 signature covers. */
    static byte[] checkpointInput(long seq, byte[] headMac, long createdAt) {
        Writer w = new Writer(CHECKPOINT_TAG.length + 64);
        w.raw(CHECKPOINT_TAG);
        w.raw(new byte[] {CHECKPOINT_VERSION});
        w.int64(seq);
        w.raw(headMac);
        w.int64(createdAt);
        return w.bytes();
    }

    /** What a keyed hash of a sensitive value is computed over. */
    static byte[] valueInput(String purpose, String value) {
        Writer w = new Writer(VALUE_TAG.length + 64);
        w.raw(VALUE_TAG);
        w.text(purpose);
        w.text(value);
        return w.bytes();
    }

    static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static final class Writer {
        private final ByteArrayOutputStream out;
        private final ByteBuffer eight = ByteBuffer.allocate(8);

        Writer(int size) {
            out = new ByteArrayOutputStream(size);
        }

        void raw(byte[] bytes) {
            out.writeBytes(bytes);
        }

        void int64(long value) {
            eight.clear();
            out.writeBytes(eight.putLong(value).array());
        }

        /** A 4-byte big-endian length (-1: absent), then the UTF-8 bytes. */
        void text(@Nullable String value) {
            if (value == null) {
                int32(-1);
                return;
            }
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            int32(bytes.length);
            out.writeBytes(bytes);
        }

        private void int32(int value) {
            out.write(value >>> 24);
            out.write(value >>> 16);
            out.write(value >>> 8);
            out.write(value);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
