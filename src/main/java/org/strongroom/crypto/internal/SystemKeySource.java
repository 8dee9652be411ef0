package org.strongroom.crypto.internal;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Parameters;

/** Where derived-key users (blind indexes, later the audit HMAC) get their system keysets from. */
interface SystemKeySource {

    /** The keyset for the purpose, created with the parameters on first use. */
    KeysetHandle keyset(String purpose, Parameters parameters);

    /**
     * Changes whenever the keys are forgotten (sealing); a user that derived keys from a keyset
     * compares this before each use and derives again (or fails while sealed) when it moved.
     */
    long generation();
}
