package org.strongroom.operations.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.strongroom.operations.internal.StrongroomCliTests.Run;
import org.strongroom.testing.TestFolders;

/** {@code strongroom demo seed} against a fresh data folder, as someone trying Strongroom out would use it. */
class DemoCommandIntegrationTests {

    @Test
    void seedsAFreshInstallationOnceWithClearLines() {
        Path folder = TestFolders.fresh("demo-cli");
        String dir = "--data-dir=" + folder;

        Run seeded = StrongroomCliTests.run("demo", "seed", dir, "--clients", "25");
        assertThat(seeded.exitCode()).as(seeded.err()).isZero();
        assertThat(seeded.out()).contains("Added 25 fictitious clients, 7 demo staff and their care teams.",
                "demo.office@example.org");

        Run again = StrongroomCliTests.run("demo", "seed", dir);
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err().strip()).isEqualTo(
                "strongroom: demo data is already loaded in this installation (the account demo.office@example.org exists).");
    }

    @Test
    void badCommandLinesAreOneLineWithUsage() {
        for (String count : new String[] {"0", "10001", "-5"}) {
            Run refused = StrongroomCliTests.run("demo", "seed", "--data-dir=target/test-data/demo-cli-never", "--clients", count);
            assertThat(refused.exitCode()).isEqualTo(2);
            assertThat(refused.err().strip()).isEqualTo("strongroom: --clients must be between 1 and 10000, not " + count
                    + ". Run 'strongroom demo seed --help' for usage.");
        }
        Run notANumber = StrongroomCliTests.run("demo", "seed", "--clients", "many");
        assertThat(notANumber.exitCode()).isEqualTo(2);
        assertThat(notANumber.err()).startsWith("strongroom: ").contains("--clients").hasLineCount(1);
        Run bare = StrongroomCliTests.run("demo");
        assertThat(bare.exitCode()).isEqualTo(2);
        assertThat(bare.err().strip()).isEqualTo("strongroom: demo needs a subcommand: seed. Run 'strongroom demo --help' for usage.");
        Run help = StrongroomCliTests.run("demo", "seed", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: strongroom demo seed", "--clients", "invited accounts without a password");
        assertThat(StrongroomCliTests.run("serve", "--help").out()).contains("--demo");
    }
}
