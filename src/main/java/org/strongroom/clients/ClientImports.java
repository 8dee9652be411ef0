package org.strongroom.clients;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.strongroom.access.AccessPolicy;
import org.strongroom.access.Actor;
import org.strongroom.access.Permission;
import org.strongroom.clients.internal.ClientAudit;
import org.strongroom.clients.internal.DuplicateFinder;
import org.strongroom.clients.internal.imports.CsvReader;
import org.strongroom.clients.internal.imports.FileRefused;
import org.strongroom.clients.internal.imports.ImportStore;
import org.strongroom.clients.internal.imports.Layouts;
import org.strongroom.clients.internal.imports.StagedFiles;
import org.strongroom.clients.internal.imports.Table;
import org.strongroom.clients.internal.imports.TextDecoder;
import org.strongroom.clients.internal.imports.VCardReader;
import org.strongroom.crypto.ClientKeys;
import org.strongroom.crypto.PersonNames;

/**
 * Importing clients from files: CSV (with a mapping of columns to catalogue fields), vCard 2.1/3/4
 * and the CSV exports of Google Contacts and Outlook. Three steps: {@link #stage} parses and checks
 * the file and keeps it in memory (never on disk, never in the session); {@link #preview} shows the
 * first rows under a mapping with each cell's problem; {@link #start} (pages, in the background
 * with {@link #progress}) or {@link #run} (command line) checks every row, looks for duplicates
 * (existing clients the importer may read, and earlier rows of the file), then creates each
 * client through {@link Clients#create(Actor, NewClient, String, UUID)} — the same validation,
 * encryption, indexes, care team and audit entry ({@code clients.imported}) as the form.
 *
 * <p>All-or-nothing: every row is checked before anything is written; one bad row and nothing is
 * created (state REJECTED). If writing then fails part-way (the database, not the data), what was
 * created is removed again as by {@link #undo}. Skip-bad-rows: the good rows are created, the bad
 * ones listed. Either way the report lists row, field and message key — never a value.
 *
 * <p>{@link #undo} removes the clients the import created that nobody changed since (version 1,
 * never touched, not merged): their rows are deleted and their keys destroyed
 * ({@link ClientKeys#destroy}, crypto-shredding, so copies in backups become unreadable). Clients
 * changed since are kept and counted, so nobody's later work is destroyed by an undo.
 *
 * <p>Needs {@code client.import} (and {@code client.create} to create); recorded as
 * {@code clients.import_started}, {@code clients.import_finished}, {@code clients.import_undone},
 * one {@code clients.imported} per client created and one {@code clients.import_removed} per
 * client an undo removes.
 */
