package org.strongroom.crypto.internal;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.strongroom.crypto.CryptoConfigurationProblem;

/**
 * The {@code strongroom.keys.pkcs11.*} settings. Exactly one of {@code tokenLabel} and
 * {@code slotListIndex} names the token; the PIN comes from {@code pinFile} when set, else from
 * {@code pin}. {@link #toString()} never shows the PIN.
 *
 * @param library       the PKCS#11 module (shared library) of the HSM
 * @param tokenLabel    the token's label, or null when the slot is given by index
 * @param slotListIndex the index into the library's list of slots with a token, or null
 * @param pinFile       a file holding the user PIN (one line), or null
 * @param pin           the user PIN itself, or null; the file wins when both are set
 * @param keyLabel      the {@code CKA_LABEL} of the AES root key in the token
 * @param createKey     whether a missing key is generated in the token on start
 */
record Pkcs11Settings(Path library, @Nullable String tokenLabel, @Nullable Integer slotListIndex,
                      @Nullable Path pinFile, @Nullable String pin, String keyLabel, boolean createKey) {

    static final String PREFIX = "strongroom.keys.pkcs11.";
    static final String DEFAULT_LIBRARY = "/usr/lib/softhsm/libsofthsm2.so";
    static final String DEFAULT_KEY_LABEL = "strongroom-root";

    Pkcs11Settings {
        requireConfigValue("library", library.toString());
        if (keyLabel.isBlank()) {
            throw new CryptoConfigurationProblem(PREFIX + "key-label must not be blank.");
        }
        if ((tokenLabel == null) == (slotListIndex == null)) {
            throw new CryptoConfigurationProblem("set exactly one of " + PREFIX + "token-label and " + PREFIX
                    + "slot-list-index to choose the HSM token (the token label is the safer choice: slot order "
                    + "changes when tokens are added).");
        }
        if (slotListIndex != null && slotListIndex < 0) {
            throw new CryptoConfigurationProblem(PREFIX + "slot-list-index must be 0 or more.");
        }
        if (pinFile == null && (pin == null || pin.isEmpty())) {
            throw new CryptoConfigurationProblem("set " + PREFIX + "pin-file to a file holding the token's user PIN (or "
                    + PREFIX + "pin, which leaves the PIN in the environment).");
        }
    }

    static Pkcs11Settings from(Environment environment) {
        String index = blankToNull(environment.getProperty(PREFIX + "slot-list-index"));
        Integer slotListIndex = null;
        if (index != null) {
            try {
                slotListIndex = Integer.valueOf(index);
            } catch (NumberFormatException e) {
                throw new CryptoConfigurationProblem(PREFIX + "slot-list-index must be a whole number, not '" + index + "'.");
            }
        }
        String pinFile = blankToNull(environment.getProperty(PREFIX + "pin-file"));
        return new Pkcs11Settings(
                Path.of(environment.getProperty(PREFIX + "library", DEFAULT_LIBRARY).strip()),
                blankToNull(environment.getProperty(PREFIX + "token-label")),
                slotListIndex,
                pinFile == null ? null : Path.of(pinFile),
                environment.getProperty(PREFIX + "pin"),
                environment.getProperty(PREFIX + "key-label", DEFAULT_KEY_LABEL).strip(),
                environment.getProperty(PREFIX + "create-key", Boolean.class, Boolean.TRUE));
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Values end up in a SunPKCS11 configuration file, whose parser gives quotes and {@code ${}} meaning. */
    private static void requireConfigValue(String name, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == '"' || c == '$' || c == '\\' || c == 0x7f) {
                throw new CryptoConfigurationProblem(PREFIX + name + " must not contain quotes, '$', backslashes or control characters.");
            }
        }
    }

    @Override
    public String toString() {
        return "Pkcs11Settings[library=" + library + ", tokenLabel=" + tokenLabel + ", slotListIndex=" + slotListIndex
                + ", pinFile=" + pinFile + ", pin=" + (pin == null ? "unset" : "(hidden)") + ", keyLabel=" + keyLabel
                + ", createKey=" + createKey + "]";
    }
}
