package org.strongroom.operations.internal;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.strongroom.testing.TestFolders;

/** {@code serve} with the passphrase provider and no sealed root key stops with one line naming the fix. */
class PassphraseStartupIntegrationTests {

    @Test
    void passphraseProviderWithoutSealedKeyTellsTheOperatorToRunInitPassphrase() {
        Path folder = TestFolders.fresh("startup-passphrase-missing");
        StartupFailureIntegrationTests.assertOneClearLine(
                StartupFailureIntegrationTests.serve(folder, "--set=strongroom.keys.provider=passphrase"),
                "no sealed root key", "Run 'strongroom keys init-passphrase'");
    }
}
