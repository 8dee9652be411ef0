package org.strongroom.operations.internal;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.strongroom.audit.ActorType;
import org.strongroom.audit.AuditBundles;
import org.strongroom.audit.AuditEvent;
import org.strongroom.audit.AuditExports;
import org.strongroom.audit.AuditQuery;
import org.strongroom.audit.AuditTrail;
import org.strongroom.audit.AuditVerification;
import org.strongroom.audit.BundleVerdict;
import org.strongroom.audit.ExportFormat;
import org.strongroom.audit.Outcome;
import org.strongroom.audit.VerificationResult;
import org.strongroom.crypto.AuditKeys;

import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code strongroom audit …}: checks and exports the audit trail. Works on the data folder or
 * database whether or not the server is running: it takes no data-folder lock and does not
 * checkpoint. {@code verify --bundle} needs neither: it checks an exported bundle offline.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Checks, exports and prunes the tamper-evident audit trail.", "Run 'strongroom audit COMMAND --help' for one command."},
        subcommands = {AuditCommand.Verify.class, AuditCommand.Export.class, AuditPruneCommand.class})
final class AuditCommand implements Callable<Integer> {

    static Class<?> application;
    static PrintWriter out;
    static PrintWriter err;

    private static final Pattern KEY_ID = Pattern.compile("[0-9a-fA-F]{64}");

    AuditCommand(Class<?> application, PrintWriter out, PrintWriter err) {
        AuditCommand.application = application;
        AuditCommand.out = out;
        AuditCommand.err = err;
    }

