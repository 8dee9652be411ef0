package org.strongroom.operations.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.strongroom.audit.AuditPruning;
import org.strongroom.audit.AuditRetention;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code strongroom audit prune [--yes]}: removes entries older than the retention, from the start
 * of the trail up to the newest signed checkpoint older than the retention, after verifying the
 * whole trail. Without {@code --yes} it only says what it would remove. Runs beside a live server.
 */
@Command(name = "prune", mixinStandardHelpOptions = true,
        description = {"Removes audit entries older than the retention (strongroom.audit.retention, default six years),",
                "up to the newest signed checkpoint older than it, so the rest stays verifiable from that checkpoint.",
                "Verifies the whole trail first and removes nothing from a broken trail.",
                "Without --yes, only shows what would be removed."})
final class AuditPruneCommand implements Callable<Integer> {

    @Mixin
    OfflineContext target;

    @Option(names = "--yes", description = "Remove the entries (otherwise only show what would be removed).")
    boolean yes;

    @Override
    public Integer call() {
        return target.run(AuditCommand.application, AuditCommand.err, true, context -> {
            AuditPruning pruning = context.getBean(AuditPruning.class);
            AuditRetention retention = context.getBean(AuditRetention.class);
            Instant now = context.getBean(Clock.class).instant();
            if (!yes) {
                Optional<AuditPruning.Plan> plan = pruning.plan(now);
                if (plan.isEmpty()) {
                    AuditCommand.out.println("Nothing to prune: no signed checkpoint is older than the retention ("
                            + retention.retention() + ", before " + retention.keepSince(now) + ").");
                } else {
                    AuditPruning.Plan p = plan.get();
                    AuditCommand.out.println("Would remove entries " + p.firstSeq() + " to " + p.throughSeq() + " (" + p.entries()
                            + " entries, up to the checkpoint signed " + p.checkpointTime() + "; retention " + retention.retention()
                            + "). Run again with --yes to remove them.");
                }
                AuditCommand.out.flush();
                return 0;
            }
            AuditPruning.Result result = pruning.prune(now);
            if (result instanceof AuditPruning.TrailBroken broken) {
                AuditCommand.err.println("strongroom: audit trail broken at entry " + broken.seq() + " ("
                        + broken.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + "); nothing was removed. Run 'strongroom audit verify'.");
                AuditCommand.err.flush();
                return CommandLines.FAILED;
            }
            if (result instanceof AuditPruning.Pruned pruned) {
                AuditCommand.out.println("Removed entries " + pruned.plan().firstSeq() + " to " + pruned.plan().throughSeq() + " ("
                        + pruned.plan().entries() + " entries); the trail now starts after the checkpoint at entry "
                        + pruned.plan().throughSeq() + ".");
            } else {
                AuditCommand.out.println("Nothing to prune: no signed checkpoint is older than the retention (" + retention.retention() + ").");
            }
            AuditCommand.out.flush();
            return 0;
        });
    }
}
