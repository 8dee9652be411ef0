package org.strongroom.crypto.internal;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import org.strongroom.crypto.AuditKeys;
import org.strongroom.crypto.ChainMac;
import org.strongroom.crypto.VaultSealed;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Mac;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.mac.HmacKey;
import com.google.crypto.tink.mac.HmacParameters;
import com.google.crypto.tink.signature.Ed25519Parameters;
import com.google.crypto.tink.signature.Ed25519PrivateKey;

/**
 * {@link AuditKeys} on two system keys, both made on first use and wrapped by the root key:
 * <ul>
 * <li>{@value #CHAIN}: a Tink HMAC keyset (SHA-256, 32-byte key, 32-byte tag, no output prefix, so
 * the tag is exactly HMAC-SHA256 and an independent verifier can recompute it with the raw key).
 * Only the primary version is ever used: a chain MAC carries no key id, so this key is not rotated
 * (rotating it would need a key id per entry or per checkpoint segment).</li>
 * <li>{@value #SIGNING}: a Tink Ed25519 keyset, no output prefix (signatures are the plain 64-byte
 * RFC 8032 ones). The primary version signs; every version in the keyset verifies, found by its key
 * id, so old checkpoints still verify after a new version is added with
 * {@code SystemKeys.addPrimaryVersion}. The same key signs exported bundles
 * ({@link #signExport}), in a domain of its own: the signed bytes begin with
 * {@code "strongroom-audit-export\0"}, which checkpoint signing refuses and checkpoint verification
 * rejects.</li>
 * </ul>
 * A key id is the lower-case hex SHA-256 of the raw public key (not Tink's 32-bit key id): anyone
 * holding the public key can recompute it, so an exported bundle cannot pair a checkpoint with a
 * public key other than the one named, and it does not depend on Tink's keyset format.
 * <p>
 * The hot path ({@link #chainMac}) is one volatile read, one generation compare and one HMAC on a
 * cached Tink primitive: no database read, no lock. Sealing the vault moves the system keys'
 * generation and clears the cache here, so nothing works again until the vault is unsealed.
 */
final class TinkAuditKeys implements AuditKeys {

    static final String CHAIN = "audit-chain";
    static final String SIGNING = "audit-signing";
    static final Parameters CHAIN_KEY_TYPE = chainKeyType();
    static final Parameters SIGNING_KEY_TYPE = Ed25519Parameters.create(Ed25519Parameters.Variant.NO_PREFIX);

    private final SystemKeySource keys;
    private volatile @Nullable ChainKey chain;
    private volatile @Nullable SigningKeys signing;

    TinkAuditKeys(SystemKeySource keys) {
        this.keys = keys;
        TinkSetup.register();
    }