@Service
public class ClientImports {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ClientImports.class);

    /** Rows per transaction while creating (and per read transaction while checking). */
    static final int BATCH = 500;

    /** Progress reports of a synchronous run. */
    @FunctionalInterface
    public interface Progress {
        void at(String phase, long done, long total);
    }

    private final Clients clients;
    private final FieldCatalogue catalogue;
    private final AccessPolicy policy;
    private final DuplicateFinder duplicates;
    private final ClientAudit audit;
    private final ClientKeys keys;
    private final StagedFiles staged;
    private final ImportStore store;
    private final TransactionTemplate transactions;
    private final TransactionTemplate reads;
    private final Clock clock;
    private final Map<UUID, Run> runs = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "client-import");
        t.setDaemon(true);
        return t;
    });

    /** A run in this server's memory, for progress. */
    private static final class Run implements Progress {
        final String owner;
        volatile String phase = "CHECKING";
        final AtomicLong done = new AtomicLong();
        volatile long total;

        Run(String owner) {
            this.owner = owner;
        }

        @Override
        public void at(String phase, long done, long total) {
            this.phase = phase;
            this.done.set(done);
            this.total = total;
        }
    }

    ClientImports(Clients clients, FieldCatalogue catalogue, AccessPolicy policy, DuplicateFinder duplicates, ClientAudit audit,
                  ClientKeys keys, StagedFiles staged, ImportStore store, PlatformTransactionManager transactionManager, Clock clock) {
        this.clients = clients;
        this.catalogue = catalogue;
        this.policy = policy;
        this.duplicates = duplicates;
        this.audit = audit;
        this.keys = keys;
        this.staged = staged;
        this.store = store;
        this.transactions = new TransactionTemplate(transactionManager);
        this.reads = new TransactionTemplate(transactionManager);
        this.reads.setReadOnly(true);
        this.clock = clock;
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /**
     * Reads and checks a file and keeps it for the next steps. A file that cannot be imported at
     * all (encoding, limits, structure) is {@link ImportUpload.Refused} and nothing is kept.
     *
     * @param format AUTO, or what the person said the file is
     */
    public ImportUpload stage(Actor actor, byte[] content, ImportFormat format, ImportEncoding encoding) {
        policy.require(actor, Permission.CLIENT_IMPORT);
        Table table;
        Layouts.Layout layout;
        try {
            if (content.length == 0) {
                throw new FileRefused("clientimport.error.empty", 0);
            }
            String text = TextDecoder.decode(content, encoding == ImportEncoding.WINDOWS_1251
                    ? TextDecoder.Choice.WINDOWS_1251 : TextDecoder.Choice.AUTO);
            boolean vcard = format == ImportFormat.VCARD || (format == ImportFormat.AUTO && VCardReader.looksLikeVCard(text));
            if (vcard) {
                table = VCardReader.read(text);
                layout = Layouts.Layout.VCARD;
            } else {
                table = CsvReader.read(text);
                layout = switch (format) {
                    case GOOGLE -> Layouts.Layout.GOOGLE;
                    case OUTLOOK -> Layouts.Layout.OUTLOOK;
                    case CSV -> Layouts.Layout.CSV;
                    default -> Layouts.recognise(table.headers());
                };
            }
        } catch (FileRefused refused) {
            return new ImportUpload.Refused(refused.messageKey(), refused.line());
        }
        Optional<StagedFiles.Staged> kept = staged.put(actor.id(), table, layout, content.length);
        if (kept.isEmpty()) {
            return new ImportUpload.Refused("clientimport.error.busy", 0);
        }
        List<FieldDefinition> fields = catalogue.enabled();
        Set<String> keys = fields.stream().map(FieldDefinition::key).collect(Collectors.toSet());
        Map<Integer, String> mapping = Layouts.suggest(layout, table.headers(), keys);
        return new ImportUpload.Staged(preview(actor, kept.get(), mapping));
    }

    /**
     * The staged file under a mapping (empty: as suggested). Empty when the file is unknown,
     * expired or someone else's.
     */
    public Optional<ImportPreview> preview(Actor actor, String token, @Nullable Map<Integer, String> mapping) {
        policy.require(actor, Permission.CLIENT_IMPORT);
        return staged.get(actor.id(), token).map(s -> {
            Map<Integer, String> chosen = mapping;
            if (chosen == null) {
                Set<String> keys = catalogue.enabled().stream().map(FieldDefinition::key).collect(Collectors.toSet());
                chosen = Layouts.suggest(s.layout(), s.table().headers(), keys);
            }
            return preview(actor, s, chosen);
        });
    }

    /** Forgets a staged file. */
    public void discard(Actor actor, String token) {
        staged.remove(actor.id(), token);
    }

    private ImportPreview preview(Actor actor, StagedFiles.Staged s, Map<Integer, String> requested) {
        List<FieldDefinition> fields = catalogue.enabled();
        Map<String, FieldDefinition> byKey = byKey(fields);
        Map<Integer, String> mapping = validMapping(requested, byKey, s.table().headers().size());
        LocalDate today = clients.today();
        Map<String, Integer> seen = new HashMap<>();
        List<ImportPreview.Row> shown = new ArrayList<>();
        int bad = 0;
        int dup = 0;
        for (Table.Row row : s.table().rows()) {
            Checked checked = check(row, s.layout(), mapping, byKey, fields, today, s.table().headers().size());
            List<ImportProblem> problems = new ArrayList<>(checked.problems);
            List<String> duplicateOf = new ArrayList<>();
            if (problems.isEmpty()) {
                for (Map.Entry<String, Integer> earlier : inFile(row.number(), checked.values, seen).entrySet()) {
                    problems.add(new ImportProblem(row.number(), earlier.getKey(), "clientimport.duplicate.inFile"));
                    duplicateOf.add("#" + earlier.getValue());
                }
            }
            boolean showing = shown.size() < ImportPreview.ROWS;
            if (showing && checked.problems.isEmpty()) {
                for (DuplicateCandidate candidate : reads.execute(tx -> duplicates.find(actor, null, checked.values))) {
                    candidate.reasons().forEach(reason -> problems.add(new ImportProblem(row.number(), reason, "clientimport.duplicate.existing")));
                    duplicateOf.add(candidate.client().reference());
                }
            }
            if (!checked.problems.isEmpty()) {
                bad++;
            } else if (!duplicateOf.isEmpty()) {
                dup++;
            }
            if (showing) {
                List<ImportPreview.Cell> cells = new ArrayList<>();
                for (int c = 0; c < s.table().headers().size(); c++) {
                    String value = row.cell(c);
                    String field = mapping.get(c);
                    String problem = field == null ? null : checked.problems.stream().filter(p -> p.field().equals(field))
                            .map(ImportProblem::messageKey).findFirst().orElse(null);
                    FieldDefinition def = field == null ? null : byKey.get(field);
                    cells.add(new ImportPreview.Cell(value, formulaLike(value, def), problem));
                }
                shown.add(new ImportPreview.Row(row.number(), cells, problems, duplicateOf));
            }
        }
        return new ImportPreview(s.token(), s.layout().name().toLowerCase(java.util.Locale.ROOT), s.table().headers(), mapping, shown,
                s.table().rows().size(), bad, dup, fields);
    }

    /**
     * Starts importing a staged file in the background and returns the import's id at once; follow
     * it with {@link #progress}. Empty when the staged file is unknown, expired or someone else's.
     */
    public Optional<UUID> start(Actor actor, String token, ImportOptions options) {
        policy.require(actor, Permission.CLIENT_IMPORT);
        policy.require(actor, Permission.CLIENT_CREATE);
        Optional<StagedFiles.Staged> found = staged.get(actor.id(), token);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        StagedFiles.Staged s = found.get();
        UUID id = begin(actor, s, options);
        staged.remove(actor.id(), token);
        Run run = new Run(actor.id());
        run.total = s.table().rows().size();
        runs.put(id, run);
        executor.execute(() -> {
            try {
                execute(actor, s, options, id, run);
            } finally {
                runs.remove(id);
            }
        });
        return Optional.of(id);
    }

    /**
     * Imports a staged file here and now (the command line), reporting progress as it goes. With
     * {@code dryRun} every row is checked and duplicates are looked for, but nothing is written
     * and nothing recorded: the report's state is DRY_RUN (or REJECTED).
     */
    public Optional<ImportReport> run(Actor actor, String token, ImportOptions options, boolean dryRun, Progress progress) {
        policy.require(actor, Permission.CLIENT_IMPORT);
        policy.require(actor, Permission.CLIENT_CREATE);
        Optional<StagedFiles.Staged> found = staged.get(actor.id(), token);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        StagedFiles.Staged s = found.get();
        staged.remove(actor.id(), token);
        UUID id = dryRun ? null : begin(actor, s, options);
        return Optional.of(execute(actor, s, options, id, progress));
    }

    private UUID begin(Actor actor, StagedFiles.Staged s, ImportOptions options) {
        UUID id = UUID.randomUUID();
        transactions.executeWithoutResult(tx -> {
            store.insert(id, staffId(actor), clock.millis(), s.layout().name().toLowerCase(java.util.Locale.ROOT), options.mode(),
                    s.table().rows().size());
            audit.general(actor, "clients.import_started", "client_import", id.toString());
        });
        return id;
    }

    private ImportReport execute(Actor actor, StagedFiles.Staged s, ImportOptions options, @Nullable UUID id, Progress progress) {
        long startedAt = clock.millis();
        List<FieldDefinition> fields = catalogue.enabled();
        Map<String, FieldDefinition> byKey = byKey(fields);
        Map<Integer, String> mapping = validMapping(options.mapping(), byKey, s.table().headers().size());
        LocalDate today = clients.today();
        List<Table.Row> rows = s.table().rows();
        List<ImportProblem> problems = new ArrayList<>();
        int[] counts = new int[4]; // problems, bad rows, duplicate rows, skipped duplicates
        List<Table.Row> goodRows = new ArrayList<>();
        List<Map<String, String>> goodValues = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        String layout = s.layout().name().toLowerCase(java.util.Locale.ROOT);
        try {
            progress.at("CHECKING", 0, rows.size());
            for (int from = 0; from < rows.size(); from += BATCH) {
                List<Table.Row> chunk = rows.subList(from, Math.min(rows.size(), from + BATCH));
                reads.executeWithoutResult(tx -> {
                    for (Table.Row row : chunk) {
                        Checked checked = check(row, s.layout(), mapping, byKey, fields, today, s.table().headers().size());
                        if (!checked.problems.isEmpty()) {
                            counts[1]++;
                            checked.problems.forEach(p -> note(problems, counts, p));
                            continue;
                        }
                        List<ImportProblem> dups = new ArrayList<>();
                        inFile(row.number(), checked.values, seen).keySet()
                                .forEach(field -> dups.add(new ImportProblem(row.number(), field, "clientimport.duplicate.inFile")));
                        for (DuplicateCandidate candidate : duplicates.find(actor, null, checked.values)) {
                            candidate.reasons().forEach(r -> dups.add(new ImportProblem(row.number(), r, "clientimport.duplicate.existing")));
                        }
                        if (!dups.isEmpty()) {
                            counts[2]++;
                            dups.forEach(p -> note(problems, counts, p));
                            if (options.skipDuplicates()) {
                                counts[3]++;
                                continue;
                            }
                        }
                        goodRows.add(row);
                        goodValues.add(checked.values);
                    }
                });
                progress.at("CHECKING", Math.min(rows.size(), from + BATCH), rows.size());
            }
        } catch (RuntimeException e) {
            LOG.warn("Import {} failed while checking rows: {}", id, e.getClass().getName());
            return finish(actor, id, "FAILED", startedAt, s, options, 0, counts, problems);
        }
        if (options.mode() == ImportMode.ALL_OR_NOTHING && counts[1] > 0) {
            return finish(actor, id, "REJECTED", startedAt, s, options, 0, counts, problems);
        }
        if (id == null) {
            return finish(actor, null, "DRY_RUN", startedAt, s, options, 0, counts, problems);
        }
        int created = 0;
        progress.at("IMPORTING", 0, goodRows.size());
        try {
            for (int from = 0; from < goodRows.size(); from += BATCH) {
                int end = Math.min(goodRows.size(), from + BATCH);
                int start = from;
                Integer made = transactions.execute(tx -> {
                    List<NewClient> batch = new ArrayList<>(end - start);
                    for (int i = start; i < end; i++) {
                        batch.add(new NewClient(options.status(), goodValues.get(i), true));
                    }
                    List<ClientResult<ClientSummary>> results = clients.createAll(actor, batch, "import", id);
                    int n = 0;
                    for (int i = start; i < end; i++) {
                        ClientResult<ClientSummary> result = results.get(i - start);
                        if (result instanceof ClientResult.Done<ClientSummary>) {
                            n++;
                            continue;
                        }
                        // the catalogue changed under the import: the row is bad after all
                        if (options.mode() == ImportMode.ALL_OR_NOTHING) {
                            LOG.warn("Import {}: a checked row was refused on creation: {}", id, result instanceof ClientResult.Rejected<ClientSummary> r
                                    ? r.problems() : result.getClass().getSimpleName());
                            throw new ImportAborted();
                        }
                        counts[1]++;
                        int number = goodRows.get(i).number();
                        if (result instanceof ClientResult.Rejected<ClientSummary> rejected) {
                            rejected.problems().forEach((field, key) -> note(problems, counts, new ImportProblem(number, field, key)));
                        } else {
                            note(problems, counts, new ImportProblem(number, "row", "clientimport.row.notCreated"));
                        }
                    }
                    return n;
                });
                created += made == null ? 0 : made;
                progress.at("IMPORTING", end, goodRows.size());
            }
        } catch (RuntimeException e) {
            // the class only: a message could quote a value
            LOG.warn("Import {} failed while creating clients: {}", id, e.getClass().getName());
            note(problems, counts, new ImportProblem(0, "file", "clientimport.error.failed"));
            if (options.mode() == ImportMode.ALL_OR_NOTHING) {
                // all or nothing: take back what the batches before the failure created
                removeAll(actor, id, true);
                created = 0;
            }
            return finish(actor, id, "FAILED", startedAt, s, options, created, counts, problems);
        }
        return finish(actor, id, "FINISHED", startedAt, s, options, created, counts, problems);
    }

    private static final class ImportAborted extends RuntimeException {
        ImportAborted() {
            super("a row was refused while creating", null, false, false);
        }
    }

    private static void note(List<ImportProblem> problems, int[] counts, ImportProblem problem) {
        counts[0]++;
        if (problems.size() < ImportReport.PROBLEMS_KEPT) {
            problems.add(problem);
        }
    }

    private ImportReport finish(Actor actor, @Nullable UUID id, String state, long startedAt, StagedFiles.Staged s, ImportOptions options,
                                int created, int[] counts, List<ImportProblem> problems) {
        long now = clock.millis();
        if (id != null) {
            transactions.executeWithoutResult(tx -> {
                store.finish(id, state, now, created, counts[1], counts[2], counts[3], problems, counts[0]);
                audit.general(actor, "clients.import_finished", "client_import", id.toString());
            });
        }
        return new ImportReport(id, s.layout().name().toLowerCase(java.util.Locale.ROOT), options.mode(), state,
                Instant.ofEpochMilli(startedAt), Instant.ofEpochMilli(now), staffId(actor), s.table().rows().size(), created, counts[1],
                counts[2], counts[3], counts[0], problems, null, 0, 0);
    }

    /** How far an import is (running here, or as recorded). */
    public Optional<ImportProgress> progress(Actor actor, UUID id) {
        policy.require(actor, Permission.CLIENT_IMPORT);
        Run run = runs.get(id);
        if (run != null) {
            return Optional.of(new ImportProgress(id, run.phase, run.done.get(), run.total));
        }
        return store.find(id).map(r -> new ImportProgress(id, r.state(), r.rows(), r.rows()));
    }

    /** An import's report with its problems (at most {@value ImportReport#PROBLEMS_KEPT}). */
    public Optional<ImportReport> report(Actor actor, UUID id) {
        policy.require(actor, Permission.CLIENT_IMPORT);
        return store.find(id).map(r -> new ImportReport(r.id(), r.layout(), r.mode(), r.state(), r.startedAt(), r.finishedAt(),
                r.startedBy(), r.rows(), r.created(), r.badRows(), r.duplicateRows(), r.skippedDuplicates(), r.problemCount(),
                store.problems(id, ImportReport.PROBLEMS_KEPT), r.undoneAt(), r.removed(), r.kept()));
    }

    /** The latest imports, newest first (without their problems). */
    public List<ImportReport> recent(Actor actor, int limit) {
        policy.require(actor, Permission.CLIENT_IMPORT);
        return store.recent(Math.max(1, Math.min(limit, 100)));
    }

    /**
     * Undoes a whole import: removes the clients it created that nobody changed since and destroys
     * their keys; clients changed since (edited, closed, merged, touched) are kept and counted.
     * Refused while the import runs, and for one that created nothing or was undone already.
     */
    public ImportUndo undo(Actor actor, UUID id) {
        policy.require(actor, Permission.CLIENT_IMPORT);
        Optional<ImportReport> found = store.find(id);
        if (found.isEmpty()) {
            return new ImportUndo.Refused("clientimport.undo.unknown");
        }
        if (runs.containsKey(id) || "RUNNING".equals(found.get().state())) {
            return new ImportUndo.Refused("clientimport.undo.running");
        }
        if (!found.get().undoable()) {
            return new ImportUndo.Refused("clientimport.undo.notPossible");
        }
        int[] result = removeAll(actor, id, false);
        transactions.executeWithoutResult(tx -> {
            store.undone(id, clock.millis(), staffId(actor), result[0], result[1]);
            audit.general(actor, "clients.import_undone", "client_import", id.toString());
        });
        return new ImportUndo.Done(result[0], result[1]);
    }

    /** Removes the import's untouched clients in batches: rows deleted and audited, then keys destroyed. {removed, kept}. */
    private int[] removeAll(Actor actor, UUID id, boolean compensating) {
        int removed = 0;
        int kept = 0;
        String after = "";
        while (true) {
            List<ImportStore.ImportedClient> batch = store.clients(id, after, BATCH);
            if (batch.isEmpty()) {
                break;
            }
            after = batch.get(batch.size() - 1).id().toString();
            List<UUID> candidates = new ArrayList<>();
            for (ImportStore.ImportedClient c : batch) {
                if (c.untouched()) {
                    candidates.add(c.id());
                }
            }
            List<UUID> gone = transactions.execute(tx -> {
                List<UUID> deleted = store.deleteUntouched(candidates);
                deleted.forEach(c -> audit.client(actor, "clients.import_removed", c, compensating ? "import_failed" : null));
                return deleted;
            });
            // keys after the rows are gone: a crash in between leaves only an unused key, never a record that cannot be read
            for (UUID c : gone) {
                keys.destroy(c);
            }
            removed += gone.size();
            kept += batch.size() - gone.size();
        }
        return new int[] {removed, kept};
    }

    /** A row's values under a mapping, normalised, and its problems. */
    private record Checked(Map<String, String> values, List<ImportProblem> problems) {
    }

    private Checked check(Table.Row row, Layouts.Layout layout, Map<Integer, String> mapping, Map<String, FieldDefinition> byKey,
                          List<FieldDefinition> fields, LocalDate today, int columns) {
        List<ImportProblem> problems = new ArrayList<>();
        for (int c = columns; c < row.cells().length; c++) {
            if (!row.cells()[c].isBlank()) {
                problems.add(new ImportProblem(row.number(), "row", "clientimport.row.extraCells"));
                break;
            }
        }
        Map<String, String> raw = new LinkedHashMap<>();
        for (Map.Entry<Integer, String> m : new TreeMap<>(mapping).entrySet()) {
            FieldDefinition field = byKey.get(m.getValue());
            String value = Layouts.clean(layout, field.type(), row.cell(m.getKey()));
            if (value.isBlank()) {
                continue;
            }
            String before = raw.get(field.key());
            if (before == null) {
                raw.put(field.key(), value);
            } else {
                switch (field.type()) {
                    case TEXT -> raw.put(field.key(), before + " " + value.strip());
                    case LONG_TEXT, ADDRESS -> raw.put(field.key(), before + "\n" + value.strip());
                    case TAGS -> raw.put(field.key(), before + "," + value);
                    default -> {
                        // single-valued: the first non-blank column wins
                    }
                }
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : raw.entrySet()) {
            FieldValues.Checked checked = clients.validation().check(byKey.get(entry.getKey()), entry.getValue(), today);
            if (!checked.ok()) {
                problems.add(new ImportProblem(row.number(), entry.getKey(), checked.problem()));
            } else if (checked.value() != null) {
                // tags are stored one per line, but a line break is not valid input for them: hand them on as typed input
                values.put(entry.getKey(), byKey.get(entry.getKey()).type() == FieldType.TAGS
                        ? checked.value().replace('\n', ',') : checked.value());
            }
        }
        for (FieldDefinition field : fields) {
            if (field.required() && !values.containsKey(field.key()) && !raw.containsKey(field.key())) {
                problems.add(new ImportProblem(row.number(), field.key(), "clients.value.required"));
            }
        }
        return new Checked(values, problems);
    }

    /** The fields by which a row repeats an earlier row of the file (field → that row), remembering this row's keys. */
    private static Map<String, Integer> inFile(int number, Map<String, String> values, Map<String, Integer> seen) {
        Map<String, Integer> found = new LinkedHashMap<>();
        for (String key : List.of("email", "phone", "national_id")) {
            String v = values.get(key);
            if (v != null) {
                Integer earlier = seen.putIfAbsent(key + "\u0000" + v, number);
                if (earlier != null) {
                    found.put(key, earlier);
                }
            }
        }
        String birth = values.get("date_of_birth");
        if (birth != null) {
            List<String> tokens = new ArrayList<>();
            for (String key : List.of("given_name", "family_name")) {
                if (values.get(key) != null) {
                    tokens.addAll(PersonNames.tokens(values.get(key)));
                }
            }
            if (!tokens.isEmpty()) {
                tokens.sort(null);
                Integer earlier = seen.putIfAbsent("name_birth_date\u0000" + String.join(" ", tokens) + "\u0000" + birth, number);
                if (earlier != null) {
                    found.put("name_birth_date", earlier);
                }
            }
        }
        return found;
    }

    /**
     * Whether a spreadsheet would run the value as a formula ({@code = + - @}, tab, carriage return
     * first). A phone number or a number in its own field starting with + or - is what it says.
     */
    static boolean formulaLike(String value, @Nullable FieldDefinition field) {
        if (value.isEmpty()) {
            return false;
        }
        char c = value.charAt(0);
        if (c == '=' || c == '@' || c == '\t' || c == '\r') {
            return true;
        }
        if (c == '+' || c == '-') {
            return field == null || (field.type() != FieldType.PHONE && field.type() != FieldType.NUMBER);
        }
        return false;
    }

    private static Map<Integer, String> validMapping(Map<Integer, String> requested, Map<String, FieldDefinition> byKey, int columns) {
        Map<Integer, String> out = new TreeMap<>();
        requested.forEach((column, field) -> {
            if (column != null && column >= 0 && column < columns && field != null && byKey.containsKey(field)) {
                out.put(column, field);
            }
        });
        return out;
    }

    private static Map<String, FieldDefinition> byKey(List<FieldDefinition> fields) {
        Map<String, FieldDefinition> byKey = new LinkedHashMap<>();
        fields.forEach(f -> byKey.put(f.key(), f));
        return byKey;
    }

    private static @Nullable String staffId(Actor actor) {
        return actor instanceof Actor.Staff s ? s.staffId().toString() : null;
    }
}
