package org.strongroom.operations.internal;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.strongroom.documents.DocumentVerification;

import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code strongroom documents …}: checks the document store. */
@Command(name = "documents", mixinStandardHelpOptions = true,
        description = {"Checks the encrypted document store.", "Run 'strongroom documents verify --help' for details."},
        subcommands = DocumentsCommand.Verify.class)
final class DocumentsCommand implements Callable<Integer> {

    static Class<?> application;
    static PrintWriter out;
    static PrintWriter err;

    DocumentsCommand(Class<?> application, PrintWriter out, PrintWriter err) {
        DocumentsCommand.application = application;
        DocumentsCommand.out = out;
        DocumentsCommand.err = err;
    }

    @Override
    public Integer call() {
        err.println("strongroom: documents needs a subcommand: verify. Run 'strongroom documents --help' for usage.");
        return CommandLines.USAGE;
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Decrypts every stored document version to prove it is intact (a progress",
                    "bar shows the bytes), and lists damaged ones by document id and version:",
                    "missing, altered or truncated objects, or a wrong length. Then lists objects",
                    "in the store that belong to no document (left by a crash between storing",
                    "the bytes and recording them); --clean deletes those and abandoned",
                    "unfinished uploads. Objects younger than an hour are never touched, so it",
                    "can run beside a live server. Works for local and S3 storage alike.",
                    "Reads and decrypts, never prints names, titles or content."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:every stream intact (and, with --clean, no orphan left)",
                    "1:damage found, or orphans left (run again with --clean)",
                    "2:the command line was wrong"})
    static final class Verify implements Callable<Integer> {

        @Mixin
        OfflineContext target;

        @Option(names = "--clean", description = "Delete objects that belong to no document, and abandoned unfinished uploads.")
        boolean clean;

        @Override
        public Integer call() {
            target.settings.put("strongroom.audit.checkpoints", "false");
            target.settings.put("strongroom.documents.warm-up", "false");
            return target.run(application, err, true, context -> {
                DocumentVerification verification = context.getBean(DocumentVerification.class);
                DocumentVerification.Report report;
                try (ProgressBar bar = KeysCommand.progress("Verifying documents (bytes)", 1)) {
                    report = verification.verify(clean, (done, total) -> {
                        bar.maxHint(Math.max(1, total));
                        bar.stepTo(done);
                    });
                }
                return report(report, out, err);
            });
        }
    }

    static int report(DocumentVerification.Report report, PrintWriter out, PrintWriter err) {
        out.println("Checked " + count(report.versionsChecked(), "document version") + " (" + megabytes(report.bytesChecked())
                + " stored)" + (report.skippedDestroyedKeys() > 0 ? ", skipped " + count(report.skippedDestroyedKeys(),
                "version") + " of erased clients (their bytes are deleted by the next sweep)" : "") + ".");
        for (DocumentVerification.Damage damage : report.damaged()) {
            err.println("damaged: document " + damage.documentId() + " version " + damage.version() + " (" + switch (damage.problem()) {
                case "missing" -> "stored object missing";
                case "size" -> "decrypts to a different length than recorded";
                case "decrypt" -> "altered, truncated or swapped: does not decrypt";
                default -> "could not be read";
            } + ")");
        }
        if (!report.orphans().isEmpty()) {
            out.println(count(report.orphans().size(), "stored object") + " belong to no document"
                    + (report.orphansRemoved() > 0 ? "; deleted " + report.orphansRemoved() + "." : "; run with --clean to delete them."));
        }
        if (report.unfinishedRemoved() > 0) {
            out.println("Removed " + count(report.unfinishedRemoved(), "abandoned unfinished upload") + ".");
        }
        if (report.damaged().isEmpty()) {
            out.println("Every stored document version is intact.");
        } else {
            err.println("strongroom: " + count(report.damaged().size(), "damaged document version") + " found; restore them from a backup.");
        }
        out.flush();
        err.flush();
        return report.healthy() ? 0 : CommandLines.FAILED;
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
