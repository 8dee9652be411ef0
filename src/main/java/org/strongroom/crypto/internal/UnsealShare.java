package org.strongroom.crypto.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Shamir share of the key-encryption key, as text a custodian can print, store and type:
 * {@code srs1.SET.K.INDEX.SHARE.CHECK} — the set id (8 hex digits, random per split, so shares of
 * two different splits are never mixed), the threshold k, the share's index (1–255), the share
 * bytes in unpadded base64url and a checksum (the first 4 bytes of SHA-256 over the rest, in hex).
 * The checksum tells a mistyped share from a wrong one; it is no secret and proves nothing about
 * the key. Whitespace anywhere is ignored, so shares may be copied in groups or over line breaks.
 */
record UnsealShare(String setId, int threshold, int index, byte[] bytes) {

    private static final Pattern SHAPE = Pattern.compile(
            "srs1\\.([0-9a-f]{8})\\.([0-9]{1,3})\\.([0-9]{1,3})\\.([A-Za-z0-9_-]{43})\\.([0-9a-f]{8})");
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();

    UnsealShare {
        if (threshold < 2 || threshold > 255 || index < 1 || index > 255 || bytes.length != SealedKeyFile.KEY_BYTES) {
            throw new IllegalArgumentException("a share needs a threshold of 2 to 255, an index of 1 to 255 and 32 bytes");
        }
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    String text() {
        String body = "srs1." + setId + "." + threshold + "." + index + "." + B64.encodeToString(bytes);
        return body + "." + checksum(body);
    }

    /** The share, or empty when the text is not a well-formed share with a matching checksum (a typo). */
    static Optional<UnsealShare> parse(String text) {
        if (text == null || text.length() > 400) {
            return Optional.empty();
        }
        String compact = text.replaceAll("\\s+", "");
        Matcher m = SHAPE.matcher(compact);
        if (!m.matches()) {
            return Optional.empty();
        }
        String body = compact.substring(0, compact.lastIndexOf('.'));
        if (!MessageDigest.isEqual(checksum(body).getBytes(StandardCharsets.US_ASCII), m.group(5).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        int threshold = Integer.parseInt(m.group(2));
        int index = Integer.parseInt(m.group(3));
        byte[] bytes;
        try {
            bytes = B64_DECODER.decode(m.group(4));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (threshold < 2 || threshold > 255 || index < 1 || index > 255 || bytes.length != SealedKeyFile.KEY_BYTES) {
            return Optional.empty();
        }
        return Optional.of(new UnsealShare(m.group(1), threshold, index, bytes));
    }

    private static String checksum(String body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    ("strongroom/unseal-share/v1\0" + body).getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    boolean sameSetAs(UnsealShare other) {
        return setId.equals(other.setId) && threshold == other.threshold;
    }

    boolean sameAs(UnsealShare other) {
        return sameSetAs(other) && index == other.index && MessageDigest.isEqual(bytes, other.bytes);
    }

    void wipe() {
        Arrays.fill(bytes, (byte) 0);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UnsealShare share && sameAs(share);
    }

    @Override
    public int hashCode() {
        return setId.hashCode() * 31 + index;
    }

    @Override
    public String toString() {
        return "UnsealShare[set " + setId + ", " + index + " of threshold " + threshold + "]";
    }
}
