package org.strongroom.operations.internal;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.strongroom.audit.AuditVerification;
import org.strongroom.audit.VerificationResult;

import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code strongroom audit …}: checks the audit trail. Works on the data folder or database whether
 * or not the server is running: it takes no data-folder lock, only reads, and does not checkpoint.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Checks the tamper-evident audit trail.", "Run 'strongroom audit COMMAND --help' for one command."},
        subcommands = {AuditCommand.Verify.class, AuditPruneCommand.class})
final class AuditCommand implements Callable<Integer> {

    static Class<?> application;
    static PrintWriter out;
    static PrintWriter err;

    AuditCommand(Class<?> application, PrintWriter out, PrintWriter err) {
        AuditCommand.application = application;
        AuditCommand.out = out;
        AuditCommand.err = err;
    }

    @Override
    public Integer call() {
        err.println("strongroom: audit needs a subcommand: verify. Run 'strongroom audit --help' for usage.");
        return CommandLines.USAGE;
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Recomputes the audit chain from the entries, checks every signed checkpoint and compares",
                    "with <data-dir>/audit/checkpoints.jsonl. Exit code 0: intact; 1: the first bad entry",
                    "is named on one line (altered, missing, inserted, reordered, truncated, rolled back)."})
    static final class Verify implements Callable<Integer> {

        @Mixin
        OfflineContext target;

        @Override
        public Integer call() {
            // A reading tool: no checkpoint of its own when its short-lived context stops.
            target.settings.put("strongroom.audit.checkpoints", "false");
            return target.run(application, err, true, context -> {
                AuditVerification verification = context.getBean(AuditVerification.class);
                VerificationResult result;
                try (ProgressBar bar = KeysCommand.progress("Verifying audit trail", Math.max(1, verification.approximateSize()))) {
                    result = verification.verify(bar::stepTo);
                }
                return report(result, out, err);
            });
        }
    }

    /** One line for the result; the exit code. */
    static int report(VerificationResult result, PrintWriter out, PrintWriter err) {
        if (result instanceof VerificationResult.Broken broken) {
            err.println("strongroom: audit trail broken at entry " + broken.seq() + " ("
                    + broken.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + "): " + broken.detail());
            err.flush();
            return CommandLines.FAILED;
        }
        VerificationResult.Intact intact = (VerificationResult.Intact) result;
        out.println("Audit trail intact: " + intact.entries() + " entries, " + intact.checkpoints() + " signed checkpoints.");
        out.flush();
        return 0;
    }
}
