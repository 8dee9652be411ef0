package org.strongroom.crypto.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.StreamingAead;

/**
 * One client's unwrapped keys, as primitives: AES-256-GCM for fields, AES-256-GCM-HKDF streaming
 * (1 MiB segments) for documents. Lives only in memory, in the bounded {@link ClientKeyCache}.
 */
record ClientKeyMaterial(Aead fields, StreamingAead documents, int primaryVersion) {

    @Override
    public String toString() {
        return "ClientKeyMaterial[v" + primaryVersion + "]";
    }
}
