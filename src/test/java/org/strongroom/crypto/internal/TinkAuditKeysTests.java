package org.strongroom.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.strongroom.crypto.ChainMac;
import org.strongroom.crypto.CheckpointSignatures;
import org.strongroom.crypto.VaultSealed;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.mac.HmacKey;

/** The audit keys on in-memory system keys: Tink's negative matrix for the MAC and the signatures. */
class TinkAuditKeysTests {

    static final byte[] ENTRY = ("seq=41|2026-11-30T00:00:00Z|staff:5f0c|client.read|client:9a1e|allowed"
            + "|policy=assigned-staff|ip=192.0.2.10|ua=3b1f|req=7c2d|prev=").getBytes(StandardCharsets.UTF_8);
    static final byte[] CHECKPOINT = "checkpoint|seq=1000|head=af93|2026-11-30T00:05:00Z".getBytes(StandardCharsets.UTF_8);

    final InMemorySystemKeys systemKeys = new InMemorySystemKeys();
    final TinkAuditKeys keys = new TinkAuditKeys(systemKeys);

    @Test
    void chainMacIsThirtyTwoBytesAndDeterministic() {
        byte[] mac = keys.chainMac(ENTRY);
        assertThat(mac).hasSize(32);
        assertThat(keys.chainMac(ENTRY)).isEqualTo(mac);
        assertThat(new TinkAuditKeys(systemKeys).chainMac(ENTRY)).as("another instance, same installation").isEqualTo(mac);
        assertThat(keys.chainMac(new byte[0])).hasSize(32);
    }

