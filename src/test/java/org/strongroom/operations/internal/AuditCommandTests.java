package org.strongroom.operations.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import java.time.Instant;

import org.strongroom.audit.BreakKind;
import org.strongroom.audit.BundleProblem;
import org.strongroom.audit.BundleVerdict;
import org.strongroom.audit.VerificationResult;
import org.strongroom.operations.internal.StrongroomCliTests.Run;

class AuditCommandTests {

    @Test
    void intactTrailExitsZero() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AuditCommand.report(new VerificationResult.Intact(1200, 1), new PrintWriter(out), new PrintWriter(err));
        assertThat(code).isZero();
        assertThat(out.toString()).isEqualTo("Audit trail intact: 1200 entries, 1 signed checkpoint." + System.lineSeparator());
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void brokenTrailExitsOneWithOneLineNamingTheFirstBadEntry() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AuditCommand.report(new VerificationResult.Broken(512, BreakKind.ROLLED_BACK, "the trail ends at entry 511"),
                new PrintWriter(out), new PrintWriter(err));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString().lines()).containsExactly(
                "strongroom: audit trail broken at entry 512 (rolled back): the trail ends at entry 511");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void intactBundleNamesItsKeyAndAsksForAComparisonWhenUnconfirmed() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String key = "ab".repeat(32);
        int code = AuditCommand.report(new BundleVerdict.Intact(11, 26, 16, 2, Instant.parse("2026-03-02T15:00:00Z"), key, false),
                new PrintWriter(out), new PrintWriter(err));
        assertThat(code).isZero();
        assertThat(out.toString().lines()).containsExactly(
                "Bundle intact: 16 entries (11 to 26), 2 signed checkpoints, exported 2026-03-02T15:00:00Z, signed by key " + key + ".",
                "Compare this key id with the keyId in <data-dir>/audit/checkpoints.jsonl of the installation (or pass --key-id):"
                        + " anyone can sign a bundle with a key of their own.");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void brokenBundleExitsOneWithOneLineNamingLineAndEntry() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AuditCommand.report(new BundleVerdict.Broken(12, 10, BundleProblem.CHECKPOINT_FORGED,
                "the checkpoint at entry 10 has no valid signature by the bundle's key"), new PrintWriter(out), new PrintWriter(err));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString().lines()).containsExactly("strongroom: bundle broken at line 12 (entry 10), checkpoint forged:"
                + " the checkpoint at entry 10 has no valid signature by the bundle's key");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void exportIsAListedCommandWithItsExitCodes() {
        Run help = StrongroomCliTests.run("audit", "export", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--format", "--actor", "--client", "--action", "--from", "--until", "--outcome",
                "--output", "--force", "0600", "Exit codes:", "2   the command line was wrong");
        Run verify = StrongroomCliTests.run("audit", "verify", "--help");
        assertThat(verify.out()).contains("--bundle", "--key-id", "Exit codes:");
    }

    @Test
    void verifyIsAListedCommand() {
        Run help = StrongroomCliTests.run("audit", "verify", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--data-dir", "--set", "checkpoints.jsonl");
    }
}