    @Override
    public byte[] chainMac(byte[] data) {
        if (data == null) {
            throw new IllegalArgumentException("data must not be null");
        }
        try {
            return chainKey().mac().computeMac(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the audit chain MAC could not be computed", e);
        }
    }

    @Override
    public ChainMac newChainMac() {
        long generation = keys.generation();
        HmacKey key = (HmacKey) keys.keyset(CHAIN, CHAIN_KEY_TYPE).getPrimary().getKey();
        byte[] raw = key.getKeyBytes().toByteArray(InsecureSecretKeyAccess.get());
        try {
            javax.crypto.Mac hmac = javax.crypto.Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(raw, "HmacSHA256"));
            return new ReusedChainMac(hmac, generation);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the audit chain MAC could not be set up", e);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    @Override
    public byte[] signCheckpoint(byte[] data) {
        if (data == null) {
            throw new IllegalArgumentException("data must not be null");
        }
        if (Ed25519Checkpoints.isExportInput(data)) {
            throw new IllegalArgumentException("checkpoint data must not begin with the export signature's domain prefix");
        }
        try {
            return signingKeys().sign().sign(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the checkpoint could not be signed", e);
        }
    }

    @Override
    public byte[] signExport(byte[] sha256) {
        byte[] input = Ed25519Checkpoints.exportInput(sha256);
        try {
            return signingKeys().sign().sign(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the export could not be signed", e);
        }
    }

    @Override
    public boolean verifyCheckpoint(String keyId, byte[] data, byte[] signature) {
        if (keyId == null || data == null || signature == null) {
            throw new IllegalArgumentException("keyId, data and signature are required");
        }
        Ed25519Checkpoints.Verifier verifier = signingKeys().verifiers().get(keyId);
        return verifier != null && verifier.verify(data, signature);
    }

    @Override
    public String checkpointKeyId() {
        return signingKeys().primaryKeyId();
    }

    @Override
    public byte[] checkpointPublicKey() {
        return signingKeys().primaryPublicKey().clone();
    }

    /** Drops the cached primitives (called when the vault is sealed). */
    void forget() {
        chain = null;
        signing = null;
    }

    private ChainKey chainKey() {
        long generation = keys.generation();
        ChainKey current = chain;
        if (current != null && current.generation() == generation) {
            return current;
        }
        try {
            Mac mac = keys.keyset(CHAIN, CHAIN_KEY_TYPE).getPrimitive(RegistryConfiguration.get(), Mac.class);
            ChainKey loaded = new ChainKey(generation, mac);
            chain = loaded;
            return loaded;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the audit chain key is unusable", e);
        }
    }

    private SigningKeys signingKeys() {
        long generation = keys.generation();
        SigningKeys current = signing;
        if (current != null && current.generation() == generation) {
            return current;
        }
        try {
            KeysetHandle keyset = keys.keyset(SIGNING, SIGNING_KEY_TYPE);
            Map<String, Ed25519Checkpoints.Verifier> verifiers = new HashMap<>();
            for (int i = 0; i < keyset.size(); i++) {
                byte[] publicKey = publicKey(keyset.getAt(i).getKey());
                verifiers.put(Ed25519Checkpoints.keyId(publicKey), Ed25519Checkpoints.verifier(publicKey));
            }
            byte[] primaryPublicKey = publicKey(keyset.getPrimary().getKey());
            SigningKeys loaded = new SigningKeys(generation,
                    keyset.getPrimitive(RegistryConfiguration.get(), PublicKeySign.class),
                    Ed25519Checkpoints.keyId(primaryPublicKey), primaryPublicKey, Map.copyOf(verifiers));
            signing = loaded;
            return loaded;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the checkpoint signing key is unusable", e);
        }
    }

    private static byte[] publicKey(com.google.crypto.tink.Key key) {
        if (!(key instanceof Ed25519PrivateKey privateKey)) {
            throw new IllegalStateException("the checkpoint signing keyset holds a key that is not Ed25519");
        }
        return privateKey.getPublicKey().getPublicKeyBytes().toByteArray();
    }

    private static Parameters chainKeyType() {
        try {
            return HmacParameters.builder()
                    .setKeySizeBytes(32)
                    .setTagSizeBytes(32)
                    .setHashType(HmacParameters.HashType.SHA256)
                    .setVariant(HmacParameters.Variant.NO_PREFIX)
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink refused the audit chain key parameters", e);
        }
    }

    /**
     * The chain key's HMAC-SHA256 on a JCE {@code Mac} of its own (Tink's chain MAC tag is exactly
     * HMAC-SHA256 with no prefix: TinkAuditKeysTests guards that both agree). Checks the system
     * keys' generation at each finish, so it refuses to work once the vault was sealed.
     */
    private final class ReusedChainMac implements ChainMac {

        private final javax.crypto.Mac hmac;
        private final long generation;

        ReusedChainMac(javax.crypto.Mac hmac, long generation) {
            this.hmac = hmac;
            this.generation = generation;
        }

        @Override
        public void update(byte[] data, int offset, int length) {
            hmac.update(data, offset, length);
        }

        @Override
        public void finish(byte[] out, int offset) {
            if (keys.generation() != generation) {
                hmac.reset();
                throw new VaultSealed();
            }
            try {
                hmac.doFinal(out, offset);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the audit chain MAC could not be computed", e);
            }
        }

        @Override
        public String toString() {
            return "ChainMac[generation " + generation + "]";
        }
    }

    private record ChainKey(long generation, Mac mac) {
        @Override
        public String toString() {
            return "ChainKey[generation " + generation + "]";
        }
    }

    private record SigningKeys(long generation, PublicKeySign sign, String primaryKeyId, byte[] primaryPublicKey,
                               Map<String, Ed25519Checkpoints.Verifier> verifiers) {
        @Override
        public String toString() {
            return "SigningKeys[generation " + generation + ", " + primaryKeyId + "]";
        }
    }
}
