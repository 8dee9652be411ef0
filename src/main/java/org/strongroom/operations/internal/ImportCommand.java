package org.strongroom.operations.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.MessageSource;
import org.strongroom.access.AccessRefused;
import org.strongroom.access.Actor;
import org.strongroom.clients.ClientImports;
import org.strongroom.clients.ClientStatus;
import org.strongroom.clients.ImportEncoding;
import org.strongroom.clients.ImportFormat;
import org.strongroom.clients.ImportMode;
import org.strongroom.clients.ImportOptions;
import org.strongroom.clients.ImportPreview;
import org.strongroom.clients.ImportProblem;
import org.strongroom.clients.ImportReport;
import org.strongroom.clients.ImportUpload;
import org.strongroom.identity.StaffDirectory;
import org.strongroom.identity.StaffProfile;
import org.strongroom.identity.StaffStatus;

import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code strongroom import clients FILE}: imports clients from a CSV, vCard, Google Contacts or
 * Outlook file as a named staff member, through the same service, checks, encryption and audit as
 * the import page. Runs beside a running server (no data-folder lock; each batch is a short
 * transaction). The file is read into memory and never copied.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Imports data into Strongroom.", "Run 'strongroom import clients --help' for the options."},
        subcommands = ImportCommand.Clients.class)
final class ImportCommand implements Callable<Integer> {

    static Class<?> application;
    static PrintWriter out;
    static PrintWriter err;

    ImportCommand(Class<?> application, PrintWriter out, PrintWriter err) {
        ImportCommand.application = application;
        ImportCommand.out = out;
        ImportCommand.err = err;
    }

    @Override
    public Integer call() {
        err.println("strongroom: import needs a subcommand: clients. Run 'strongroom import --help' for usage.");
        return CommandLines.USAGE;
    }

    @Command(name = "clients", mixinStandardHelpOptions = true,
            description = {"Imports clients from FILE: CSV (comma, semicolon or tab), vCard 2.1/3.0/4.0,",
                    "or a Google Contacts or Outlook CSV export (recognised by its header).",
                    "Every row is checked first. All or nothing by default: one bad row and",
                    "nothing is created; --skip-bad-rows creates the good rows. Rows that may be",
                    "existing clients, or repeat an earlier row, are left out unless",
                    "--keep-duplicates. Problems are listed as row, field and problem, never the",
                    "value. Undo an import on its page (/clients/import/ID).",
                    "",
                    "--mapping COLUMN=FIELD,... replaces the suggested mapping: COLUMN is the",
                    "header text or the column number (1 = first), FIELD a catalogue field key",
                    "(given_name, family_name, email, phone, date_of_birth, address, tags, ...)."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:imported (or, with --dry-run, every row checked)",
                    "1:refused: the file, a row (all or nothing), the account or its permission",
                    "2:the command line was wrong"})
    static final class Clients implements Callable<Integer> {

        @Mixin
        OfflineContext target;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "The file to import.")
        Path file;

        @Option(names = "--format", paramLabel = "csv|vcard|google|outlook", description = "What the file is (default: recognised).")
        @Nullable String format;

        @Option(names = "--encoding", paramLabel = "utf-8|windows-1251", description = "Windows-1251 for old Cyrillic Excel files (default: UTF-8, or UTF-16 with a byte-order mark).")
        @Nullable String encoding;

        @Option(names = "--mapping", paramLabel = "COLUMN=FIELD,...", split = ",", description = "Which column goes to which field.")
        List<String> mapping = List.of();

        @Option(names = "--skip-bad-rows", description = "Create the good rows and list the bad ones (default: all or nothing).")
        boolean skipBadRows;

        @Option(names = "--keep-duplicates", description = "Create rows that may be existing clients too (they are still listed).")
        boolean keepDuplicates;

        @Option(names = "--status", paramLabel = "active|prospect|inactive", description = "Status of the created clients (default active).")
        String status = "active";

        @Option(names = "--dry-run", description = "Check every row and look for duplicates; write nothing.")
        boolean dryRun;

        @Option(names = "--as", required = true, paramLabel = "EMAIL", description = "The staff member the import is made by (needs client.import).")
        String as;

        @Override
        public Integer call() {
            ImportFormat chosen = format == null ? ImportFormat.AUTO : ImportFormat.fromCode(format)
                    .filter(f -> f != ImportFormat.AUTO)
                    .orElseThrow(() -> new ParameterException(spec.commandLine(), "--format must be csv, vcard, google or outlook"));
            ImportEncoding charset = encoding == null || encoding.equalsIgnoreCase("utf-8") ? ImportEncoding.AUTO
                    : encoding.equalsIgnoreCase("windows-1251") ? ImportEncoding.WINDOWS_1251 : null;
            if (charset == null) {
                throw new ParameterException(spec.commandLine(), "--encoding must be utf-8 or windows-1251");
            }
            ClientStatus initial = switch (status.toLowerCase(Locale.ROOT)) {
                case "active" -> ClientStatus.ACTIVE;
                case "prospect" -> ClientStatus.PROSPECT;
                case "inactive" -> ClientStatus.INACTIVE;
                default -> throw new ParameterException(spec.commandLine(), "--status must be active, prospect or inactive");
            };
            if (!Files.isRegularFile(file)) {
                err.println("strongroom: no file at " + TokenCommand.printable(file.toString()) + ".");
                return CommandLines.FAILED;
            }
            byte[] content;
            try {
                if (Files.size(file) > 50L * 1024 * 1024) {
                    err.println("strongroom: the file is larger than 50 MiB.");
                    return CommandLines.FAILED;
                }
                try (InputStream in = Files.newInputStream(file)) {
                    content = in.readNBytes(50 * 1024 * 1024 + 1);
                }
            } catch (IOException e) {
                err.println("strongroom: could not read " + TokenCommand.printable(file.toString()) + ": " + e.getClass().getSimpleName());
                return CommandLines.FAILED;
            }
            target.settings.put("strongroom.audit.checkpoints", "false");
            return target.run(application, err, true, context -> work(context, content, chosen, charset, initial));
        }

