package org.strongroom.documents.internal.checks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Removes metadata from a JPEG as it streams: every APPn and COM segment before the first scan
 * is dropped (Exif with GPS and the Exif thumbnail, XMP, IPTC/Photoshop, maker notes, comments,
 * multi-picture data) except JFIF APP0 (rewritten without its thumbnail), Adobe APP14 (colour
 * transform) and ICC profile APP2 segments; everything from the first SOS on is copied as it is.
 */
final class JpegMetadataFilter extends SegmentFilter {

    private static final byte[] JFIF = "JFIF\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] ADOBE = "Adobe".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] ICC = "ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1);

    private boolean started;

    JpegMetadataFilter(InputStream in) {
        super(in);
    }

    @Override
    void step() throws IOException {
        if (!started) {
            if (readByte() != 0xFF || readByte() != 0xD8) {
                throw new UploadRefused(BAD_IMAGE);
            }
            emit(0xFF, 0xD8);
            started = true;
            return;
        }
        if (readByte() != 0xFF) {
            throw new UploadRefused(BAD_IMAGE);
        }
        int marker = readByte();
        while (marker == 0xFF) {
            marker = readByte(); // fill bytes
        }
        if (marker == 0x00 || marker == 0xD8 || marker == 0xD9) {
            throw new UploadRefused(BAD_IMAGE); // no marker, a second start, or an end before any image data
        }
        if (marker >= 0xD0 && marker <= 0xD7 || marker == 0x01) {
            emit(0xFF, marker); // markers without a length
            return;
        }
        int length = readByte() << 8 | readByte();
        if (length < 2) {
            throw new UploadRefused(BAD_IMAGE);
        }
        int body = length - 2;
        if (marker == 0xDA) {
            emit(0xFF, marker, length >> 8, length & 0xFF);
            passRest();
            return;
        }
        boolean metadata = marker >= 0xE0 && marker <= 0xEF || marker == 0xFE;
        if (!metadata) {
            emit(0xFF, marker, length >> 8, length & 0xFF);
            pass(body);
            return;
        }
        byte[] id = new byte[Math.min(body, 14)];
        readFully(id, id.length);
        int rest = body - id.length;
        if (marker == 0xE0 && id.length == 14 && startsWith(id, JFIF)) {
            // JFIF without its thumbnail (a thumbnail can show what a crop removed)
            emit(0xFF, 0xE0, 0, 16);
            emit(id, 0, 12);
            emit(0, 0);
            drop(rest);
        } else if (marker == 0xEE && startsWith(id, ADOBE) || marker == 0xE2 && startsWith(id, ICC)) {
            emit(0xFF, marker, length >> 8, length & 0xFF);
            emit(id, 0, id.length);
            pass(rest);
        } else {
            drop(rest);
        }
    }

    private static boolean startsWith(byte[] id, byte[] prefix) {
        return id.length >= prefix.length && Arrays.equals(id, 0, prefix.length, prefix, 0, prefix.length);
    }
}
