package org.strongroom.crypto.internal;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.codahale.shamir.Scheme;

/**
 * Splits the key-encryption key into n Shamir shares of which any k recombine it (GF(256), one
 * polynomial per byte: fewer than k shares reveal nothing about the key).
 */
final class UnsealShares {

    private static final SecureRandom RANDOM = new SecureRandom();

    private UnsealShares() {
    }

    static List<UnsealShare> split(byte[] keyEncryptionKey, int shares, int threshold) {
        if (threshold < 2 || shares < threshold || shares > 255) {
            throw new IllegalArgumentException("need 2 <= threshold <= shares <= 255, got threshold " + threshold
                    + " and shares " + shares);
        }
        byte[] set = new byte[4];
        RANDOM.nextBytes(set);
        String setId = HexFormat.of().formatHex(set);
        Map<Integer, byte[]> parts = new Scheme(RANDOM, shares, threshold).split(keyEncryptionKey);
        List<UnsealShare> result = new ArrayList<>(shares);
        for (Map.Entry<Integer, byte[]> part : new TreeMap<>(parts).entrySet()) {
            result.add(new UnsealShare(setId, threshold, part.getKey(), part.getValue()));
            Arrays.fill(part.getValue(), (byte) 0);
        }
        return result;
    }

    /** Recombines k (or more) shares of one set; the caller wipes the result. */
    static byte[] join(List<UnsealShare> shares) {
        Map<Integer, byte[]> parts = new TreeMap<>();
        for (UnsealShare share : shares) {
            parts.put(share.index(), share.bytes());
        }
        try {
            return new Scheme(RANDOM, 255, shares.get(0).threshold()).join(parts);
        } finally {
            parts.values().forEach(bytes -> Arrays.fill(bytes, (byte) 0));
        }
    }
}