        private int work(ConfigurableApplicationContext context, byte[] content, ImportFormat chosen, ImportEncoding charset,
                         ClientStatus initial) {
            MessageSource messages = context.getBean(MessageSource.class);
            StaffDirectory directory = context.getBean(StaffDirectory.class);
            Optional<StaffProfile> staff = directory.findByEmail(as).flatMap(directory::find)
                    .filter(p -> p.status() == StaffStatus.ACTIVE);
            if (staff.isEmpty()) {
                err.println("strongroom: no active staff account has the email " + TokenCommand.printable(as) + ".");
                return CommandLines.FAILED;
            }
            Actor actor = new Actor.Staff(staff.get().id(), staff.get().role());
            ClientImports imports = context.getBean(ClientImports.class);
            try {
                ImportUpload upload = imports.stage(actor, content, chosen, charset);
                if (upload instanceof ImportUpload.Refused refused) {
                    err.println("strongroom: " + text(messages, refused.messageKey(), refused.line()));
                    return CommandLines.FAILED;
                }
                ImportPreview preview = ((ImportUpload.Staged) upload).preview();
                Map<Integer, String> columns = preview.mapping();
                if (!mapping.isEmpty()) {
                    columns = mapping(preview);
                }
                out.println("Read " + preview.totalRows() + " rows (" + preview.layout() + "). Columns: " + describe(preview, columns) + ".");
                ImportOptions options = new ImportOptions(columns, skipBadRows ? ImportMode.SKIP_BAD_ROWS : ImportMode.ALL_OR_NOTHING,
                        !keepDuplicates, initial);
                ImportReport report;
                try (ProgressBar bar = KeysCommand.progress(dryRun ? "Checking rows" : "Importing clients", Math.max(1, preview.totalRows()))) {
                    report = imports.run(actor, preview.token(), options, dryRun, (phase, done, total) -> {
                        bar.setExtraMessage(phase.equals("CHECKING") ? " checking" : " creating");
                        bar.maxHint(Math.max(1, total));
                        bar.stepTo(done);
                    }).orElseThrow();
                }
                for (ImportProblem p : report.problems().subList(0, Math.min(50, report.problems().size()))) {
                    out.println("  row " + p.row() + ", " + p.field() + ": " + text(messages, p.messageKey(), p.row()));
                }
                if (report.problemCount() > 50) {
                    out.println("  … and " + (report.problemCount() - 50) + " more (see the report page).");
                }
                String summary = count(report.rows(), "row", "rows") + ": " + count(report.created(), "client", "clients") + " created, "
                        + count(report.badRows(), "row", "rows") + " with problems, "
                        + count(report.duplicateRows(), "possible duplicate", "possible duplicates") + " (" + report.skippedDuplicates()
                        + " left out).";
                switch (report.state()) {
                    case "FINISHED" -> out.println("Imported. " + summary + " Import id " + report.id() + ".");
                    case "DRY_RUN" -> out.println("Checked, nothing written. " + summary);
                    case "REJECTED" -> {
                        err.println("strongroom: nothing imported: " + report.badRows()
                                + (report.badRows() == 1 ? " row has" : " rows have") + " problems (all or nothing; add --skip-bad-rows to import the others).");
                        return CommandLines.FAILED;
                    }
                    default -> {
                        err.println("strongroom: the import failed while saving (" + report.state().toLowerCase(Locale.ROOT) + "). " + summary);
                        return CommandLines.FAILED;
                    }
                }
                out.flush();
                return 0;
            } catch (AccessRefused refused) {
                err.println("strongroom: " + TokenCommand.printable(as) + " may not import clients (needs client.import and client.create).");
                return CommandLines.FAILED;
            }
        }

        private Map<Integer, String> mapping(ImportPreview preview) {
            Map<Integer, String> out = new LinkedHashMap<>();
            for (String pair : mapping) {
                int eq = pair.lastIndexOf('=');
                if (eq <= 0) {
                    throw new ParameterException(spec.commandLine(), "--mapping takes COLUMN=FIELD pairs");
                }
                String column = pair.substring(0, eq).strip();
                String field = pair.substring(eq + 1).strip();
                if (preview.fields().stream().noneMatch(f -> f.key().equals(field))) {
                    throw new ParameterException(spec.commandLine(), "'" + TokenCommand.printable(field) + "' is not an enabled field");
                }
                int index = preview.headers().indexOf(column);
                if (index < 0 && column.matches("\\d{1,3}")) {
                    index = Integer.parseInt(column) - 1;
                }
                if (index < 0 || index >= preview.headers().size()) {
                    throw new ParameterException(spec.commandLine(), "the file has no column '" + TokenCommand.printable(column) + "'");
                }
                out.put(index, field);
            }
            return out;
        }

        private static String describe(ImportPreview preview, Map<Integer, String> columns) {
            if (columns.isEmpty()) {
                return "none mapped";
            }
            StringBuilder s = new StringBuilder();
            columns.forEach((i, f) -> s.append(s.isEmpty() ? "" : ", ").append(TokenCommand.printable(preview.headers().get(i))).append("=").append(f));
            return s.toString();
        }

        private static String text(MessageSource messages, String key, int line) {
            return CommandLines.oneLine(messages.getMessage(key, new Object[] {line}, key, Locale.ENGLISH));
        }
    }

    /** "1 row", "2 rows". */
    static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