    @Override
    public Integer call() {
        err.println("strongroom: audit needs a subcommand: verify or export. Run 'strongroom audit --help' for usage.");
        return CommandLines.USAGE;
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Recomputes the audit chain from the entries, checks every signed",
                    "checkpoint and compares with <data-dir>/audit/checkpoints.jsonl. The first",
                    "bad entry is named on one line (altered, missing, inserted, reordered,",
                    "truncated, rolled back).",
                    "",
                    "With --bundle FILE it checks an exported signed bundle instead, fully",
                    "offline (no data folder, database or server): the trailer's signature over",
                    "every line, each checkpoint's signature and its match with its entry's MAC,",
                    "and the order and completeness of the entries. Without --key-id it prints",
                    "the bundle's key id: compare it with the keyId in the lines of",
                    "<data-dir>/audit/checkpoints.jsonl of the installation it came from."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:intact (for a bundle: and signed by the key printed, or by --key-id)",
                    "1:broken: the first problem is named on one line (with --bundle: its line and entry)",
                    "2:the command line was wrong"})
    static final class Verify implements Callable<Integer> {

        @Mixin
        OfflineContext target;

        @Spec
        CommandSpec spec;

        @Option(names = "--bundle", paramLabel = "FILE", description = "A signed bundle made by 'strongroom audit export --format bundle'.")
        @Nullable Path bundle;

        @Option(names = "--key-id", paramLabel = "HEX", description = "The checkpoint key id the bundle must be signed with (64 hex digits).")
        @Nullable String keyId;

        @Override
        public Integer call() {
            if (bundle != null) {
                if (target.dataDir != null || !target.settings.isEmpty()) {
                    throw new ParameterException(spec.commandLine(), "--bundle works offline and takes no --data-dir or --set");
                }
                if (keyId != null && !KEY_ID.matcher(keyId).matches()) {
                    throw new ParameterException(spec.commandLine(), "--key-id must be 64 hexadecimal digits");
                }
                return verifyBundle(bundle, keyId);
            }
            if (keyId != null) {
                throw new ParameterException(spec.commandLine(), "--key-id is for --bundle");
            }
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

    static int verifyBundle(Path file, @Nullable String keyId) {
        if (!Files.isRegularFile(file)) {
            err.println("strongroom: no bundle at " + file);
            return CommandLines.FAILED;
        }
        BundleVerdict verdict;
        try (ProgressBar bar = KeysCommand.progress("Verifying bundle", Math.max(1, Files.size(file)));
                InputStream in = new Counting(Files.newInputStream(file), bar::stepTo)) {
            verdict = AuditBundles.verify(in, keyId);
        } catch (IOException e) {
            err.println("strongroom: could not read " + file + ": " + e.getClass().getSimpleName());
            return CommandLines.FAILED;
        }
        return report(verdict, out, err);
    }

    /** One line for the result (two when the key id is unconfirmed); the exit code. */
    static int report(BundleVerdict verdict, PrintWriter out, PrintWriter err) {
        if (verdict instanceof BundleVerdict.Broken broken) {
            err.println("strongroom: bundle broken at line " + broken.line()
                    + (broken.seq() > 0 ? " (entry " + broken.seq() + ")" : "") + ", "
                    + broken.problem().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + broken.detail());
            err.flush();
            return CommandLines.FAILED;
        }
        BundleVerdict.Intact intact = (BundleVerdict.Intact) verdict;
        out.println("Bundle intact: " + intact.entries() + " entries (" + intact.firstSeq() + " to " + intact.lastSeq()
                + "), " + count(intact.checkpoints(), "signed checkpoint") + ", exported " + intact.exportedAt() + ", signed by key "
                + intact.keyId() + (intact.keyIdConfirmed() ? " (as expected)." : "."));
        if (!intact.keyIdConfirmed()) {
            out.println("Compare this key id with the keyId in <data-dir>/audit/checkpoints.jsonl of the installation"
                    + " (or pass --key-id): anyone can sign a bundle with a key of their own.");
        }
        out.flush();
        return 0;
    }

    /** One line for the result; the exit code. */
    static int report(VerificationResult result, PrintWriter out, PrintWriter err) {
        if (result instanceof VerificationResult.Broken broken) {
            err.println("strongroom: audit trail broken at entry " + broken.seq() + " ("
                    + broken.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + "): " + broken.detail());
            err.flush();
            return CommandLines.FAILED;
        }
        VerificationResult.Intact intact = (VerificationResult.Intact) result;
        out.println("Audit trail intact: " + count(intact.entries(), "entry", "entries") + ", "
                + count(intact.checkpoints(), "signed checkpoint") + ".");
        out.flush();
        return 0;
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Writes the audit entries matching the filters to FILE, oldest first: CSV",
                    "(RFC 4180, safe to open in a spreadsheet), JSON Lines, or a signed bundle",
                    "that 'strongroom audit verify --bundle' checks offline. A bundle covers a",
                    "period (--from, --until) with every entry in it and takes no other filter;",
                    "the chain of its entries is recomputed before it is signed.",
                    "The file is readable by its owner only (0600). The export is recorded in",
                    "the trail (audit.export, actor system, the format as reason) first.",
                    "",
                    "DATE is a UTC day (2026-03-01): --from starts at its beginning, --until",
                    "includes it. INSTANT is ISO-8601 (2026-03-01T09:00:00Z): --from includes",
                    "it, --until does not."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:exported", "1:the export failed (the file exists, the trail is broken, the database or vault is unavailable)",
                    "2:the command line was wrong"})
    static final class Export implements Callable<Integer> {

        @Mixin
        OfflineContext target;

        @Spec
        CommandSpec spec;

        @Option(names = "--format", required = true, paramLabel = "csv|jsonl|bundle", description = "csv, jsonl or bundle.")
        String format;

        @Option(names = "--actor", paramLabel = "ID", description = "Only entries by this staff member or token id.")
        @Nullable String actor;

        @Option(names = "--client", paramLabel = "ID", description = "Only entries about this client.")
        @Nullable String client;

        @Option(names = "--action", paramLabel = "CODE", description = "Only this action, or the actions under it (identity finds identity.sign_in).")
        @Nullable String action;

        @Option(names = "--from", paramLabel = "DATE|INSTANT", description = "Only entries at or after this.")
        @Nullable String from;

        @Option(names = "--until", paramLabel = "DATE|INSTANT", description = "Only entries before this instant, or up to the end of this day.")
        @Nullable String until;

        @Option(names = "--outcome", paramLabel = "allowed|denied|succeeded|failed", description = "Only entries with this outcome.")
        @Nullable String outcome;

        @Option(names = "--output", required = true, paramLabel = "FILE", description = "The file to write.")
        Path output;

        @Option(names = "--force", description = "Replace FILE if it exists.")
        boolean force;

        @Override
        public Integer call() {
            ExportFormat exportFormat = format(format);
            AuditQuery query;
            try {
                query = new AuditQuery(actor, client, action, instant(from, false), instant(until, true),
                        outcome == null ? null : outcome(outcome));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            if (exportFormat == ExportFormat.SIGNED_BUNDLE && (query.actorId() != null || query.clientId() != null
                    || query.actionPrefix() != null || query.outcome() != null)) {
                throw new ParameterException(spec.commandLine(), "a bundle covers a period and takes only --from and --until;"
                        + " export csv or jsonl for a filtered selection");
            }
            Path file = output.toAbsolutePath();
            if (Files.exists(file) && !force) {
                err.println("strongroom: " + output + " exists; add --force to replace it.");
                return CommandLines.FAILED;
            }
            if (!Files.isDirectory(file.getParent())) {
                err.println("strongroom: the folder " + file.getParent() + " does not exist.");
                return CommandLines.FAILED;
            }
            target.settings.put("strongroom.audit.checkpoints", "false");
            return target.run(application, err, true, context -> {
                AuditExports exports = context.getBean(AuditExports.class);
                AuditTrail trail = context.getBean(AuditTrail.class);
                // The same codes as the pages' exports: csv, jsonl, bundle.
                String reason = switch (exportFormat) {
                    case CSV -> "csv";
                    case JSON_LINES -> "jsonl";
                    case SIGNED_BUNDLE -> "bundle";
                };
                trail.recordOnItsOwn(new AuditEvent(ActorType.SYSTEM, null, "audit.export", null, null, query.clientId(),
                        Outcome.SUCCEEDED, reason, null, null, null));
                long total = Math.max(1, context.getBean(AuditVerification.class).approximateSize());
                long written;
                try {
                    written = writeFile(file, force, stream -> {
                        try (ProgressBar bar = KeysCommand.progress("Exporting audit entries", total)) {
                            long n = exports.write(query, exportFormat, new LineCounting(stream, bar::stepTo));
                            bar.maxHint(n).stepTo(n);
                            return n;
                        }
                    });
                } catch (IOException e) {
                    err.println("strongroom: could not write " + output + ": " + e.getClass().getSimpleName());
                    return CommandLines.FAILED;
                } catch (IllegalStateException | IllegalArgumentException e) {
                    err.println("strongroom: " + CommandLines.oneLine(String.valueOf(e.getMessage())) + ".");
                    return CommandLines.FAILED;
                }
                out.println("Exported " + written + " entries to " + output + ".");
                if (exportFormat == ExportFormat.SIGNED_BUNDLE) {
                    out.println("Signed with checkpoint key " + context.getBean(AuditKeys.class).checkpointKeyId()
                            + ". Check it offline: strongroom audit verify --bundle " + output + " --key-id KEY_ID");
                }
                out.flush();
                return 0;
            });
        }

        private ExportFormat format(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "csv" -> ExportFormat.CSV;
                case "jsonl" -> ExportFormat.JSON_LINES;
                case "bundle" -> ExportFormat.SIGNED_BUNDLE;
                default -> throw new ParameterException(spec.commandLine(), "--format must be csv, jsonl or bundle");
            };
        }

        private Outcome outcome(String code) {
            try {
                return Outcome.fromCode(code.strip());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--outcome must be allowed, denied, succeeded or failed");
            }
        }

        private @Nullable Instant instant(@Nullable String text, boolean endOfDay) {
            if (text == null || text.isBlank()) {
                return null;
            }
            String value = text.strip();
            try {
                if (value.length() == 10) {
                    LocalDate day = LocalDate.parse(value);
                    return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
                }
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new ParameterException(spec.commandLine(), "'" + CommandLines.oneLine(value)
                        + "' is neither a date (2026-03-01) nor an instant (2026-03-01T09:00:00Z)");
            }
        }
    }

    /** What writes the export into the file's stream. */
    interface Content {
        long writeTo(OutputStream stream) throws IOException;
    }

    /**
     * Writes to a temporary file (mode 0600) beside {@code file}, forces it to disk and moves it in
     * place: an export that fails leaves no partial file, and none is readable by others meanwhile.
     */
    static long writeFile(Path file, boolean replace, Content content) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Path temp = posix
                ? Files.createTempFile(file.getParent(), ".strongroom-export-", ".partial",
                        PosixFilePermissions.asFileAttribute(DataFolder.OWNER_ONLY_FILE))
                : Files.createTempFile(file.getParent(), ".strongroom-export-", ".partial");
        try {
            long written;
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream stream = Channels.newOutputStream(channel);
                written = content.writeTo(stream);
                stream.flush();
                channel.force(true);
            }
            if (replace) {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            }
            return written;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /** Tells the progress bar how many lines have gone through. */
    private static final class LineCounting extends FilterOutputStream {
        private final LongConsumer progress;
        private long lines;

        LineCounting(OutputStream out, LongConsumer progress) {
            super(out);
            this.progress = progress;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            if (b == '\n') {
                progress.accept(++lines);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            long before = lines;
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    lines++;
                }
            }
            if (lines != before) {
                progress.accept(lines);
            }
        }

        @Override
        public void close() {
            // the file's channel is closed by writeFile
        }
    }

    /** Tells the progress bar how many bytes have been read. */
    private static final class Counting extends FilterInputStream {
        private final LongConsumer progress;
        private long bytes;

        Counting(InputStream in, LongConsumer progress) {
            super(in);
            this.progress = progress;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b != -1) {
                progress.accept(++bytes);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                bytes += n;
                progress.accept(bytes);
            }
            return n;
        }
    }

    static String count(long n, String one) {
        return count(n, one, one + "s");
    }

    static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
