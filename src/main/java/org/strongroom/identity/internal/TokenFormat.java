package org.strongroom.identity.internal;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

import org.strongroom.crypto.SecretTokens;

/**
 * The text form of a personal access token, built so that secret scanners can find leaked tokens
 * and tell them from look-alikes without asking the server:
 * <pre>
 *   srpat_ + 43 characters (URL-safe base64 of 256 random bits) + 6 characters (base62 CRC32)
 * </pre>
 * 55 characters in all, matched by {@link #PATTERN}. The checksum covers the prefix and the random
 * part; it detects typos and truncation (and lets scanners drop false positives) but protects
 * nothing: the security rests on the 256 random bits, of which only the SHA-256 digest is stored.
 */
public final class TokenFormat {

    /** Every token starts with this; "Strongroom personal access token". */
    public static final String PREFIX = "srpat_";
    /** Length of the random part (URL-safe base64 without padding of 256 bits). */
    static final int RANDOM_LENGTH = 43;
    /** Length of the checksum (CRC32 in base62, left-padded with zeros). */
    static final int CHECKSUM_LENGTH = 6;
    public static final int LENGTH = PREFIX.length() + RANDOM_LENGTH + CHECKSUM_LENGTH;
    /** What a secret scanner should match (Java and PCRE syntax). */
    public static final String PATTERN = "\\bsrpat_[A-Za-z0-9_-]{43}[A-Za-z0-9]{6}\\b";

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private TokenFormat() {
    }

    /** A fresh token with {@link SecretTokens#BITS} bits from the platform CSPRNG. */
    public static String generate() {
        String body = PREFIX + SecretTokens.generate();
        return body + checksum(body);
    }

    /**
     * Whether the text has the exact shape of a token, checksum included. A cheap filter that
     * runs before any database lookup; passing it says nothing about whether the token is valid.
     */
    public static boolean isWellFormed(String text) {
        if (text == null || text.length() != LENGTH || !text.startsWith(PREFIX)) {
            return false;
        }
        String body = text.substring(0, PREFIX.length() + RANDOM_LENGTH);
        if (!SecretTokens.isWellFormed(body.substring(PREFIX.length()))) {
            return false;
        }
        return checksum(body).equals(text.substring(body.length()));
    }

    static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] digits = new char[CHECKSUM_LENGTH];
        for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
            digits[i] = BASE62.charAt((int) (value % 62));
            value /= 62;
        }
        return new String(digits);
    }
}
