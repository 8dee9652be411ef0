package org.strongroom.operations.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import org.strongroom.StrongroomApplication;
import org.strongroom.operations.StrongroomCli;

/** The command line without starting anything: help, version, and one clear line for bad input. */
class StrongroomCliTests {

    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = StrongroomCli.run(StrongroomApplication.class, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpListsTheCommands() {
        Run run = run("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("serve", "init", "keys", "unseal", "version");
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"serve", "init", "version", "unseal", "keys", "keys status", "keys rotate-root",
                "keys rewrap", "keys retire-old-root", "keys rotate-clients", "keys rotate-index", "keys rebuild-index", "keys retire-old-index", "keys init-passphrase", "keys split"}) {
            String[] words = (command + " --help").split(" ");
            Run run = run(words);
            assertThat(run.exitCode()).as(command).isZero();
            assertThat(run.out()).as(command).contains("Usage: strongroom " + command);
        }
    }

    @Test
    void versionPrintsStrongroomAndJava() {
        Run run = run("version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).containsPattern("Strongroom \\d+\\.\\d+\\.\\d+").contains("Java 17", "Java ".substring(0, 5));
    }

    @Test
    void unknownCommandExitsWithUsageErrorInOneLine() {
        Run run = run("frobnicate");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("strongroom: unknown command 'frobnicate'. Run 'strongroom --help' for usage." + System.lineSeparator());
    }

    @Test
    void unknownOptionExitsWithUsageErrorInOneLine() {
        Run run = run("serve", "--no-tls");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).containsExactly(
                "strongroom: unknown option '--no-tls' for 'strongroom serve'. Run 'strongroom serve --help' for usage.");
    }

    @Test
    void badPortIsAUsageError() {
        assertThat(run("serve", "--port", "70000").exitCode()).isEqualTo(2);
        Run notANumber = run("serve", "--port", "https");
        assertThat(notANumber.exitCode()).isEqualTo(2);
        assertThat(notANumber.err().lines()).hasSize(1);
    }

    @Test
    void initWithoutRequiredOptionsSaysWhichAreMissing() {
        Run run = run("init", "--owner-email", "owner@example.org");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).contains("--owner-name", "--owner-password-file");
    }

    /** A bad --batch is refused before the root key is touched, not after it was rotated. */
    @Test
    void badBatchIsRefusedBeforeAnyKeyWork() {
        java.nio.file.Path folder = org.strongroom.testing.TestFolders.fresh("cli-bad-batch");
        for (String command : new String[] {"rotate-root", "rewrap", "rotate-clients"}) {
            Run run = run("keys", command, "--data-dir=" + folder, "--batch=0");
            assertThat(run.exitCode()).as(command).isEqualTo(2);
            assertThat(run.err().lines()).as(command).containsExactly("strongroom: --batch must be between 1 and 10000, not 0.");
        }
        assertThat(folder).as("nothing was started or created").doesNotExist();
    }

    @Test
    void noCommandIsAUsageError() {
        Run run = run();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1);
    }
}
