package org.strongroom.crypto.internal;

import java.security.InvalidKeyException;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.HmacOneTimePasswordGenerator;

/** HOTP (RFC 4226) with HMAC-SHA1 and six digits, the form every authenticator app reads. */
public final class Hotp {

    private static final HmacOneTimePasswordGenerator GENERATOR = new HmacOneTimePasswordGenerator(6);

    private Hotp() {
    }

    /** The code for a counter value, as six digits with leading zeros. */
    public static String code(byte[] seed, long counter) {
        try {
            return String.format("%06d", GENERATOR.generateOneTimePassword(new SecretKeySpec(seed, "HmacSHA1"), counter));
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("seed unusable as an HMAC key", e);
        }
    }
}
