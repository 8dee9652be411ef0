package org.strongroom.crypto.internal;

import java.nio.file.Path;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** {@code strongroom.keys.provider=passphrase}: a sealed root key file; the server starts sealed. */
@Component
class PassphraseRootKeyProviderFactory implements RootKeyProviderFactory {

    @Override
    public String name() {
        return PassphraseRootKeyProvider.NAME;
    }

    @Override
    public RootKeyProvider create(Path keysFolder, Environment environment) {
        return new PassphraseRootKeyProvider(keysFolder);
    }
}
