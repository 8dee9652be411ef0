package org.strongroom.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Bearer secrets for one-time links (setup, invitations, resets): 256 bits from the platform
 * CSPRNG, URL-safe. Only their SHA-256 digest is ever stored, so a database reader cannot use a
 * pending link; 256 bits of entropy make a plain (unkeyed) digest sufficient.
 */
public final class SecretTokens {

    /** Bits of entropy in every token; at least 128 are required, 256 leave margin. */
    public static final int BITS = 256;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private SecretTokens() {
    }

    /** A fresh token, URL-safe base64 of {@link #BITS} random bits (43 characters). */
    public static String generate() {
        byte[] bytes = new byte[BITS / 8];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /** The digest to store and look a token up by; lower-case hex SHA-256 of its text. */
    public static String digest(String token) {
        if (token == null) {
            throw new IllegalArgumentException("token must not be null");
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** Whether the text has the shape of a token this class made (cheap check before any lookup). */
    public static boolean isWellFormed(String token) {
        return token != null && token.length() == 43 && token.chars().allMatch(c ->
                (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_');
    }
}
