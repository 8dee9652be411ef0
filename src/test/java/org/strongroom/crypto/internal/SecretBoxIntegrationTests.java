package org.strongroom.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.strongroom.crypto.DecryptionFailed;
import org.strongroom.crypto.KeyManagement;
import org.strongroom.crypto.SecretBox;
import org.strongroom.crypto.VaultSealed;
import org.strongroom.testing.TestFolders;

/** The secret box for installation secrets (MFA seeds and the like) on a real system key. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "strongroom.data-dir=target/test-data/secret-box")
class SecretBoxIntegrationTests {

    static {
        TestFolders.fresh("secret-box");
    }

    static final byte[] SEED = "JBSWY3DPEHPK3PXP-canary-seed".getBytes(StandardCharsets.US_ASCII);

    @Autowired
    SecretBox box;
    @Autowired
    KeyManagement keys;
    @Autowired
    KeyVault vault;
    @Autowired
    RootKeyProvider provider;

    @Test
    void sealsAndOpensBoundToItsContext() {
        byte[] sealed = box.seal(SEED, "mfa-seed/staff-1");
        assertThat(box.open(sealed, "mfa-seed/staff-1")).isEqualTo(SEED);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("canary");
    }

    /** Attack: copying one person's sealed MFA seed onto another person's row. */
    @Test
    void valueMovedToAnotherContextDoesNotOpen() {
        byte[] sealed = box.seal(SEED, "mfa-seed/staff-1");
        assertThatThrownBy(() -> box.open(sealed, "mfa-seed/staff-2")).isInstanceOf(DecryptionFailed.class);
        assertThatThrownBy(() -> box.open(sealed, "share-secret/staff-1")).isInstanceOf(DecryptionFailed.class);
    }

    @Test
    void tamperingAndTruncationFail() {
        byte[] sealed = box.seal(SEED, "mfa-seed/staff-1");
        for (int i = 0; i < sealed.length; i++) {
            byte[] flipped = sealed.clone();
            flipped[i] ^= 1;
            assertThatThrownBy(() -> box.open(flipped, "mfa-seed/staff-1")).isInstanceOf(DecryptionFailed.class);
            byte[] cut = Arrays.copyOf(sealed, i);
            assertThatThrownBy(() -> box.open(cut, "mfa-seed/staff-1")).isInstanceOf(DecryptionFailed.class);
        }
    }

    @Test
    void sealedVaultOpensNothing() {
        byte[] sealed = box.seal(SEED, "mfa-seed/staff-1");
        keys.seal();
        try {
            assertThatThrownBy(() -> box.open(sealed, "mfa-seed/staff-1")).isInstanceOf(VaultSealed.class);
        } finally {
            vault.unseal(provider.open());
        }
        assertThat(box.open(sealed, "mfa-seed/staff-1")).isEqualTo(SEED);
    }

    @Test
    void refusesAMissingContext() {
        assertThatThrownBy(() -> box.seal(SEED, " ")).isInstanceOf(IllegalArgumentException.class);
    }
}
