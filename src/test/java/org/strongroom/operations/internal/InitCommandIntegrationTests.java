package org.strongroom.operations.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.strongroom.operations.internal.StrongroomCliTests.Run;
import org.strongroom.testing.TestFolders;

/** {@code strongroom init}: the owner without a browser, exactly once. */
class InitCommandIntegrationTests {

    @Test
    void createsTheOwnerOnceThenRefuses() throws IOException {
        Path folder = TestFolders.fresh("init-once");
        Files.createDirectories(folder.getParent());
        Path password = folder.getParent().resolve("init-once-password.txt");
        Files.writeString(password, "copper-lantern-orchard-52\n");

        Run first = init(folder, password, "petro.bondar@example.org");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("Owner account created for petro.bondar@example.org");

        Run second = init(folder, password, "someone.else@example.org");
        assertThat(second.exitCode()).isEqualTo(1);
        assertThat(second.err().lines()).containsExactly("strongroom: an owner account already exists; init changed nothing.");
    }

    @Test
    void weakPasswordIsRefusedWithTheReason() throws IOException {
        Path folder = TestFolders.fresh("init-weak");
        Files.createDirectories(folder.getParent());
        Path password = folder.getParent().resolve("init-weak-password.txt");
        Files.writeString(password, "short\n");
        Run run = init(folder, password, "petro.bondar@example.org");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("strongroom: Use at least 12 characters." + System.lineSeparator());
    }

    @Test
    void missingPasswordFileIsAUsageError() {
        Path folder = TestFolders.fresh("init-no-file");
        Run run = init(folder, folder.resolve("absent.txt"), "petro.bondar@example.org");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("does not exist");
    }

    private static Run init(Path folder, Path password, String email) {
        return StrongroomCliTests.run("init", "--data-dir=" + folder, "--owner-email=" + email,
                "--owner-name=Petro Bondar", "--owner-password-file=" + password);
    }
}
