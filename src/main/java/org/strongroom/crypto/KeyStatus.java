package org.strongroom.crypto;

import java.util.List;

/**
 * The state of the key hierarchy for the UI and the CLI. Contains no key material.
 *
 * @param provider        the root key provider ({@code file}, {@code passphrase}, {@code pkcs11})
 * @param sealed          whether the vault is sealed (nothing decrypts)
 * @param rootKeyId       the current root key version's id, or empty when sealed
 * @param clientVersions  how many clients are on each primary client-key version
 * @param destroyedKeys   how many client keys were destroyed (tombstones)
 * @param cachedKeys      how many unwrapped client keys are in memory now
 * @param pendingRewrap   how many client keys still wait to be re-wrapped by the current root key
 * @param pendingRotation how many client keys a running "rotate every client key" job has left
 */
public record KeyStatus(String provider, boolean sealed, String rootKeyId, List<VersionCount> clientVersions,
                        long destroyedKeys, long cachedKeys, long pendingRewrap, long pendingRotation) {

    /** Clients on one primary key version. */
    public record VersionCount(int version, long clients) {
    }

    public KeyStatus {
        clientVersions = List.copyOf(clientVersions);
    }
}
