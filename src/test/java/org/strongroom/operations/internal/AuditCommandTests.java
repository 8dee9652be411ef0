package org.strongroom.operations.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import org.strongroom.audit.BreakKind;
import org.strongroom.audit.VerificationResult;
import org.strongroom.operations.internal.StrongroomCliTests.Run;

class AuditCommandTests {

    @Test
    void intactTrailExitsZero() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AuditCommand.report(new VerificationResult.Intact(1200, 1), new PrintWriter(out), new PrintWriter(err));
        assertThat(code).isZero();
        assertThat(out.toString()).isEqualTo("Audit trail intact: 1200 entries, 1 signed checkpoints." + System.lineSeparator());
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
    void verifyIsAListedCommand() {
        Run help = StrongroomCliTests.run("audit", "verify", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--data-dir", "--set", "checkpoints.jsonl");
    }
}
