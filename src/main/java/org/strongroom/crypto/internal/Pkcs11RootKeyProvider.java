package org.strongroom.crypto.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;
import java.util.Arrays;
import java.util.Set;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.security.auth.login.FailedLoginException;

import org.jspecify.annotations.Nullable;
import org.strongroom.crypto.CryptoConfigurationProblem;

/**
 * The root key as an AES-256 key inside an HSM, used through Java's SunPKCS11 provider (tested with
 * SoftHSM2). The key is generated in the token as a sensitive, non-extractable token object labelled
 * {@code strongroom.keys.pkcs11.key-label}; its bytes never reach this process, and every wrap and
 * unwrap is an AES-GCM operation computed by the token (see {@link Pkcs11Aead}).
 *
 * <p>When no key has the label, one is generated on start unless
 * {@code strongroom.keys.pkcs11.create-key=false}. Set that after the first start: then a wrong
 * token or label stops the server instead of quietly creating a new, empty root key.
 *
 * <p>The user PIN is read from {@code pin-file} (preferred) or {@code pin} only while logging in and
 * appears in no message. Every failure to open is a {@link CryptoConfigurationProblem} for the operator.
 */
final class Pkcs11RootKeyProvider implements RootKeyProvider {

    private static final String PROVIDER_NAME = "Strongroom";

    private final Pkcs11Settings settings;

    Pkcs11RootKeyProvider(Pkcs11Settings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "pkcs11";
    }

    @Override
    public boolean startsSealed() {
        return false;
    }

    @Override
    public OpenedRootKey open() {
        Provider provider = configure();
        KeyStore token = login(provider);
        SecretKey key = findOrCreateKey(provider, token);
        return new OpenedRootKey(new Pkcs11Aead(provider, key, settings.keyLabel()), "pkcs11:" + settings.keyLabel());
    }

    private Provider configure() {
        Path library = settings.library();
        if (!Files.isRegularFile(library)) {
            throw new CryptoConfigurationProblem("the PKCS#11 library " + library + " does not exist. Install the HSM's "
                    + "PKCS#11 module or set strongroom.keys.pkcs11.library to its path.");
        }
        String slot = settings.tokenLabel() != null
                ? "slot = " + Pkcs11Slots.slotOf(library, settings.tokenLabel())
                : "slotListIndex = " + settings.slotListIndex();
        // Keys generated through the provider are sensitive and non-extractable session keys; they
        // become token objects only when stored under their label (C_CopyObject keeps both flags).
        String config = String.join("\n",
                "name = " + PROVIDER_NAME,
                "library = \"" + library + "\"",
                slot,
                "attributes(generate, CKO_SECRET_KEY, CKK_AES) = {",
                "  CKA_SENSITIVE = true",
                "  CKA_EXTRACTABLE = false",
                "}",
                "");
        Path file = null;
        try {
            file = Files.createTempFile("strongroom-pkcs11-", ".cfg",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, config, StandardCharsets.UTF_8);
            Provider base = Security.getProvider("SunPKCS11");
            if (base == null) {
                throw new CryptoConfigurationProblem("this Java runtime has no SunPKCS11 provider (module jdk.crypto.cryptoki); "
                        + "use a full JDK or JRE.");
            }
            return base.configure(file.toString());
        } catch (IOException e) {
            throw new CryptoConfigurationProblem("cannot write the PKCS#11 provider configuration to the temporary folder ("
                    + e.getClass().getSimpleName() + ").", e);
        } catch (ProviderException | IllegalArgumentException | UnsupportedOperationException e) {
            throw new CryptoConfigurationProblem("the PKCS#11 library " + library + " cannot open the token " + tokenDescription()
                    + " (" + reason(e) + ").", e);
        } finally {
            deleteQuietly(file);
        }
    }

