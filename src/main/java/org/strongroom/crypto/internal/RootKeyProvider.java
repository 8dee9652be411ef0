package org.strongroom.crypto.internal;

import com.google.crypto.tink.Aead;

/**
 * Where the root key (KEK) lives. It wraps and unwraps every other key and never touches the
 * database or its backups. Implementations: {@code file} (a Tink keyset file with 0600
 * permissions), {@code passphrase} (that file encrypted under an Argon2id-derived key; starts
 * sealed), {@code pkcs11} (an HSM via SunPKCS11). A KMS provider is one more implementation whose
 * {@link #open()} returns Tink's KMS-backed {@link Aead} (e.g. {@code GcpKmsClient.getAead(uri)}).
 */
public interface RootKeyProvider {

    /** The provider's name as configured in {@code strongroom.keys.provider}. */
    String name();

    /** Whether an operator must unseal before the key can be used. */
    boolean startsSealed();

    /**
     * Opens the root key without operator input. Providers that start sealed throw
     * {@link org.strongroom.crypto.VaultSealed}.
     *
     * @return the root key as an AEAD; its ciphertexts identify the key version that made them
     */
    OpenedRootKey open();

    /**
     * Adds a new root key version and makes it primary; older versions stay usable for unwrapping
     * until {@link #retireOldVersions()}. Providers that cannot add versions refuse with a
     * {@link org.strongroom.crypto.CryptoConfigurationProblem} that says what to do instead.
     */
    default OpenedRootKey rotate() {
        throw new org.strongroom.crypto.CryptoConfigurationProblem("the " + name()
                + " key provider cannot add root key versions from Strongroom; rotate the key in the provider itself.");
    }

    /** Removes every root key version but the primary; only call when nothing is wrapped by them. */
    default OpenedRootKey retireOldVersions() {
        return open();
    }

    /** An opened root key and a stable, non-secret id of its current primary version. */
    record OpenedRootKey(Aead aead, String keyId) {
        @Override
        public String toString() {
            return "OpenedRootKey[" + keyId + "]";
        }
    }
}
