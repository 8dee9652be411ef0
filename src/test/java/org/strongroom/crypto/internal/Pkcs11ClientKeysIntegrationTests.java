package org.strongroom.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.strongroom.crypto.ClientKeys;
import org.strongroom.crypto.DecryptionFailed;
import org.strongroom.crypto.EncryptionContext;
import org.strongroom.crypto.FieldCipher;
import org.strongroom.testing.SoftHsm;
import org.strongroom.testing.TestFolders;

/** The whole key hierarchy with the root key in an HSM: client keys wrapped by a SoftHSM2 token. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "strongroom.data-dir=target/test-data/pkcs11",
        "strongroom.keys.provider=pkcs11",
        "strongroom.keys.pkcs11.key-label=strongroom-root-e2e"})
class Pkcs11ClientKeysIntegrationTests {

    static {
        TestFolders.fresh("pkcs11");
    }

    @DynamicPropertySource
    static void token(DynamicPropertyRegistry registry) {
        SoftHsm.Token token = SoftHsm.tokens().main();
        Path pinFile = SoftHsm.pinFile(TestFolders.fresh("pkcs11-pin"), token.pin());
        registry.add("strongroom.keys.pkcs11.token-label", token::label);
        registry.add("strongroom.keys.pkcs11.pin-file", pinFile::toString);
    }

    static final EncryptionContext EMAIL = new EncryptionContext("client_profile", "profile-1", "email");

    @Autowired
    ClientKeys clientKeys;
    @Autowired
    FieldCipher fields;
    @Autowired
    KeyVault vault;
    @Autowired
    ClientKeyCache cache;
    @Autowired
    JdbcClient jdbc;

    @Test
    void encryptsClientFieldsUnderAKeyWrappedByTheHsm() {
        UUID client = UUID.randomUUID();
        clientKeys.create(client);
        byte[] plaintext = "olena.kovalenko@example.org".getBytes(StandardCharsets.UTF_8);

        byte[] ciphertext = fields.encrypt(client, plaintext, EMAIL);
        cache.clear();

        assertThat(vault.providerName()).isEqualTo("pkcs11");
        assertThat(jdbc.sql("SELECT root_key_id FROM client_key WHERE client_id = :id").param("id", client.toString())
                .query(String.class).single()).isEqualTo("pkcs11:strongroom-root-e2e");
        assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1)).doesNotContain("olena");
        assertThat(fields.decrypt(client, ciphertext, EMAIL)).isEqualTo(plaintext);
    }

    /** After a rotation the HSM unwraps both key versions, so older values still decrypt. */
    @Test
    void decryptsOlderValuesAfterRotation() {
        UUID client = UUID.randomUUID();
        clientKeys.create(client);
        byte[] before = fields.encrypt(client, "before".getBytes(StandardCharsets.UTF_8), EMAIL);

        assertThat(clientKeys.rotate(client)).isEqualTo(2);
        cache.clear();

        assertThat(fields.decrypt(client, before, EMAIL)).asString(StandardCharsets.UTF_8).isEqualTo("before");
    }

    /** Key substitution: a wrapped client key copied into another client's row does not unwrap. */
    @Test
    void refusesAWrappedKeyCopiedToAnotherClient() {
        UUID victim = UUID.randomUUID();
        UUID attacker = UUID.randomUUID();
        clientKeys.create(victim);
        clientKeys.create(attacker);
        jdbc.sql("""
                UPDATE client_key
                SET field_keyset_ciphertext = (SELECT field_keyset_ciphertext FROM client_key WHERE client_id = :victim)
                WHERE client_id = :attacker
                """).param("victim", victim.toString()).param("attacker", attacker.toString()).update();
        cache.clear();

        // Encrypting needs only the attacker's own (now substituted) key, so the unwrap is what fails.
        assertThatThrownBy(() -> fields.encrypt(attacker, "x".getBytes(StandardCharsets.UTF_8), EMAIL))
                .isInstanceOf(DecryptionFailed.class);
    }
}