    private KeyStore login(Provider provider) {
        char[] pin = readPin();
        try {
            KeyStore token = KeyStore.getInstance("PKCS11", provider);
            token.load(null, pin);
            return token;
        } catch (IOException | GeneralSecurityException | ProviderException e) {
            String reason = reason(e);
            if (reason.contains("CKR_PIN_INCORRECT") || (hasCause(e, FailedLoginException.class) && !reason.contains("CKR_PIN_LOCKED"))) {
                throw new CryptoConfigurationProblem("the HSM token " + tokenDescription() + " refused the PIN. Check "
                        + pinSource() + "; repeated wrong PINs can lock the token.", e);
            }
            if (reason.contains("CKR_PIN_LOCKED")) {
                throw new CryptoConfigurationProblem("the user PIN of the HSM token " + tokenDescription()
                        + " is locked; the token's security officer must reset it.", e);
            }
            throw new CryptoConfigurationProblem("cannot log in to the HSM token " + tokenDescription() + " (" + reason + ").", e);
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    private SecretKey findOrCreateKey(Provider provider, KeyStore token) {
        String label = settings.keyLabel();
        try {
            Key existing = token.containsAlias(label) ? token.getKey(label, null) : null;
            if (existing == null) {
                if (!token.isKeyEntry(label) && token.containsAlias(label)) {
                    throw new CryptoConfigurationProblem("the HSM token object labelled '" + label + "' is not a secret key; "
                            + "choose another strongroom.keys.pkcs11.key-label.");
                }
                if (!settings.createKey()) {
                    throw new CryptoConfigurationProblem("the HSM token " + tokenDescription() + " has no key labelled '" + label
                            + "' and strongroom.keys.pkcs11.create-key is false. Check the token and key label.");
                }
                existing = generate(provider, token, label);
            }
            if (!(existing instanceof SecretKey secret) || !"AES".equalsIgnoreCase(existing.getAlgorithm())) {
                throw new CryptoConfigurationProblem("the HSM key labelled '" + label + "' is not an AES key ("
                        + existing.getAlgorithm() + "); choose another strongroom.keys.pkcs11.key-label.");
            }
            if (secret.getEncoded() != null) {
                throw new CryptoConfigurationProblem("the HSM key labelled '" + label + "' can be read out of the token "
                        + "(it is not sensitive); make a sensitive, non-extractable AES-256 key or let Strongroom create one.");
            }
            return secret;
        } catch (GeneralSecurityException | ProviderException e) {
            throw new CryptoConfigurationProblem("cannot find or create the AES key '" + label + "' in the HSM token "
                    + tokenDescription() + " (" + reason(e) + ").", e);
        }
    }

    private static SecretKey generate(Provider provider, KeyStore token, String label) throws GeneralSecurityException {
        KeyGenerator generator = KeyGenerator.getInstance("AES", provider);
        generator.init(256);
        SecretKey sessionKey = generator.generateKey();
        token.setEntry(label, new KeyStore.SecretKeyEntry(sessionKey), null);
        Key stored = token.getKey(label, null);
        if (stored == null) {
            throw new GeneralSecurityException("the token did not keep the generated key");
        }
        return (SecretKey) stored;
    }

    private char[] readPin() {
        Path file = settings.pinFile();
        if (file == null) {
            return settings.pin().toCharArray();
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.OTHERS_READ)) {
                throw new CryptoConfigurationProblem("the PIN file " + file + " is readable by others (mode "
                        + PosixFilePermissions.toString(permissions) + "). Run: chmod 600 " + file);
            }
            String content = Files.readString(file, StandardCharsets.UTF_8);
            // A file written by echo or an editor ends with a line break that is not part of the PIN.
            String pin = content.endsWith("\r\n") ? content.substring(0, content.length() - 2)
                    : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
            if (pin.isEmpty()) {
                throw new CryptoConfigurationProblem("the PIN file " + file + " is empty.");
            }
            return pin.toCharArray();
        } catch (IOException e) {
            throw new CryptoConfigurationProblem("cannot read the PIN file " + file + " (" + e.getClass().getSimpleName()
                    + "). Check strongroom.keys.pkcs11.pin-file and that the file belongs to this user.", e);
        }
    }

    private String pinSource() {
        return settings.pinFile() != null ? "the PIN file " + settings.pinFile() : "strongroom.keys.pkcs11.pin";
    }

    private String tokenDescription() {
        return settings.tokenLabel() != null ? "'" + settings.tokenLabel() + "'" : "at slot list index " + settings.slotListIndex();
    }

    /**
     * The innermost message of a failure, for operator messages. PKCS#11 errors are return-value
     * names such as {@code CKR_TOKEN_NOT_PRESENT}; SunPKCS11 never puts a PIN into a message.
     */
    static String reason(Throwable failure) {
        Throwable cause = failure;
        String message = null;
        while (cause != null) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                message = cause.getMessage();
            }
            if (cause.getCause() == cause) {
                break;
            }
            cause = cause.getCause();
        }
        return message == null ? failure.getClass().getSimpleName() : message.strip().replaceAll("\\s+", " ");
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static void deleteQuietly(@Nullable Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a left-over provider configuration holds no secret
        }
    }

    @Override
    public String toString() {
        return "Pkcs11RootKeyProvider[" + settings + "]";
    }
}
