package org.strongroom.crypto.internal;

import java.nio.file.Path;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** {@code strongroom.keys.provider=file} (the default). */
@Component
class FileRootKeyProviderFactory implements RootKeyProviderFactory {

    @Override
    public String name() {
        return "file";
    }

    @Override
    public RootKeyProvider create(Path keysFolder, Environment environment) {
        return new FileRootKeyProvider(keysFolder);
    }
}