    /** The tag is plain HMAC-SHA256 (no Tink prefix), so an independent verifier can recompute it. */
    @Test
    void chainMacIsExactlyHmacSha256UnderTheChainKey() throws Exception {
        HmacKey key = (HmacKey) systemKeys.keyset(TinkAuditKeys.CHAIN, TinkAuditKeys.CHAIN_KEY_TYPE).getPrimary().getKey();
        byte[] raw = key.getKeyBytes().toByteArray(InsecureSecretKeyAccess.get());
        assertThat(raw).hasSize(32);
        javax.crypto.Mac hmac = javax.crypto.Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(raw, "HmacSHA256"));
        assertThat(keys.chainMac(ENTRY)).isEqualTo(hmac.doFinal(ENTRY));
    }

    @Test
    void chainMacChangesWithEveryBitOfTheData() {
        byte[] mac = keys.chainMac(ENTRY);
        for (int bit = 0; bit < ENTRY.length * 8; bit++) {
            assertThat(keys.chainMac(flip(ENTRY, bit))).as("bit %d", bit).isNotEqualTo(mac);
        }
        assertThat(keys.chainMac(Arrays.copyOf(ENTRY, ENTRY.length - 1))).isNotEqualTo(mac);
        assertThat(keys.chainMac(Arrays.copyOf(ENTRY, ENTRY.length + 1))).isNotEqualTo(mac);
    }

    /** Attack: forging a chain on another installation (or from configuration alone) with its own key. */
    @Test
    void chainMacDiffersBetweenInstallations() {
        TinkAuditKeys other = new TinkAuditKeys(new InMemorySystemKeys());
        assertThat(other.chainMac(ENTRY)).isNotEqualTo(keys.chainMac(ENTRY));
    }

    /** The verifier's reused MAC computes exactly the appender's, whatever the pieces, MAC after MAC. */
    @Test
    void aReusedChainMacAgreesWithChainMacPieceByPiece() {
        ChainMac reused = keys.newChainMac();
        byte[] out = new byte[ChainMac.LENGTH + 3];
        for (int split = 0; split <= ENTRY.length; split += 7) {
            reused.update(ENTRY, 0, split);
            reused.update(ENTRY, split, ENTRY.length - split);
            reused.finish(out, 3);
            assertThat(Arrays.copyOfRange(out, 3, out.length)).as("split at %d", split).isEqualTo(keys.chainMac(ENTRY));
        }
        reused.finish(out, 0);
        assertThat(Arrays.copyOf(out, ChainMac.LENGTH)).as("nothing added").isEqualTo(keys.chainMac(new byte[0]));
    }

    /** Attack: a verifier holding a reused MAC keeps working after the operator sealed the vault. */
    @Test
    void aReusedChainMacStopsWhenTheVaultIsSealed() {
        ChainMac reused = keys.newChainMac();
        systemKeys.seal();
        keys.forget();
        reused.update(ENTRY, 0, ENTRY.length);
        assertThatThrownBy(() -> reused.finish(new byte[ChainMac.LENGTH], 0)).isInstanceOf(VaultSealed.class);
        assertThatThrownBy(keys::newChainMac).isInstanceOf(VaultSealed.class);
    }

    @Test
    void signatureVerifiesWithTheCurrentKeyAndOfflineFromTheRawPublicKey() {
        byte[] signature = keys.signCheckpoint(CHECKPOINT);
        assertThat(signature).hasSize(64);
        assertThat(keys.verifyCheckpoint(keys.checkpointKeyId(), CHECKPOINT, signature)).isTrue();
        assertThat(CheckpointSignatures.verify(keys.checkpointPublicKey(), CHECKPOINT, signature)).isTrue();
        byte[] empty = keys.signCheckpoint(new byte[0]);
        assertThat(CheckpointSignatures.verify(keys.checkpointPublicKey(), new byte[0], empty)).isTrue();
    }

    /** Attack: altering a signed checkpoint (sequence, chain head or time). */
    @Test
    void everyBitFlipOfTheDataFailsVerification() {
        byte[] signature = keys.signCheckpoint(CHECKPOINT);
        byte[] publicKey = keys.checkpointPublicKey();
        for (int bit = 0; bit < CHECKPOINT.length * 8; bit++) {
            byte[] altered = flip(CHECKPOINT, bit);
            assertThat(keys.verifyCheckpoint(keys.checkpointKeyId(), altered, signature)).as("bit %d", bit).isFalse();
            assertThat(CheckpointSignatures.verify(publicKey, altered, signature)).as("offline, bit %d", bit).isFalse();
        }
        assertThat(CheckpointSignatures.verify(publicKey, Arrays.copyOf(CHECKPOINT, CHECKPOINT.length - 1), signature)).isFalse();
        assertThat(CheckpointSignatures.verify(publicKey, Arrays.copyOf(CHECKPOINT, CHECKPOINT.length + 1), signature)).isFalse();
    }

    /** Attack: forging a checkpoint signature by tampering with a genuine one. */
    @Test
    void everyBitFlipTruncationOrExtensionOfTheSignatureFailsVerification() {
        byte[] signature = keys.signCheckpoint(CHECKPOINT);
        byte[] publicKey = keys.checkpointPublicKey();
        for (int bit = 0; bit < signature.length * 8; bit++) {
            byte[] forged = flip(signature, bit);
            assertThat(keys.verifyCheckpoint(keys.checkpointKeyId(), CHECKPOINT, forged)).as("bit %d", bit).isFalse();
            assertThat(CheckpointSignatures.verify(publicKey, CHECKPOINT, forged)).as("offline, bit %d", bit).isFalse();
        }
        for (int length = 0; length < signature.length; length++) {
            assertThat(CheckpointSignatures.verify(publicKey, CHECKPOINT, Arrays.copyOf(signature, length))).as("length %d", length).isFalse();
        }
        assertThat(CheckpointSignatures.verify(publicKey, CHECKPOINT, Arrays.copyOf(signature, 65))).isFalse();
        assertThat(CheckpointSignatures.verify(publicKey, CHECKPOINT, new byte[64])).isFalse();
    }

    /** Attack: a checkpoint signed by another installation's key (or an attacker's own key pair). */
    @Test
    void anotherInstallationsSignatureDoesNotVerify() {
        TinkAuditKeys other = new TinkAuditKeys(new InMemorySystemKeys());
        byte[] foreign = other.signCheckpoint(CHECKPOINT);
        assertThat(other.checkpointKeyId()).isNotEqualTo(keys.checkpointKeyId());
        assertThat(keys.verifyCheckpoint(keys.checkpointKeyId(), CHECKPOINT, foreign)).isFalse();
        assertThat(keys.verifyCheckpoint(other.checkpointKeyId(), CHECKPOINT, foreign)).as("a key id we do not hold").isFalse();
        assertThat(CheckpointSignatures.verify(keys.checkpointPublicKey(), CHECKPOINT, foreign)).isFalse();
        assertThat(keys.verifyCheckpoint("", CHECKPOINT, keys.signCheckpoint(CHECKPOINT))).isFalse();
    }

    @Test
    void keyIdIsTheHexSha256OfTheRawPublicKey() throws Exception {
        byte[] publicKey = keys.checkpointPublicKey();
        assertThat(publicKey).hasSize(32);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(publicKey));
        assertThat(keys.checkpointKeyId()).isEqualTo(expected).matches("[0-9a-f]{64}");
        assertThat(CheckpointSignatures.keyId(publicKey)).isEqualTo(expected);
        assertThat(new TinkAuditKeys(systemKeys).checkpointKeyId()).as("stable").isEqualTo(expected);
    }

    @Test
    void thePublicKeyHandedOutIsACopy() {
        byte[] publicKey = keys.checkpointPublicKey();
        publicKey[0] ^= 1;
        assertThat(keys.checkpointPublicKey()).isNotEqualTo(publicKey);
        assertThat(CheckpointSignatures.verify(keys.checkpointPublicKey(), CHECKPOINT, keys.signCheckpoint(CHECKPOINT))).isTrue();
    }

    /** Rotation: a new signing key version signs; checkpoints signed by the old one still verify. */
    @Test
    void checkpointsSignedBeforeARotationStillVerifyUnderTheirKeyId() throws Exception {
        String oldId = keys.checkpointKeyId();
        byte[] oldPublicKey = keys.checkpointPublicKey();
        byte[] oldSignature = keys.signCheckpoint(CHECKPOINT);
        byte[] macBefore = keys.chainMac(ENTRY);

        systemKeys.addPrimaryVersion(TinkAuditKeys.SIGNING, TinkAuditKeys.SIGNING_KEY_TYPE);

        String newId = keys.checkpointKeyId();
        assertThat(newId).isNotEqualTo(oldId);
        byte[] newSignature = keys.signCheckpoint(CHECKPOINT);
        assertThat(keys.verifyCheckpoint(newId, CHECKPOINT, newSignature)).isTrue();
        assertThat(keys.verifyCheckpoint(oldId, CHECKPOINT, oldSignature)).isTrue();
        assertThat(keys.verifyCheckpoint(newId, CHECKPOINT, oldSignature)).as("old signature under the new id").isFalse();
        assertThat(keys.verifyCheckpoint(oldId, CHECKPOINT, newSignature)).as("new signature under the old id").isFalse();
        assertThat(CheckpointSignatures.verify(oldPublicKey, CHECKPOINT, oldSignature)).isTrue();
        assertThat(keys.chainMac(ENTRY)).as("the chain key is not touched").isEqualTo(macBefore);
    }

    /** Attack: using the audit keys after the operator sealed the vault. */
    @Test
    void nothingWorksWhileSealedAndWorksAgainAfterUnsealing() {
        byte[] mac = keys.chainMac(ENTRY);
        byte[] signature = keys.signCheckpoint(CHECKPOINT);
        String keyId = keys.checkpointKeyId();

        systemKeys.seal();
        keys.forget();
        assertThatThrownBy(() -> keys.chainMac(ENTRY)).isInstanceOf(VaultSealed.class);
        assertThatThrownBy(() -> keys.signCheckpoint(CHECKPOINT)).isInstanceOf(VaultSealed.class);
        assertThatThrownBy(() -> keys.verifyCheckpoint(keyId, CHECKPOINT, signature)).isInstanceOf(VaultSealed.class);
        assertThatThrownBy(keys::checkpointKeyId).isInstanceOf(VaultSealed.class);
        assertThatThrownBy(keys::checkpointPublicKey).isInstanceOf(VaultSealed.class);

        systemKeys.unseal();
        assertThat(keys.chainMac(ENTRY)).isEqualTo(mac);
        assertThat(keys.verifyCheckpoint(keyId, CHECKPOINT, signature)).isTrue();
    }

    /** Sealing moves the generation: a stale cached primitive is not used even if forget() was missed. */
    @Test
    void aStaleCachedKeyIsNotUsedAfterTheGenerationMoved() {
        keys.chainMac(ENTRY);
        keys.checkpointKeyId();
        systemKeys.seal();
        assertThatThrownBy(() -> keys.chainMac(ENTRY)).isInstanceOf(VaultSealed.class);
        assertThatThrownBy(keys::checkpointKeyId).isInstanceOf(VaultSealed.class);
    }

    @Test
    void refusesMissingArguments() {
        byte[] signature = keys.signCheckpoint(CHECKPOINT);
        assertThatIllegalArgumentException().isThrownBy(() -> keys.chainMac(null)).withMessageContaining("data");
        assertThatIllegalArgumentException().isThrownBy(() -> keys.signCheckpoint(null)).withMessageContaining("data");
        assertThatIllegalArgumentException().isThrownBy(() -> keys.verifyCheckpoint(null, CHECKPOINT, signature));
        assertThatIllegalArgumentException().isThrownBy(() -> keys.verifyCheckpoint(keys.checkpointKeyId(), null, signature));
        assertThatIllegalArgumentException().isThrownBy(() -> keys.verifyCheckpoint(keys.checkpointKeyId(), CHECKPOINT, null));
        assertThatIllegalArgumentException().isThrownBy(() -> CheckpointSignatures.verify(new byte[31], CHECKPOINT, signature))
                .withMessageContaining("rawPublicKey");
        assertThatIllegalArgumentException().isThrownBy(() -> CheckpointSignatures.verify(null, CHECKPOINT, signature));
        assertThatIllegalArgumentException().isThrownBy(() -> CheckpointSignatures.verify(keys.checkpointPublicKey(), null, signature));
        assertThatIllegalArgumentException().isThrownBy(() -> CheckpointSignatures.verify(keys.checkpointPublicKey(), CHECKPOINT, null));
        assertThatIllegalArgumentException().isThrownBy(() -> CheckpointSignatures.keyId(new byte[33]));
    }

    @Test
    void exportSignatureVerifiesOfflineFromTheRawPublicKey() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(ENTRY);
        byte[] signature = keys.signExport(digest);
        assertThat(signature).hasSize(64);
        assertThat(CheckpointSignatures.verifyExport(keys.checkpointPublicKey(), digest, signature)).isTrue();
        for (int bit = 0; bit < digest.length * 8; bit++) {
            assertThat(CheckpointSignatures.verifyExport(keys.checkpointPublicKey(), flip(digest, bit), signature)).as("bit %d", bit).isFalse();
        }
        TinkAuditKeys other = new TinkAuditKeys(new InMemorySystemKeys());
        assertThat(CheckpointSignatures.verifyExport(other.checkpointPublicKey(), digest, signature)).as("another key").isFalse();
    }

    /**
     * Attack: replaying a bundle's export signature as a checkpoint signature, or a checkpoint
     * signature as a bundle's. The two are domain-separated by the export prefix.
     */
    @Test
    void exportAndCheckpointSignaturesCannotStandForEachOther() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(CHECKPOINT);
        byte[] exportSignature = keys.signExport(digest);
        byte[] exportInput = Ed25519Checkpoints.exportInput(digest);
        assertThat(keys.verifyCheckpoint(keys.checkpointKeyId(), exportInput, exportSignature)).isFalse();
        assertThat(CheckpointSignatures.verify(keys.checkpointPublicKey(), exportInput, exportSignature)).isFalse();
        assertThat(CheckpointSignatures.verify(keys.checkpointPublicKey(), digest, exportSignature)).isFalse();
        assertThatIllegalArgumentException().as("a checkpoint signature over export-domain data is refused")
                .isThrownBy(() -> keys.signCheckpoint(exportInput));

        byte[] checkpointSignature = keys.signCheckpoint(digest);
        assertThat(CheckpointSignatures.verifyExport(keys.checkpointPublicKey(), digest, checkpointSignature)).isFalse();
    }

    @Test
    void exportSignatureNeedsAThirtyTwoByteDigest() {
        assertThatIllegalArgumentException().isThrownBy(() -> keys.signExport(new byte[31])).withMessageContaining("sha256");
        assertThatIllegalArgumentException().isThrownBy(() -> keys.signExport(null)).withMessageContaining("sha256");
        assertThatIllegalArgumentException().isThrownBy(() -> CheckpointSignatures.verifyExport(keys.checkpointPublicKey(), new byte[33], new byte[64]));
    }

    private static byte[] flip(byte[] bytes, int bit) {
        byte[] copy = bytes.clone();
        copy[bit / 8] ^= (byte) (1 << (bit % 8));
        return copy;
    }
}
