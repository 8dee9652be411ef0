package org.strongroom.crypto.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import org.jspecify.annotations.Nullable;

import com.google.crypto.tink.Aead;

/**
 * Tink's {@link Aead} on an AES key that stays inside a PKCS#11 token: AES-256-GCM computed by the
 * token through SunPKCS11. Ciphertext layout:
 *
 * <pre>
 * 0x01 ‖ key id (4 bytes) ‖ IV (12 random bytes) ‖ ciphertext ‖ tag (16 bytes)
 * </pre>
 *
 * <p>The key id is the first four bytes of SHA-256 over the key label, so a ciphertext made under
 * another label is refused before the token is asked. The five header bytes are authenticated
 * together with the caller's associated data (GCM AAD = header ‖ associated data; the header has a
 * fixed length, so the two cannot run into each other). Random 96-bit IVs keep the usual GCM bound:
 * at most 2<sup>32</sup> encryptions under one key, far above what wrapping client keys needs.
 *
 * <p>Every failure to decrypt is a {@link GeneralSecurityException}. Safe for concurrent use: each
 * call takes its own {@link Cipher}.
 */
final class Pkcs11Aead implements Aead {

    static final byte VERSION = 1;
    static final int KEY_ID_LENGTH = 4;
    static final int IV_LENGTH = 12;
    static final int TAG_BITS = 128;
    static final int HEADER_LENGTH = 1 + KEY_ID_LENGTH;
    static final int OVERHEAD = HEADER_LENGTH + IV_LENGTH + TAG_BITS / 8;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final Provider provider;
    private final SecretKey key;
    private final byte[] header;
    private final SecureRandom random = new SecureRandom();

    Pkcs11Aead(Provider provider, SecretKey key, String keyLabel) {
        this.provider = provider;
        this.key = key;
        this.header = ByteBuffer.allocate(HEADER_LENGTH).put(VERSION).put(keyId(keyLabel)).array();
    }

    /** The four bytes that name a key label in every ciphertext. */
    static byte[] keyId(String keyLabel) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyLabel.getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(digest, KEY_ID_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    @Override
    public byte[] encrypt(byte[] plaintext, byte @Nullable [] associatedData) throws GeneralSecurityException {
        if (plaintext == null) {
            throw new NullPointerException("plaintext");
        }
        byte[] iv = new byte[IV_LENGTH];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION, provider);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad(associatedData));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(HEADER_LENGTH + IV_LENGTH + sealed.length).put(header).put(iv).put(sealed).array();
        } catch (ProviderException e) {
            throw new GeneralSecurityException("the HSM could not encrypt", e);
        }
    }

    @Override
    public byte[] decrypt(byte[] ciphertext, byte @Nullable [] associatedData) throws GeneralSecurityException {
        if (ciphertext == null || ciphertext.length < OVERHEAD) {
            throw new GeneralSecurityException("ciphertext too short");
        }
        if (!MessageDigest.isEqual(Arrays.copyOf(ciphertext, HEADER_LENGTH), header)) {
            throw new GeneralSecurityException("ciphertext was not made by this root key");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION, provider);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, ciphertext, HEADER_LENGTH, IV_LENGTH));
            cipher.updateAAD(aad(associatedData));
            return cipher.doFinal(ciphertext, HEADER_LENGTH + IV_LENGTH, ciphertext.length - HEADER_LENGTH - IV_LENGTH);
        } catch (ProviderException e) {
            // SunPKCS11 reports some token errors unchecked; to callers they are one more failure to decrypt.
            throw new GeneralSecurityException("the HSM could not decrypt", e);
        }
    }

    private byte[] aad(byte @Nullable [] associatedData) {
        byte[] ad = associatedData == null ? new byte[0] : associatedData;
        return ByteBuffer.allocate(HEADER_LENGTH + ad.length).put(header).put(ad).array();
    }

    @Override
    public String toString() {
        return "Pkcs11Aead[" + provider.getName() + "]";
    }
}
