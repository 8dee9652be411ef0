package org.strongroom.clients.internal;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.strongroom.crypto.BlindIndexes;
import org.strongroom.crypto.IndexedField;

/**
 * The opaque cursor of the master index: where a page ended ({@code last_touched_at}, id), bound
 * with a keyed MAC to the list it came from (the filters), so that a cursor that was altered,
 * made up, cut short or taken from another list is refused with an {@link IllegalArgumentException}
 * rather than read. The MAC is a keyed HMAC-SHA256 under the installation's blind-index key with
 * its own domain ({@code client.list_cursor}), truncated to 61 bits: the same on every server node
 * and after a restart, and verified under every key version in use.
 *
 * <p>A cursor reveals nothing the page did not already show (the last client's id and when it was
 * last touched); the MAC is there so that the list code never has to reason about hostile values.
 */
@Component
public class CursorCodec {

    /** Longer text is refused before decoding. */
    public static final int MAX_LENGTH = 120;

    private static final byte VERSION = 1;
    private static final int POSITION_BYTES = 1 + 8 + 16;
    private static final IndexedField MAC_FIELD = IndexedField.exact("client.list_cursor", Long.MAX_VALUE);
    private static final String INVALID = "cursor is not a cursor of this list (start again from the first page)";

    /** Where a page ended. */
    public record Position(long lastTouchedAt, UUID id) {
    }

    private final BlindIndexes macs;

    CursorCodec(BlindIndexes macs) {
        this.macs = macs;
    }

    /**
     * @param list a canonical description of the list's filters (the cursor is only valid for the same)
     */
    public String encode(Position position, String list) {
        byte[] body = body(position);
        byte[] mac = HexFormat.of().parseHex(macs.exact(MAC_FIELD, macInput(body, list)));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(ByteBuffer.allocate(body.length + mac.length)
                .put(body).put(mac).array());
    }

    /**
     * @throws IllegalArgumentException when the text is not a cursor this server made for this list
     */
    public Position decode(String cursor, String list) {
        if (cursor.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(INVALID);
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException(INVALID);
        }
        if (bytes.length <= POSITION_BYTES || bytes[0] != VERSION) {
            throw new IllegalArgumentException(INVALID);
        }
        byte[] body = java.util.Arrays.copyOf(bytes, POSITION_BYTES);
        String given = HexFormat.of().formatHex(bytes, POSITION_BYTES, bytes.length);
        boolean valid = false;
        for (String expected : macs.exactForSearch(MAC_FIELD, macInput(body, list))) {
            valid |= BlindIndexes.matches(expected, given);
        }
        if (!valid) {
            throw new IllegalArgumentException(INVALID);
        }
        ByteBuffer in = ByteBuffer.wrap(body, 1, POSITION_BYTES - 1);
        long touched = in.getLong();
        return new Position(touched, new UUID(in.getLong(), in.getLong()));
    }

    private static byte[] body(Position position) {
        return ByteBuffer.allocate(POSITION_BYTES).put(VERSION).putLong(position.lastTouchedAt())
                .putLong(position.id().getMostSignificantBits()).putLong(position.id().getLeastSignificantBits()).array();
    }

    private static String macInput(byte[] body, String list) {
        return HexFormat.of().formatHex(body) + "|" + list;
    }
}
