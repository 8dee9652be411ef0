package org.strongroom.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.util.Arrays;

import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.strongroom.crypto.CryptoConfigurationProblem;
import org.strongroom.testing.SoftHsm;
import org.strongroom.testing.TestFolders;

import com.google.crypto.tink.Aead;

/**
 * The pkcs11 root key provider against a real PKCS#11 library: SoftHSM2 with tokens made for this
 * run (see {@link SoftHsm}).
 */
class Pkcs11RootKeyProviderIntegrationTests {

    static final byte[] KEYSET = "a client's serialised keyset".getBytes(StandardCharsets.UTF_8);
    static final byte[] CONTEXT = "strongroom/client-key/v1\0client-1\0field".getBytes(StandardCharsets.UTF_8);

    static SoftHsm.Tokens tokens;
    static Path folder;
    static Path pinFile;

    @BeforeAll
    static void tokens() {
        tokens = SoftHsm.tokens();
        folder = TestFolders.fresh("pkcs11-provider");
        pinFile = SoftHsm.pinFile(folder, tokens.main().pin());
    }

    static MockEnvironment settings(SoftHsm.Token token) {
        return new MockEnvironment()
                .withProperty("strongroom.keys.pkcs11.library", SoftHsm.LIBRARY.toString())
                .withProperty("strongroom.keys.pkcs11.token-label", token.label())
                .withProperty("strongroom.keys.pkcs11.pin-file", pinFile.toString());
    }

    static RootKeyProvider.OpenedRootKey open(MockEnvironment environment) {
        return new Pkcs11RootKeyProviderFactory().create(folder, environment).open();
    }

    static Aead rootAead() {
        return open(settings(tokens.main())).aead();
    }

    @Test
    void wrapsAndUnwrapsThroughTheToken() throws Exception {
        RootKeyProvider.OpenedRootKey root = open(settings(tokens.main()));

        byte[] wrapped = root.aead().encrypt(KEYSET, CONTEXT);

        assertThat(root.keyId()).isEqualTo("pkcs11:strongroom-root");
        assertThat(wrapped).hasSize(KEYSET.length + Pkcs11Aead.OVERHEAD);
        assertThat(wrapped[0]).isEqualTo(Pkcs11Aead.VERSION);
        assertThat(Arrays.copyOfRange(wrapped, 1, 5)).isEqualTo(Pkcs11Aead.keyId("strongroom-root"));
        assertThat(root.aead().decrypt(wrapped, CONTEXT)).isEqualTo(KEYSET);
    }

