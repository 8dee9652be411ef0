package org.strongroom.crypto.internal;

import java.security.GeneralSecurityException;

import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.mac.MacConfig;
import com.google.crypto.tink.prf.PrfConfig;
import com.google.crypto.tink.signature.SignatureConfig;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;

/** Registers the Tink primitives Strongroom uses, once per JVM. */
final class TinkSetup {

    private static volatile boolean registered;

    private TinkSetup() {
    }

    static void register() {
        if (registered) {
            return;
        }
        synchronized (TinkSetup.class) {
            if (registered) {
                return;
            }
            try {
                AeadConfig.register();
                StreamingAeadConfig.register();
                MacConfig.register();
                PrfConfig.register();
                SignatureConfig.register();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Tink could not register its primitives", e);
            }
            registered = true;
        }
    }
}
