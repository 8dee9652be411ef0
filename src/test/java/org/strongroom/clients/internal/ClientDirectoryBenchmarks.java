package org.strongroom.clients.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.strongroom.StrongroomApplication;
import org.strongroom.access.Actor;
import org.strongroom.audit.ActorType;
import org.strongroom.audit.AuditEvent;
import org.strongroom.audit.AuditTrail;
import org.strongroom.audit.Outcome;
import org.strongroom.clients.ClientDirectory;
import org.strongroom.clients.ClientPage;
import org.strongroom.clients.ClientQuery;
import org.strongroom.clients.ClientStatus;
import org.strongroom.clients.ClientSummary;
import org.strongroom.clients.FieldCatalogue;
import org.strongroom.crypto.ClientKeys;
import org.strongroom.crypto.Emails;
import org.strongroom.crypto.FieldCipher;
import org.strongroom.crypto.PersonNames;
import org.strongroom.crypto.Phones;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffRole;

/**
 * The master index at 1,000,000 clients ({@link ClientDirectoryBenchmarkData}) on SQLite and on
 * PostgreSQL (embedded, loopback), through the real {@link ClientDirectory} bean (scope, blind
 * indexes, decryption of candidates and of the names shown, the audit entry), beside the same
 * operations over a plaintext copy ({@code plain…}: the same SQL shapes on plain columns and a
 * plain token table, then the same audit entry), so the difference is what encryption and blind
 * indexes cost. Latency is sampled per call (p50/p99 in JMH's output).
 *
 * <p>The generated database is kept under {@code target/client-bench/} and reused by later runs
 * (about 10–20 minutes to generate on two shared cores). Run with
 * {@code bench/jmh.sh ClientDirectoryBenchmarks -p database=sqlite} (or {@code postgres}).
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ClientDirectoryBenchmarks {

    static final int CLIENTS = Integer.getInteger("bench.clients", 1_000_000);
    /** The size the blind indexes are made for ({@code strongroom.clients.planned-clients}); must be the one the set was made with. */
    static final int PLANNED = Integer.getInteger("bench.planned", CLIENTS);
    static final int SAMPLES = 1024;

    @Param({"sqlite", "postgres"})
    String database;

    // static: with -f 0 every benchmark runs in this JVM and the (slow) set-up is done once per database
    static String prepared;
    static ConfigurableApplicationContext context;
    static EmbeddedPostgres postgres;
    static ClientDirectory directory;
    static JdbcClient jdbc;
    static TransactionTemplate tx;
    static AuditTrail trail;
    static CursorCodec cursors;
    static Actor administrator;
    static Actor practitioner;
    static Actor senior;
    static List<ClientDirectoryBenchmarkData.Sample> samples;
    static String[] phoneFormats;
    static String deepCursor;
    static String plainDeepCursorTouched;
    static String plainDeepCursorId;
    int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        if (database.equals(prepared)) {
            return;
        }
        if (context != null) {
            context.close();
            if (postgres != null) {
                postgres.close();
                postgres = null;
            }
        }
        Path folder = Path.of("target", "client-bench", database + "-" + CLIENTS).toAbsolutePath();
        Files.createDirectories(folder);
        List<String> arguments = new ArrayList<>(List.of("--strongroom.data-dir=" + folder.resolve("data"), "--spring.main.banner-mode=off",
                "--logging.level.root=warn", "--strongroom.audit.checkpoint-poll=1h", "--strongroom.audit.verify-schedule=-",
                "--strongroom.clients.planned-clients=" + PLANNED));
        if (database.equals("sqlite") && Files.exists(folder.resolve("data/strongroom.db"))
                && !complete("jdbc:sqlite:" + folder.resolve("data/strongroom.db"), null, null)) {
            // a set left half-made by an interrupted run: start again
            org.strongroom.testing.TestFolders.delete(folder.resolve("data"));
        }
        if (database.equals("postgres")) {
            postgres = EmbeddedPostgres.builder().setDataDirectory(folder.resolve("pgdata")).setCleanDataDirectory(false)
                    .setServerConfig("shared_buffers", "512MB").start();
            boolean exists;
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = 'clientbench'")) {
                exists = rs.next();
            }
            if (exists && !complete(postgres.getJdbcUrl("postgres", "clientbench"), "postgres", "postgres")) {
                try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE clientbench");
                }
                org.strongroom.testing.TestFolders.delete(folder.resolve("data"));
                exists = false;
            }
            if (!exists) {
                try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE clientbench");
                }
            }
            arguments.add("--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "clientbench") + "&reWriteBatchedInserts=true");
            arguments.add("--spring.datasource.username=postgres");
            arguments.add("--spring.datasource.password=postgres");
        }
        Path sqliteSet = Path.of("target", "client-bench", "sqlite-" + CLIENTS, "data").toAbsolutePath();
        if (database.equals("postgres") && !complete(postgres.getJdbcUrl("postgres", "clientbench"), "postgres", "postgres")
                && complete("jdbc:sqlite:" + sqliteSet.resolve("strongroom.db"), null, null)) {
            copyFromSqlite(sqliteSet, folder.resolve("data"), arguments);
        }
        SpringApplication app = new SpringApplication(StrongroomApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        context = app.run(arguments.toArray(String[]::new));
        DataSource dataSource = context.getBean(DataSource.class);
        directory = context.getBean(ClientDirectory.class);
        jdbc = context.getBean(JdbcClient.class);
        trail = context.getBean(AuditTrail.class);
        cursors = context.getBean(CursorCodec.class);
        PlatformTransactionManager transactions = context.getBean(PlatformTransactionManager.class);
        tx = new TransactionTemplate(transactions);

        if (ClientDirectoryBenchmarkData.loaded(dataSource) != CLIENTS) {
            long started = System.nanoTime();
            System.out.printf(Locale.ROOT, "%n%s: generating %,d clients%n", database, CLIENTS);
            ClientDirectoryBenchmarkData.load(dataSource, transactions, context.getBean(ClientKeys.class), context.getBean(FieldCipher.class),
                    context.getBean(ClientIndexes.class), context.getBean(FieldCatalogue.class), CLIENTS, System.currentTimeMillis());
            System.out.printf(Locale.ROOT, "%s: generated in %.0f s%n", database, (System.nanoTime() - started) / 1e9);
            if (database.equals("postgres")) {
                jdbc.sql("VACUUM ANALYZE").update();
            }
        }
        List<UUID> staff = ClientDirectoryBenchmarkData.practitioners();
        administrator = new Actor.Staff(StaffId.random(), StaffRole.ADMINISTRATOR);
        practitioner = new Actor.Staff(new StaffId(staff.get(0)), StaffRole.PRACTITIONER);
        senior = new Actor.Staff(new StaffId(staff.get(ClientDirectoryBenchmarkData.PRACTITIONERS)), StaffRole.PRACTITIONER);
        samples = ClientDirectoryBenchmarkData.sample(dataSource, SAMPLES);
        phoneFormats = new String[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            String national = "0" + samples.get(i).phone().substring(4);
            phoneFormats[i] = switch (i % 3) {
                case 0 -> "+380 " + national.substring(1, 3) + " " + national.substring(3, 6) + " " + national.substring(6, 8) + " "
                        + national.substring(8);
                case 1 -> national.substring(0, 3) + "-" + national.substring(3, 6) + "-" + national.substring(6);
                default -> "(" + national.substring(0, 3) + ") " + national.substring(3);
            };
        }
        // a cursor half-way down the whole list (page 10,000 of 50)
        Map<String, Object> middle = jdbc.sql("SELECT id, last_touched_at FROM client WHERE status <> 'MERGED' "
                + "ORDER BY last_touched_at DESC, id DESC LIMIT 1 OFFSET " + (CLIENTS / 2)).query().singleRow();
        deepCursor = cursors.encode(new CursorCodec.Position(((Number) middle.get("last_touched_at")).longValue(),
                UUID.fromString((String) middle.get("id"))), IndexedClientDirectory.describe(administrator, ClientQuery.firstPage(50)));
        plainDeepCursorTouched = middle.get("last_touched_at").toString();
        plainDeepCursorId = (String) middle.get("id");
        check();
        explain(dataSource);
        prepared = database;
        System.out.printf(Locale.ROOT, "%s: practitioner caseload %d, senior caseload %d; load average %s%n", database,
                directory.list(practitioner, ClientQuery.firstPage(1)).total(), directory.list(senior, ClientQuery.firstPage(1)).total(),
                Files.readString(Path.of("/proc/loadavg")).strip());
    }

    /** Whether the database holds a whole generated set ({@code bench_meta} is written last). */
    private static boolean complete(String url, String user, String password) {
        try (Connection c = java.sql.DriverManager.getConnection(url, user, password); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT clients FROM bench_meta")) {
            return rs.next() && rs.getLong(1) == CLIENTS;
        } catch (SQLException missing) {
            return false;
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        // the context and the embedded PostgreSQL close with the JVM (their shutdown hooks); kept for the next benchmark with -f 0
    }

    /**
     * Makes the PostgreSQL set from a finished SQLite set instead of generating it again (key
     * creation is a few round trips per client, hours for a million on a loaded machine): the same
     * root key file, then every row of the clients, keys, care-team and plaintext tables copied in
     * batches. A first context runs the migrations; it is closed so the next one reads the copied
     * system keys (blind-index keys) afresh.
     */
    private void copyFromSqlite(Path sqliteData, Path data, List<String> arguments) throws Exception {
        long started = System.nanoTime();
        System.out.printf(Locale.ROOT, "%npostgres: copying %,d clients from the SQLite set%n", CLIENTS);
        org.strongroom.testing.TestFolders.delete(data);
        Files.createDirectories(data.resolve("keys"));
        Files.copy(sqliteData.resolve("keys/root-key.json"), data.resolve("keys/root-key.json"),
                java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        SpringApplication app = new SpringApplication(StrongroomApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        try (ConfigurableApplicationContext migrated = app.run(arguments.toArray(String[]::new));
             Connection from = java.sql.DriverManager.getConnection("jdbc:sqlite:" + sqliteData.resolve("strongroom.db"));
             Connection to = migrated.getBean(DataSource.class).getConnection()) {
            try (Statement s = to.createStatement()) {
                for (String statement : ClientDirectoryBenchmarkData.PLAIN_TABLES.split(";")) {
                    s.execute(statement);
                }
                s.execute("DELETE FROM system_key");
                s.execute("DELETE FROM client_key");
            }
            to.setAutoCommit(false);
            for (String table : List.of("system_key", "client_key", "client", "client_value", "client_search_index", "care_team_member",
                    "bench_plain_client", "bench_plain_name", "bench_meta")) {
                long rows = 0;
                try (Statement read = from.createStatement(); ResultSet rs = read.executeQuery("SELECT * FROM " + table)) {
                    int columns = rs.getMetaData().getColumnCount();
                    StringBuilder names = new StringBuilder();
                    for (int i = 1; i <= columns; i++) {
                        names.append(i == 1 ? "" : ", ").append(rs.getMetaData().getColumnName(i));
                    }
                    String marks = String.join(", ", java.util.Collections.nCopies(columns, "?"));
                    try (var insert = to.prepareStatement("INSERT INTO " + table + " (" + names + ") VALUES (" + marks + ")")) {
                        while (rs.next()) {
                            for (int i = 1; i <= columns; i++) {
                                Object value = rs.getObject(i);
                                if (value instanceof Integer n && to.getMetaData().getDatabaseProductName().contains("Postgre")) {
                                    value = n.longValue();
                                }
                                insert.setObject(i, value);
                            }
                            insert.addBatch();
                            if (++rows % 5000 == 0) {
                                insert.executeBatch();
                            }
                            if (rows % 100_000 == 0) {
                                to.commit();
                            }
                        }
                        insert.executeBatch();
                        to.commit();
                    }
                }
                System.out.printf(Locale.ROOT, "  %s: %,d rows (%.0f s)%n", table, rows, (System.nanoTime() - started) / 1e9);
            }
            try (Statement s = to.createStatement()) {
                to.setAutoCommit(true);
                s.execute("VACUUM ANALYZE");
            }
        }
        System.out.printf(Locale.ROOT, "postgres: copied in %.0f s%n", (System.nanoTime() - started) / 1e9);
    }

    ClientDirectoryBenchmarkData.Sample sample() {
        return samples.get(next++ & (SAMPLES - 1));
    }

    static String latin(String cyrillic) {
        return String.join(" ", PersonNames.tokens(cyrillic));
    }

    static String prefix(String text, int length) {
        return text.substring(0, Math.min(text.length(), length));
    }

    // ------------------------------------------------------------------ encrypted

    /** A whole name, Latin, family name first. */
    @Benchmark
    public List<ClientSummary> searchName() {
        var s = sample();
        return directory.search(administrator, latin(s.family()) + " " + latin(s.given()), 20);
    }

    /** A name in Cyrillic as typed, given name first. */
    @Benchmark
    public List<ClientSummary> searchNameCyrillic() {
        var s = sample();
        return directory.search(administrator, s.given() + " " + s.family(), 20);
    }

    /** The first four letters of both names (Latin). */
    @Benchmark
    public List<ClientSummary> searchPartialName() {
        var s = sample();
        return directory.search(administrator, prefix(latin(s.given()), 4) + " " + prefix(latin(s.family()), 4), 20);
    }

    @Benchmark
    public List<ClientSummary> searchEmail() {
        return directory.search(administrator, sample().email().toUpperCase(Locale.ROOT), 20);
    }

    @Benchmark
    public List<ClientSummary> searchPhone() {
        int i = next & (SAMPLES - 1);
        next++;
        return directory.search(administrator, phoneFormats[i], 20);
    }

    @Benchmark
    public List<ClientSummary> searchReference() {
        return directory.search(administrator, sample().reference().toLowerCase(Locale.ROOT), 20);
    }

    /** A practitioner (caseload of a few thousand) searching a whole name: scope inside the index query. */
    @Benchmark
    public List<ClientSummary> searchNamePractitioner() {
        var s = sample();
        return directory.search(practitioner, latin(s.given()) + " " + latin(s.family()), 20);
    }

    @Benchmark
    public ClientPage listFirstPage() {
        return directory.list(administrator, ClientQuery.firstPage(50));
    }

    @Benchmark
    public ClientPage listDeepPage() {
        return directory.list(administrator, new ClientQuery(Set.of(), null, null, null, null, deepCursor, 50));
    }

    @Benchmark
    public ClientPage listFirstPageClosed() {
        return directory.list(administrator, new ClientQuery(Set.of(ClientStatus.CLOSED), null, null, null, null, null, 50));
    }

    @Benchmark
    public ClientPage listFirstPageTag() {
        return directory.list(administrator, new ClientQuery(Set.of(), "veteran", null, null, null, null, 50));
    }

    @Benchmark
    public ClientPage listFirstPagePractitioner() {
        return directory.list(practitioner, ClientQuery.firstPage(50));
    }

    /** A practitioner on 2% of all clients: the listing index walked with scope probes. */
    @Benchmark
    public ClientPage listFirstPageSenior() {
        return directory.list(senior, ClientQuery.firstPage(50));
    }

    // ------------------------------------------------------------------ plaintext copy

    record Plain(String id, long touched, String given, String family, String preferred) {
    }

    private List<Plain> plainRows(String where, List<Object> params, int limit) {
        List<Object> all = new ArrayList<>(params);
        all.add(limit);
        return jdbc.sql("SELECT p.id, p.last_touched_at, p.given_name, p.family_name, p.preferred_name FROM bench_plain_client p WHERE "
                        + "p.status <> 'MERGED' AND " + where + " ORDER BY p.last_touched_at DESC, p.id DESC LIMIT ?")
                .params(all).query((rs, n) -> new Plain(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .list();
    }

    private <T> T audited(String action, java.util.function.Supplier<T> work) {
        return tx.execute(status -> {
            T result = work.get();
            trail.record(AuditEvent.of(ActorType.STAFF, administrator.id(), action, Outcome.SUCCEEDED));
            return result;
        });
    }

    /** Whole tokens first, then (when fewer than the limit) prefixes by a range on the token table: exact, no decryption. */
    private List<Plain> plainNames(String text, int limit) {
        List<String> tokens = PersonNames.tokens(text);
        StringBuilder whole = new StringBuilder("p.id IN (");
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            whole.append(i == 0 ? "" : " INTERSECT ").append("SELECT client_id FROM bench_plain_name WHERE token = ?");
            params.add(tokens.get(i));
        }
        List<Plain> out = new ArrayList<>(plainRows(whole.append(")").toString(), params, limit));
        if (out.size() < limit && tokens.stream().anyMatch(t -> t.length() >= 3)) {
            StringBuilder partial = new StringBuilder("p.id IN (");
            List<Object> prefixParams = new ArrayList<>();
            for (int i = 0; i < tokens.size(); i++) {
                partial.append(i == 0 ? "" : " INTERSECT ");
                if (tokens.get(i).length() >= 3) {
                    partial.append("SELECT client_id FROM bench_plain_name WHERE token >= ? AND token < ?");
                    prefixParams.add(tokens.get(i));
                    prefixParams.add(tokens.get(i) + "\uffff");
                } else {
                    partial.append("SELECT client_id FROM bench_plain_name WHERE token = ?");
                    prefixParams.add(tokens.get(i));
                }
            }
            Set<String> seen = new java.util.HashSet<>();
            out.forEach(p -> seen.add(p.id()));
            for (Plain p : plainRows(partial.append(")").toString(), prefixParams, limit)) {
                if (out.size() < limit && seen.add(p.id())) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    @Benchmark
    public List<Plain> plainSearchName() {
        var s = sample();
        String text = latin(s.family()) + " " + latin(s.given());
        return audited("clients.searched", () -> plainNames(text, 20));
    }

    @Benchmark
    public List<Plain> plainSearchPartialName() {
        var s = sample();
        String text = prefix(latin(s.given()), 4) + " " + prefix(latin(s.family()), 4);
        return audited("clients.searched", () -> plainNames(text, 20));
    }

    @Benchmark
    public List<Plain> plainSearchEmail() {
        String email = Emails.normalise(sample().email().toUpperCase(Locale.ROOT)).orElseThrow();
        return audited("clients.searched", () -> plainRows("p.email = ?", List.of(email), 20));
    }

    @Benchmark
    public List<Plain> plainSearchPhone() {
        int i = next & (SAMPLES - 1);
        next++;
        String phone = Phones.toE164(phoneFormats[i], "UA").orElseThrow();
        return audited("clients.searched", () -> plainRows("p.phone = ?", List.of(phone), 20));
    }

    @Benchmark
    public List<Plain> plainSearchReference() {
        String reference = sample().reference().toLowerCase(Locale.ROOT).toUpperCase(Locale.ROOT);
        return audited("clients.searched", () -> plainRows("p.reference = ?", List.of(reference), 20));
    }

    @Benchmark
    public List<Plain> plainListFirstPage() {
        return audited("clients.listed", () -> plainRows("1 = 1", List.of(), 51));
    }

    @Benchmark
    public List<Plain> plainListDeepPage() {
        return audited("clients.listed", () -> plainRows("p.last_touched_at <= ? AND (p.last_touched_at < ? OR p.id < ?)",
                List.of(Long.parseLong(plainDeepCursorTouched), Long.parseLong(plainDeepCursorTouched), plainDeepCursorId), 51));
    }

    // ------------------------------------------------------------------ checks

    /** The benchmark measures right answers only: every sampled client is found by each kind of search. */
    private void check() {
        for (int i = 0; i < 32; i++) {
            var s = samples.get(i);
            Map<String, List<ClientSummary>> found = new LinkedHashMap<>();
            found.put("name", directory.search(administrator, latin(s.family()) + " " + latin(s.given()), 50));
            found.put("email", directory.search(administrator, s.email().toUpperCase(Locale.ROOT), 50));
            found.put("phone", directory.search(administrator, phoneFormats[i], 50));
            found.put("reference", directory.search(administrator, s.reference().toLowerCase(Locale.ROOT), 50));
            for (Map.Entry<String, List<ClientSummary>> e : found.entrySet()) {
                boolean hit = e.getValue().stream().anyMatch(c -> c.id().equals(s.id()));
                boolean full = e.getKey().equals("name") && e.getValue().size() == 50;
                if (!hit && !full) {
                    throw new IllegalStateException("search by " + e.getKey() + " missed sample " + i);
                }
            }
            if (plainNames(latin(s.family()) + " " + latin(s.given()), 50).stream().noneMatch(p -> p.id().equals(s.id().toString()))
                    && plainNames(latin(s.family()) + " " + latin(s.given()), 50).size() < 50) {
                throw new IllegalStateException("plain name search missed sample " + i);
            }
        }
        List<UUID> first = listFirstPage().clients().stream().map(ClientSummary::id).toList();
        List<String> plainFirst = plainListFirstPage().stream().limit(50).map(Plain::id).toList();
        if (!first.stream().map(UUID::toString).toList().equals(plainFirst)) {
            throw new IllegalStateException("the first page differs from the plaintext copy's");
        }
        List<String> deep = listDeepPage().clients().stream().map(c -> c.id().toString()).toList();
        if (!deep.equals(plainListDeepPage().stream().limit(50).map(Plain::id).toList())) {
            throw new IllegalStateException("the deep page differs from the plaintext copy's");
        }
        for (int i = 0; i < 64; i++) {
            var s = samples.get(i);
            List<ClientSummary> partial = searchPartialNameFor(s);
            if (partial.isEmpty()) {
                throw new IllegalStateException("partial name search found nothing for sample " + i);
            }
        }
    }

    private List<ClientSummary> searchPartialNameFor(ClientDirectoryBenchmarkData.Sample s) {
        return directory.search(administrator, prefix(latin(s.given()), 4) + " " + prefix(latin(s.family()), 4), 20);
    }

    private void explain(DataSource dataSource) throws SQLException {
        boolean sqlite = database.equals("sqlite");
        String explain = sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN (ANALYZE, BUFFERS) ";
        long now = System.currentTimeMillis();
        String practitionerId = ((Actor.Staff) practitioner).staffId().toString();
        String seniorId = ((Actor.Staff) senior).staffId().toString();
        Map<String, List<Object>> queries = new LinkedHashMap<>();
        queries.put("SELECT c.id, c.last_touched_at FROM client c WHERE 1 = 1 AND c.status NOT IN (?) ORDER BY c.last_touched_at DESC, "
                + "c.id DESC LIMIT 51", List.of("MERGED"));
        queries.put("SELECT c.id, c.last_touched_at FROM client c WHERE 1 = 1 AND c.status = ? ORDER BY c.last_touched_at DESC, "
                + "c.id DESC LIMIT 51", List.of("CLOSED"));
        queries.put("SELECT c.id, c.last_touched_at FROM client c WHERE c.id IN (SELECT ctm.client_id FROM care_team_member ctm "
                + "WHERE ctm.staff_id = ? UNION SELECT ag.client_id FROM access_grant ag WHERE ag.staff_id = ? AND ag.revoked_at IS NULL "
                + "AND ag.starts_at <= ? AND ag.expires_at > ?) AND c.status NOT IN (?) ORDER BY c.last_touched_at DESC, c.id DESC LIMIT 51",
                List.of(practitionerId, practitionerId, now, now, "MERGED"));
        queries.put("SELECT c.id, c.last_touched_at FROM client c WHERE (EXISTS (SELECT 1 FROM care_team_member ctm WHERE ctm.client_id = "
                + "c.id AND ctm.staff_id = ?) OR EXISTS (SELECT 1 FROM access_grant ag WHERE ag.client_id = c.id AND ag.staff_id = ? "
                + "AND ag.revoked_at IS NULL AND ag.starts_at <= ? AND ag.expires_at > ?)) AND c.status NOT IN (?) "
                + "ORDER BY c.last_touched_at DESC, c.id DESC LIMIT 51", List.of(seniorId, seniorId, now, now, "MERGED"));
        queries.put("SELECT c.id, c.last_touched_at FROM client c WHERE c.status <> 'MERGED' AND c.id IN (SELECT i.client_id FROM "
                + "client_search_index i WHERE i.index_name = ? AND i.token IN (?) AND 1 = 1 INTERSECT SELECT i.client_id FROM "
                + "client_search_index i WHERE i.index_name = ? AND i.token IN (?)) ORDER BY c.last_touched_at DESC, c.id DESC LIMIT 2000",
                List.of("name", "00aa", "name", "00ab"));
        queries.put("SELECT c.id, c.last_touched_at FROM client c WHERE 1 = 1 AND c.status NOT IN (?) AND c.id IN (SELECT t.client_id "
                + "FROM client_search_index t WHERE t.index_name = ? AND t.token IN (?)) ORDER BY c.last_touched_at DESC, c.id DESC LIMIT 51",
                List.of("MERGED", "f:tags", "00aa"));
        for (Map.Entry<String, List<Object>> q : queries.entrySet()) {
            System.out.printf("%n-- %s:%n%s%n", database, q.getKey());
            try (Connection c = dataSource.getConnection(); var statement = c.prepareStatement(explain + q.getKey())) {
                for (int i = 0; i < q.getValue().size(); i++) {
                    statement.setObject(i + 1, q.getValue().get(i));
                }
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        System.out.println("   " + (sqlite ? rs.getString("detail") : rs.getString(1)));
                    }
                }
            }
        }
    }
}
