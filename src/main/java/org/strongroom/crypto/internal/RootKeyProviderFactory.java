package org.strongroom.crypto.internal;

import java.nio.file.Path;

import org.springframework.core.env.Environment;

/**
 * Makes one kind of {@link RootKeyProvider}. Each provider kind contributes one factory bean; the
 * configured one ({@code strongroom.keys.provider}) is chosen at run time — not by a build-time
 * condition, so the choice survives Spring's ahead-of-time processing.
 */
public interface RootKeyProviderFactory {

    /** The value of {@code strongroom.keys.provider} that selects this factory. */
    String name();

    /**
     * @param keysFolder  {@code <data folder>/keys}, for providers that keep files
     * @param environment the configuration ({@code strongroom.keys.*})
     */
    RootKeyProvider create(Path keysFolder, Environment environment);
}
