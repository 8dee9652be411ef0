package org.strongroom.clients.internal.imports;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns an uploaded file into text, strictly. Accepted: UTF-8 with or without a byte-order mark,
 * UTF-16 (either byte order) with a byte-order mark, and Windows-1251 only when the person
 * importing chose it (it cannot be told apart from other single-byte encodings by looking). Any
 * byte sequence that is not valid in the encoding refuses the whole file — nothing is replaced
 * or guessed, so no value is silently corrupted. NUL characters refuse the file too (they hide
 * values from the eye and truncate them in C-based tools).
 */
public final class TextDecoder {

    /** The encodings a person can choose. */
    public enum Choice {
        /** UTF-8, or UTF-16 when the file starts with its byte-order mark. */
        AUTO,
        WINDOWS_1251
    }

    private TextDecoder() {
    }

    public static String decode(byte[] bytes, Choice choice) {
        if (bytes.length > ImportLimits.MAX_BYTES) {
            throw new FileRefused("clientimport.error.tooLarge", 0);
        }
        String text;
        if (choice == Choice.WINDOWS_1251) {
            int skip = startsWith(bytes, 0xEF, 0xBB, 0xBF) ? 3 : 0;
            text = strict(bytes, skip, Charset.forName("windows-1251"));
        } else if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            text = strict(bytes, 3, StandardCharsets.UTF_8);
        } else if (startsWith(bytes, 0xFE, 0xFF)) {
            text = strict(bytes, 2, StandardCharsets.UTF_16BE);
        } else if (startsWith(bytes, 0xFF, 0xFE)) {
            text = strict(bytes, 2, StandardCharsets.UTF_16LE);
        } else {
            if (bytes.length >= 2 && (bytes[0] == 0 || bytes[1] == 0)) {
                // UTF-16 or UTF-32 without a byte-order mark: refuse rather than guess the order
                throw new FileRefused("clientimport.error.encoding", 1);
            }
            text = strict(bytes, 0, StandardCharsets.UTF_8);
        }
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            throw new FileRefused("clientimport.error.nul", lineOf(text, nul));
        }
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        return text;
    }

    private static String strict(byte[] bytes, int offset, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new FileRefused("clientimport.error.encoding", lineOfBadByte(bytes, offset, charset));
        }
    }

    /** The line holding the first undecodable byte (decoding stops there; the prefix is counted). */
    private static int lineOfBadByte(byte[] bytes, int offset, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        decoder.decode(in, out, true);
        out.flip();
        int lines = 1;
        while (out.hasRemaining()) {
            if (out.get() == '\n') {
                lines++;
            }
        }
        return lines;
    }

    static int lineOf(String text, int index) {
        int lines = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                lines++;
            }
        }
        return lines;
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
