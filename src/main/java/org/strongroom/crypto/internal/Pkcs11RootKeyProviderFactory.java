package org.strongroom.crypto.internal;

import java.nio.file.Path;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** {@code strongroom.keys.provider=pkcs11}: the root key inside an HSM (see {@link Pkcs11RootKeyProvider}). */
@Component
class Pkcs11RootKeyProviderFactory implements RootKeyProviderFactory {

    @Override
    public String name() {
        return "pkcs11";
    }

    @Override
    public RootKeyProvider create(Path keysFolder, Environment environment) {
        return new Pkcs11RootKeyProvider(Pkcs11Settings.from(environment));
    }
}
