package org.strongroom.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

import org.strongroom.crypto.internal.Hotp;

/**
 * Time-based one-time codes (TOTP, RFC 6238): HMAC-SHA1, six digits, 30-second steps, the
 * parameters every authenticator app understands. A code is accepted for the current step and
 * one step either side (clock drift); the caller records the step it matched and refuses that
 * step and earlier ones afterwards, so no code works twice.
 */
public final class OneTimeCodes {

    public static final Duration STEP = Duration.ofSeconds(30);
    public static final int DIGITS = 6;
    /** Seed length: 160 bits, as RFC 4226 recommends for HMAC-SHA1. */
    public static final int SEED_BYTES = 20;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private OneTimeCodes() {
    }

    public static byte[] newSeed() {
        byte[] seed = new byte[SEED_BYTES];
        RANDOM.nextBytes(seed);
        return seed;
    }

    /** The time step an instant falls in (Unix time / 30 s). */
    public static long stepAt(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), STEP.toSeconds());
    }

    /** The code for a step. */
    public static String code(byte[] seed, long step) {
        return Hotp.code(seed, step);
    }

    /**
     * The step whose code this is, among the current step and one either side; empty if none.
     * All three are compared, in time that does not depend on which (if any) matched. Spaces in
     * the typed code are ignored; anything but six digits matches nothing.
     */
    public static OptionalLong matchingStep(byte[] seed, String typed, Instant now) {
        String code = typed.replace(" ", "");
        if (code.length() != DIGITS || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        byte[] given = code.getBytes(StandardCharsets.US_ASCII);
        long current = stepAt(now);
        long found = Long.MIN_VALUE;
        for (long step = current - 1; step <= current + 1; step++) {
            if (MessageDigest.isEqual(code(seed, step).getBytes(StandardCharsets.US_ASCII), given) && found == Long.MIN_VALUE) {
                found = step;
            }
        }
        return found == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(found);
    }

    /** RFC 4648 base32 without padding: the text form of a seed that people type into an app. */
    public static String base32(byte[] bytes) {
        StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }
}
