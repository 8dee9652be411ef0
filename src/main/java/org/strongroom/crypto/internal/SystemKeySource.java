package org.strongroom.crypto.internal;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Parameters;

/** Where the users of system keys (blind indexes, the audit keys) get their keysets from. */
interface SystemKeySource {

    /** The keyset for the purpose, created with the parameters on first use. */
    KeysetHandle keyset(String purpose, Parameters parameters);

    /**
     * Changes whenever the keys are forgotten (sealing); a user that derived keys from a keyset
     * compares this before each use and derives again (or fails while sealed) when it moved.
     */
    long generation();
}
