package org.strongroom.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.strongroom.StrongroomApplication;
import org.strongroom.crypto.AuditKeys;
import org.strongroom.crypto.CheckpointSignatures;
import org.strongroom.crypto.KeyManagement;
import org.strongroom.testing.TestFolders;

/**
 * The audit keys across real server restarts on the same data folder (with a root key rotation in
 * between), and against a second installation.
 */
class AuditKeysRestartIntegrationTests {

    static final byte[] ENTRY = "seq=1|staff:5f0c|signin.success".getBytes(StandardCharsets.UTF_8);
    static final byte[] CHECKPOINT = "checkpoint|seq=1|head=00ff".getBytes(StandardCharsets.UTF_8);

    @Test
    void keysSurviveARestartAndARootKeyRotationAndDifferBetweenInstallations() {
        Path folder = TestFolders.fresh("audit-keys-restart");
        byte[] mac;
        byte[] signature;
        String keyId;
        byte[] publicKey;
        try (ConfigurableApplicationContext context = start(folder)) {
            AuditKeys keys = context.getBean(AuditKeys.class);
            mac = keys.chainMac(ENTRY);
            signature = keys.signCheckpoint(CHECKPOINT);
            keyId = keys.checkpointKeyId();
            publicKey = keys.checkpointPublicKey();
            KeyManagement management = context.getBean(KeyManagement.class);
            management.rotateRoot();
            management.rewrapBatch(100);
            assertThat(management.pendingRewrap()).isZero();
        }
        try (ConfigurableApplicationContext context = start(folder)) {
            AuditKeys keys = context.getBean(AuditKeys.class);
            assertThat(keys.chainMac(ENTRY)).isEqualTo(mac);
            assertThat(keys.checkpointKeyId()).isEqualTo(keyId);
            assertThat(keys.checkpointPublicKey()).isEqualTo(publicKey);
            assertThat(keys.verifyCheckpoint(keyId, CHECKPOINT, signature)).isTrue();
            assertThat(CheckpointSignatures.verify(publicKey, CHECKPOINT, keys.signCheckpoint(CHECKPOINT))).isTrue();
        }
        try (ConfigurableApplicationContext other = start(TestFolders.fresh("audit-keys-other"))) {
            AuditKeys keys = other.getBean(AuditKeys.class);
            assertThat(keys.chainMac(ENTRY)).isNotEqualTo(mac);
            assertThat(keys.checkpointKeyId()).isNotEqualTo(keyId);
            assertThat(keys.verifyCheckpoint(keyId, CHECKPOINT, signature)).isFalse();
            assertThat(CheckpointSignatures.verify(keys.checkpointPublicKey(), CHECKPOINT, signature)).isFalse();
        }
    }

    private static ConfigurableApplicationContext start(Path folder) {
        SpringApplication app = new SpringApplication(StrongroomApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        return app.run("--strongroom.data-dir=" + folder, "--strongroom.keys.rewrap-on-start=false", "--logging.level.root=warn");
    }
}
