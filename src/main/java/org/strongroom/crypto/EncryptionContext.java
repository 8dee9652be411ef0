package org.strongroom.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Where an encrypted value lives: the kind of record, the record's id and the field. Bound to the
 * ciphertext as associated data together with the client's id, so a value copied to another
 * record, another field or another client's row does not decrypt. (The key version is bound too:
 * it is the key id that prefixes every ciphertext and selects the key that must verify it.)
 *
 * @param recordType e.g. {@code client_profile}, {@code note}
 * @param recordId   the record's stable id
 * @param field      the field key, e.g. {@code email}
 */
public record EncryptionContext(String recordType, String recordId, String field) {

    private static final int MAX_PART_LENGTH = 200;
    private static final byte[] LABEL = "strongroom/field/v1\0".getBytes(StandardCharsets.US_ASCII);

    public EncryptionContext {
        requirePart("recordType", recordType);
        requirePart("recordId", recordId);
        requirePart("field", field);
    }

    private static void requirePart(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        if (value.length() > MAX_PART_LENGTH || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(name + " must be at most " + MAX_PART_LENGTH + " characters without NUL");
        }
    }

    /**
     * The canonical associated data for this context under one client: a domain label, the
     * client id as 16 bytes, and each text part length-prefixed, so no two different contexts
     * encode to the same bytes.
     */
    public byte[] associatedData(UUID clientId) {
        byte[] type = recordType.getBytes(StandardCharsets.UTF_8);
        byte[] id = recordId.getBytes(StandardCharsets.UTF_8);
        byte[] name = field.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(LABEL.length + 16 + 6 + type.length + id.length + name.length);
        out.put(LABEL).putLong(clientId.getMostSignificantBits()).putLong(clientId.getLeastSignificantBits());
        for (byte[] part : new byte[][] {type, id, name}) {
            out.putShort((short) part.length).put(part);
        }
        return out.array();
    }
}