    @Test
    void drawsAFreshIvForEveryEncryption() throws Exception {
        Aead root = rootAead();

        byte[] first = root.encrypt(KEYSET, CONTEXT);
        byte[] second = root.encrypt(KEYSET, CONTEXT);

        assertThat(Arrays.copyOfRange(first, 5, 17)).isNotEqualTo(Arrays.copyOfRange(second, 5, 17));
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void treatsMissingAndEmptyAssociatedDataAlike() throws Exception {
        Aead root = rootAead();

        assertThat(root.decrypt(root.encrypt(new byte[0], null), new byte[0])).isEmpty();
        assertThat(root.decrypt(root.encrypt(KEYSET, new byte[0]), null)).isEqualTo(KEYSET);
    }

    /** A restart finds the key generated on first start instead of making another. */
    @Test
    void reopensTheSameKeyOnTheNextStart() throws Exception {
        byte[] wrapped = rootAead().encrypt(KEYSET, CONTEXT);

        Aead reopened = open(settings(tokens.main()).withProperty("strongroom.keys.pkcs11.create-key", "false")).aead();

        assertThat(reopened.decrypt(wrapped, CONTEXT)).isEqualTo(KEYSET);
    }

    /** Key theft from the host: the root key's bytes cannot be read out of the token. */
    @Test
    void keepsTheRootKeyInsideTheToken() throws Exception {
        rootAead();
        Provider provider = Security.getProvider("SunPKCS11").configure(providerConfig());
        KeyStore keyStore = KeyStore.getInstance("PKCS11", provider);
        keyStore.load(null, tokens.main().pin().toCharArray());

        Key key = keyStore.getKey("strongroom-root", null);

        assertThat(key).isInstanceOf(SecretKey.class);
        assertThat(key.getAlgorithm()).isEqualTo("AES");
        assertThat(key.getEncoded()).isNull();
        assertThatThrownBy(() -> SecretKeyFactory.getInstance("AES", provider).getKeySpec((SecretKey) key, SecretKeySpec.class))
                .isInstanceOf(GeneralSecurityException.class);
        assertThat(key.toString()).contains("token object", "sensitive", "unextractable");
    }

    /** Tampering: flipping any bit of a wrapped key makes it unwrap to nothing. */
    @Test
    void refusesEveryBitFlip() throws Exception {
        Aead root = rootAead();
        byte[] wrapped = root.encrypt(KEYSET, CONTEXT);
        int refused = 0;
        for (int i = 0; i < wrapped.length * 8; i++) {
            byte[] flipped = wrapped.clone();
            flipped[i / 8] ^= (byte) (1 << (i % 8));
            assertThatThrownBy(() -> root.decrypt(flipped, CONTEXT)).as("bit %d", i).isInstanceOf(GeneralSecurityException.class);
            refused++;
        }
        assertThat(refused).isEqualTo(wrapped.length * 8);
    }

    /** Truncation: every shortened wrapped key is refused, down to nothing. */
    @Test
    void refusesEveryTruncation() throws Exception {
        Aead root = rootAead();
        byte[] wrapped = root.encrypt(KEYSET, CONTEXT);
        for (int length = 0; length < wrapped.length; length++) {
            byte[] truncated = Arrays.copyOf(wrapped, length);
            assertThatThrownBy(() -> root.decrypt(truncated, CONTEXT)).as("length %d", length)
                    .isInstanceOf(GeneralSecurityException.class);
        }
    }

    /** Substitution: a client key wrapped for one client or purpose does not unwrap for another. */
    @Test
    void refusesOtherAssociatedData() throws Exception {
        Aead root = rootAead();
        byte[] wrapped = root.encrypt(KEYSET, CONTEXT);
        byte[] otherClient = "strongroom/client-key/v1\0client-2\0field".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> root.decrypt(wrapped, otherClient)).isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> root.decrypt(wrapped, null)).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void refusesWhatAnotherKeyWrapped() throws Exception {
        Aead root = rootAead();
        Aead other = open(settings(tokens.main()).withProperty("strongroom.keys.pkcs11.key-label", "strongroom-other")).aead();
        byte[] wrapped = root.encrypt(KEYSET, CONTEXT);
        byte[] relabelled = other.encrypt(KEYSET, CONTEXT);
        System.arraycopy(Pkcs11Aead.keyId("strongroom-root"), 0, relabelled, 1, 4);

        assertThatThrownBy(() -> other.decrypt(wrapped, CONTEXT)).isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> root.decrypt(relabelled, CONTEXT)).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void refusesWrongPinWithoutShowingIt() throws Exception {
        SoftHsm.Token token = tokens.untouched();
        Path wrongPinFile = SoftHsm.pinFile(folder.resolve("wrong"), token.pin() + "0");

        assertThatThrownBy(() -> open(settings(token).withProperty("strongroom.keys.pkcs11.pin-file", wrongPinFile.toString())))
                .isInstanceOf(CryptoConfigurationProblem.class)
                .hasMessageContaining("refused the PIN")
                .hasMessageContaining(token.label())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(token.pin()));
    }

    @Test
    void prefersThePinFileOverThePinProperty() {
        RootKeyProvider.OpenedRootKey root = open(settings(tokens.main()).withProperty("strongroom.keys.pkcs11.pin", "not-the-pin"));

        assertThat(root.keyId()).isEqualTo("pkcs11:strongroom-root");
    }

    @Test
    void refusesAPinFileOthersCanRead() throws Exception {
        Path shared = SoftHsm.pinFile(folder.resolve("shared"), tokens.main().pin());
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> open(settings(tokens.main()).withProperty("strongroom.keys.pkcs11.pin-file", shared.toString())))
                .isInstanceOf(CryptoConfigurationProblem.class)
                .hasMessageContaining("chmod 600");
    }

    @Test
    void refusesAnUnknownToken() {
        assertThatThrownBy(() -> open(settings(tokens.main()).withProperty("strongroom.keys.pkcs11.token-label", "no-such-token")))
                .isInstanceOf(CryptoConfigurationProblem.class)
                .hasMessageContaining("no HSM token labelled 'no-such-token'")
                .hasMessageContaining(tokens.main().label());
    }

    @Test
    void refusesAMissingLibrary() {
        assertThatThrownBy(() -> open(settings(tokens.main()).withProperty("strongroom.keys.pkcs11.library", "/nonexistent/libpkcs11.so")))
                .isInstanceOf(CryptoConfigurationProblem.class)
                .hasMessageContaining("/nonexistent/libpkcs11.so does not exist");
    }

    /** A mistyped key label after the first start stops the server instead of making a new, empty root key. */
    @Test
    void refusesAMissingKeyWhenCreationIsOff() {
        assertThatThrownBy(() -> open(settings(tokens.main())
                .withProperty("strongroom.keys.pkcs11.key-label", "strongroom-typo")
                .withProperty("strongroom.keys.pkcs11.create-key", "false")))
                .isInstanceOf(CryptoConfigurationProblem.class)
                .hasMessageContaining("no key labelled 'strongroom-typo'");
    }

    @Test
    void findsTheTokenBySlotListIndex() throws Exception {
        byte[] wrapped = rootAead().encrypt(KEYSET, CONTEXT);
        int index = Pkcs11Slots.labelsBySlotListIndex(SoftHsm.LIBRARY).indexOf(tokens.main().label());
        MockEnvironment byIndex = new MockEnvironment()
                .withProperty("strongroom.keys.pkcs11.slot-list-index", Integer.toString(index))
                .withProperty("strongroom.keys.pkcs11.pin-file", pinFile.toString())
                .withProperty("strongroom.keys.pkcs11.create-key", "false");

        Aead root = open(byIndex).aead();

        assertThat(index).isNotNegative();
        assertThat(root.decrypt(wrapped, CONTEXT)).isEqualTo(KEYSET);
    }

    @Test
    void asksForExactlyOneWayToChooseTheToken() {
        assertThatThrownBy(() -> open(settings(tokens.main()).withProperty("strongroom.keys.pkcs11.slot-list-index", "0")))
                .isInstanceOf(CryptoConfigurationProblem.class)
                .hasMessageContaining("exactly one of");
    }

    @Test
    void hidesThePinFromToString() {
        Pkcs11Settings settings = Pkcs11Settings.from(settings(tokens.main()).withProperty("strongroom.keys.pkcs11.pin", "pin-4711"));

        assertThat(settings.toString()).doesNotContain("pin-4711").contains("(hidden)");
        assertThat(new Pkcs11RootKeyProvider(settings).toString()).doesNotContain("pin-4711");
    }

    private static String providerConfig() throws Exception {
        Path config = folder.resolve("reader.cfg");
        Files.writeString(config, "name = TestReader\nlibrary = " + SoftHsm.LIBRARY + "\nslot = "
                + Pkcs11Slots.slotOf(SoftHsm.LIBRARY, tokens.main().label()) + "\n");
        return config.toString();
    }
}
