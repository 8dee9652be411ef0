package org.strongroom.crypto.internal;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.SecureRandom;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.strongroom.crypto.AuditKeys;

/**
 * A stand-in for the real audit keys (HMAC-SHA256 and Ed25519 from the JDK, random keys per
 * instance) until the vault-backed implementation is on main; for tests only.
 */
public final class TestAuditKeys implements AuditKeys {

    private final byte[] chainKey = new byte[32];
    private final KeyPair signing;
    private final ThreadLocal<Mac> macs;

    public TestAuditKeys() {
        new SecureRandom().nextBytes(chainKey);
        try {
            signing = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(chainKey, "HmacSHA256"));
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Override
    public byte[] chainMac(byte[] data) {
        return macs.get().doFinal(data);
    }

    @Override
    public byte[] signCheckpoint(byte[] data) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(signing.getPrivate());
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean verifyCheckpoint(String keyId, byte[] data, byte[] signature) {
        if (!checkpointKeyId().equals(keyId)) {
            return false;
        }
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(signing.getPublic());
            s.update(data);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public String checkpointKeyId() {
        return "test-ed25519-1";
    }

    @Override
    public byte[] checkpointPublicKey() {
        byte[] encoded = signing.getPublic().getEncoded();
        return java.util.Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    }
}
