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
        Writer w = new Writer(previousMac.length + 160);
        w.raw(previousMac);
        w.raw(new byte[] {ENTRY_VERSION});
        w.int64(row.seq());
        w.int64(row.occurredAt());
        w.text(row.actorType());
        w.text(row.actorId());
        w.text(row.action());
        w.text(row.resourceType());
        w.text(row.resourceId());
        w.text(row.clientId());
        w.text(row.outcome());
        w.text(row.reason());
        w.text(row.sourceAddress());
        w.text(row.userAgentHash());
        w.text(row.requestId());
        return w.bytes();
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
