package org.strongroom.documents.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The plaintext form of a document's encrypted metadata (title, type, date, tags): a versioned,
 * length-prefixed encoding — compact, exact, and independent of any JSON library's defaults.
 */
final class MetadataCodec {

    private static final int FORMAT = 1;

    private MetadataCodec() {
    }

    record Plain(String title, String type, @Nullable LocalDate date, List<String> tags) {
        Plain {
            tags = List.copyOf(tags);
        }
    }

    static byte[] encode(Plain plain) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeUTF(plain.title());
            out.writeUTF(plain.type());
            out.writeUTF(plain.date() == null ? "" : plain.date().toString());
            out.writeShort(plain.tags().size());
            for (String tag : plain.tags()) {
                out.writeUTF(tag);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Plain decode(byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            int format = in.readUnsignedByte();
            if (format != FORMAT) {
                throw new IllegalStateException("unknown document metadata format " + format);
            }
            String title = in.readUTF();
            String type = in.readUTF();
            String date = in.readUTF();
            int count = in.readUnsignedShort();
            List<String> tags = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                tags.add(in.readUTF());
            }
            return new Plain(title, type, date.isEmpty() ? null : LocalDate.parse(date), tags);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
