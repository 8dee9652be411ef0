package org.strongroom.testing;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A passkey authenticator in software, for tests: one EC P-256 (ES256) credential, attestation
 * format "none", user presence and user verification always claimed. It answers the JSON that
 * Strongroom's (Spring Security's) WebAuthn endpoints send with the JSON a browser would post
 * back, and lets a test lie on purpose — another origin, another RP ID, a counter that goes
 * backwards — to prove the server notices.
 * <p>
 * The few CBOR structures needed (a COSE EC2 key, the attestation object) are written by hand.
 */
public final class SoftwareAuthenticator {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder BASE64URL_DECODER = Base64.getUrlDecoder();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final int FLAG_USER_PRESENT = 0x01;
    private static final int FLAG_USER_VERIFIED = 0x04;
    private static final int FLAG_ATTESTED_CREDENTIAL_DATA = 0x40;

    private final KeyPair keyPair;
    private final byte[] credentialId;
    private String rpId;
    private String origin;
    private long signCount;
    private boolean userVerified = true;
    private byte[] userHandle = new byte[0];

    /** A new authenticator for the relying party with this RP ID, used from this origin. */
    public SoftwareAuthenticator(String rpId, String origin) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            this.keyPair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        this.credentialId = new byte[16];
        RANDOM.nextBytes(credentialId);
        this.rpId = rpId;
        this.origin = origin;
    }

    /** The origin the next ceremony claims in its client data (a phishing site would differ). */
    public SoftwareAuthenticator origin(String origin) {
        this.origin = origin;
        return this;
    }

    /** The RP ID whose hash the next ceremony puts into the authenticator data. */
    public SoftwareAuthenticator rpId(String rpId) {
        this.rpId = rpId;
        return this;
    }

    /** Sets the signature counter; the next assertion reports this value plus one. */
    public SoftwareAuthenticator signCount(long signCount) {
        this.signCount = signCount;
        return this;
    }

    /** Whether the authenticator claims to have verified the user (PIN, biometrics). */
    public SoftwareAuthenticator userVerified(boolean userVerified) {
        this.userVerified = userVerified;
        return this;
    }

    public long signCount() {
        return signCount;
    }

    /** The credential id, base64url, as the server stores it. */
    public String credentialId() {
        return BASE64URL.encodeToString(credentialId);
    }

    /**
     * Answers {@code POST /webauthn/register/options}: the body to post to
     * {@code /webauthn/register}, with the given label.
     */
    public String register(String creationOptionsJson, String label) {
        JsonNode options = JSON.readTree(creationOptionsJson);
        byte[] challenge = BASE64URL_DECODER.decode(options.get("challenge").asString());
        userHandle = BASE64URL_DECODER.decode(options.get("user").get("id").asString());
        byte[] clientData = clientData("webauthn.create", challenge);
        byte[] authenticatorData = concat(sha256(rpId.getBytes(StandardCharsets.UTF_8)),
                new byte[] {(byte) (FLAG_USER_PRESENT | (userVerified ? FLAG_USER_VERIFIED : 0) | FLAG_ATTESTED_CREDENTIAL_DATA)},
                uint32(signCount), new byte[16], uint16(credentialId.length), credentialId, coseKey());
        byte[] attestationObject = attestationObject(authenticatorData);

        ObjectNode response = JSON.createObjectNode();
        response.put("attestationObject", BASE64URL.encodeToString(attestationObject));
        response.put("clientDataJSON", BASE64URL.encodeToString(clientData));
        response.putArray("transports").add("internal");
        ObjectNode credential = credential();
        credential.set("response", response);
        credential.putObject("clientExtensionResults").putObject("credProps").put("rk", true);
        ObjectNode body = JSON.createObjectNode();
        ObjectNode publicKey = body.putObject("publicKey");
        publicKey.set("credential", credential);
        publicKey.put("label", label);
        return body.toString();
    }

    /**
     * Answers {@code POST /webauthn/authenticate/options}: the body to post to
     * {@code /login/webauthn}. Each assertion moves the signature counter up by one.
     */
    public String authenticate(String requestOptionsJson) {
        JsonNode options = JSON.readTree(requestOptionsJson);
        byte[] challenge = BASE64URL_DECODER.decode(options.get("challenge").asString());
        byte[] clientData = clientData("webauthn.get", challenge);
        signCount++;
        byte[] authenticatorData = concat(sha256(rpId.getBytes(StandardCharsets.UTF_8)),
                new byte[] {(byte) (FLAG_USER_PRESENT | (userVerified ? FLAG_USER_VERIFIED : 0))}, uint32(signCount));
        byte[] signature = sign(concat(authenticatorData, sha256(clientData)));

        ObjectNode response = JSON.createObjectNode();
        response.put("authenticatorData", BASE64URL.encodeToString(authenticatorData));
        response.put("clientDataJSON", BASE64URL.encodeToString(clientData));
        response.put("signature", BASE64URL.encodeToString(signature));
        response.put("userHandle", BASE64URL.encodeToString(userHandle));
        ObjectNode credential = credential();
        credential.set("response", response);
        credential.putObject("clientExtensionResults");
        return credential.toString();
    }

    private ObjectNode credential() {
        ObjectNode credential = JSON.createObjectNode();
        credential.put("id", credentialId());
        credential.put("rawId", credentialId());
        credential.put("type", "public-key");
        credential.put("authenticatorAttachment", "platform");
        return credential;
    }

    private byte[] clientData(String type, byte[] challenge) {
        ObjectNode clientData = JSON.createObjectNode();
        clientData.put("type", type);
        clientData.put("challenge", BASE64URL.encodeToString(challenge));
        clientData.put("origin", origin);
        clientData.put("crossOrigin", false);
        return clientData.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** COSE_Key {1: 2 (EC2), 3: -7 (ES256), -1: 1 (P-256), -2: x, -3: y} in CBOR. */
    private byte[] coseKey() {
        ECPublicKey key = (ECPublicKey) keyPair.getPublic();
        ByteArrayOutputStream cbor = new ByteArrayOutputStream();
        cbor.write(0xA5);
        cbor.write(0x01);
        cbor.write(0x02);
        cbor.write(0x03);
        cbor.write(0x26);
        cbor.write(0x20);
        cbor.write(0x01);
        cbor.write(0x21);
        byteString(cbor, unsigned32(key.getW().getAffineX()));
        cbor.write(0x22);
        byteString(cbor, unsigned32(key.getW().getAffineY()));
        return cbor.toByteArray();
    }

    /** {"fmt": "none", "attStmt": {}, "authData": bytes} in CBOR. */
    private static byte[] attestationObject(byte[] authenticatorData) {
        ByteArrayOutputStream cbor = new ByteArrayOutputStream();
        cbor.write(0xA3);
        textString(cbor, "fmt");
        textString(cbor, "none");
        textString(cbor, "attStmt");
        cbor.write(0xA0);
        textString(cbor, "authData");
        byteString(cbor, authenticatorData);
        return cbor.toByteArray();
    }

    private static void textString(ByteArrayOutputStream cbor, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        cbor.write(0x60 | bytes.length);
        cbor.writeBytes(bytes);
    }

    private static void byteString(ByteArrayOutputStream cbor, byte[] bytes) {
        if (bytes.length < 24) {
            cbor.write(0x40 | bytes.length);
        } else if (bytes.length < 256) {
            cbor.write(0x58);
            cbor.write(bytes.length);
        } else {
            cbor.write(0x59);
            cbor.writeBytes(uint16(bytes.length));
        }
        cbor.writeBytes(bytes);
    }

    private byte[] sign(byte[] data) {
        try {
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keyPair.getPrivate());
            signer.update(data);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] unsigned32(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[32];
        int copy = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - copy, fixed, 32 - copy, copy);
        return fixed;
    }

    private static byte[] uint16(int value) {
        return new byte[] {(byte) (value >>> 8), (byte) value};
    }

    private static byte[] uint32(long value) {
        return ByteBuffer.allocate(4).putInt((int) value).array();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
