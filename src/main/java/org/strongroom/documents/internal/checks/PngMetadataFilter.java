package org.strongroom.documents.internal.checks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * Removes metadata from a PNG as it streams. Kept: critical chunks (IHDR, PLTE, IDAT, IEND and
 * any other whose name starts with a capital) and the ancillary chunks that change how the
 * picture looks (transparency, colour space and profile, gamma, background, pixel size, suggested
 * palettes, animation). Dropped: every other ancillary chunk — eXIf, tEXt, zTXt, iTXt, tIME and
 * the private chunks of editing programs — and anything after IEND. Every chunk's CRC is checked.
 */
final class PngMetadataFilter extends SegmentFilter {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private static final Set<String> KEPT = Set.of("tRNS", "cHRM", "gAMA", "iCCP", "sBIT", "sRGB", "cICP", "mDCV", "mDCv",
            "cLLI", "cLLi", "bKGD", "pHYs", "sPLT", "hIST", "acTL", "fcTL", "fdAT");

    private boolean started;
    private boolean first = true;
    private boolean inCrc;
    private boolean kept;
    private boolean last;
    private final CRC32 crc = new CRC32();

    PngMetadataFilter(InputStream in) {
        super(in);
    }

    @Override
    void step() throws IOException {
        if (!started) {
            byte[] signature = new byte[8];
            readFully(signature, 8);
            if (!java.util.Arrays.equals(signature, SIGNATURE)) {
                throw new UploadRefused(BAD_IMAGE);
            }
            emit(signature, 0, 8);
            started = true;
            return;
        }
        if (inCrc) {
            byte[] stored = new byte[4];
            readFully(stored, 4);
            long expected = (stored[0] & 0xFFL) << 24 | (stored[1] & 0xFF) << 16 | (stored[2] & 0xFF) << 8 | stored[3] & 0xFF;
            if (expected != crc.getValue()) {
                throw new UploadRefused(BAD_IMAGE);
            }
            if (kept) {
                emit(stored, 0, 4);
            }
            inCrc = false;
            if (last) {
                end();
            }
            return;
        }
        byte[] header = new byte[8];
        readFully(header, 8);
        long length = (header[0] & 0xFFL) << 24 | (header[1] & 0xFF) << 16 | (header[2] & 0xFF) << 8 | header[3] & 0xFF;
        if (length > 0x7FFFFFFFL) {
            throw new UploadRefused(BAD_IMAGE);
        }
        for (int i = 4; i < 8; i++) {
            int c = header[i];
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                throw new UploadRefused(BAD_IMAGE);
            }
        }
        String type = new String(header, 4, 4, StandardCharsets.ISO_8859_1);
        if (first != type.equals("IHDR")) {
            throw new UploadRefused(BAD_IMAGE);
        }
        first = false;
        last = type.equals("IEND");
        kept = Character.isUpperCase(type.charAt(0)) || KEPT.contains(type);
        crc.reset();
        crc.update(header, 4, 4);
        inCrc = true;
        if (kept) {
            emit(header, 0, 8);
            pass(length);
        } else {
            drop(length);
        }
    }

    @Override
    void segmentBytes(byte[] b, int off, int len) {
        crc.update(b, off, len);
    }
}
