package org.strongroom.audit.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.strongroom.StrongroomApplication;
import org.strongroom.audit.ActorType;
import org.strongroom.audit.AuditEvent;
import org.strongroom.audit.AuditTrail;
import org.strongroom.audit.Outcome;
import org.strongroom.audit.VerificationResult;
import org.strongroom.crypto.AuditKeys;
import org.strongroom.testing.TestFolders;
import org.strongroom.testing.TestPostgres;

/**
 * Audit trail benchmark (bench/audit.sh), in two modes:
 * <ul>
 * <li>{@code appends sqlite|postgres SECONDS}: appends per second through {@link AuditTrail#record},
 * one transaction per entry, from 1 and 8 writers, each beside a plain one-row insert transaction
 * without audit, and a plain insert plus the audit append in the same transaction (the cost the
 * chain adds to a page view that writes).</li>
 * <li>{@code verify sqlite|postgres ENTRIES}: verify speed and heap on a trail of that many entries,
 * bulk loaded with correctly chained entries (the same encoding and key as the appender). On SQLite
 * the trail is kept under target/audit-bench/ and reused by the next run with the same size.</li>
 * </ul>
 */
public final class AuditTrailLoad {

    private static final String ACTOR = "3f0c1a52-7d7e-4a39-9b1e-1c2d3e4f5a6b";

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "appends";
        String database = args.length > 1 ? args[1] : "sqlite";
        long amount = args.length > 2 && !args[2].isBlank() ? Long.parseLong(args[2]) : mode.equals("verify") ? 2_000_000 : 15;
        boolean verify = mode.equals("verify");
        Path folder = verify && database.equals("sqlite")
                ? Path.of("target", "audit-bench", "verify-sqlite-" + amount).toAbsolutePath()
                : TestFolders.fresh("audit-bench-" + database);
        List<String> arguments = new ArrayList<>(List.of("--strongroom.data-dir=" + folder, "--spring.main.banner-mode=off",
                "--logging.level.root=warn", "--strongroom.audit.checkpoint-poll=1h"));
        if (database.equals("postgres")) {
            arguments.add("--spring.datasource.url=" + TestPostgres.newDatabase("auditbench") + "&reWriteBatchedInserts=true");
            arguments.add("--spring.datasource.username=postgres");
            arguments.add("--spring.datasource.password=postgres");
        }
        SpringApplication app = new SpringApplication(StrongroomApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        try (ConfigurableApplicationContext context = app.run(arguments.toArray(String[]::new))) {
            System.out.printf(Locale.ROOT, "database: %s, java %s, %d processors, load average %.2f%n", database,
                    System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            if (verify) {
                verifyMode(context, amount);
            } else {
                appendsMode(context, (int) amount);
            }
        }
    }

    private static void appendsMode(ConfigurableApplicationContext context, int seconds) throws Exception {
        AuditTrail trail = context.getBean(AuditTrail.class);
        TransactionTemplate tx = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        jdbc.sql("CREATE TABLE bench_plain (id BIGINT PRIMARY KEY, occurred_at BIGINT, actor_id VARCHAR(256), "
                + "action VARCHAR(64), resource_id VARCHAR(256), client_id VARCHAR(256), request_id VARCHAR(256))").update();
        // The same row as an audit entry, in a table shaped like audit_entry (same columns and
        // indexes) but without the chain: the difference to an append is the chain's own cost.
        jdbc.sql("""
                CREATE TABLE bench_unchained (seq BIGINT PRIMARY KEY, occurred_at BIGINT NOT NULL, actor_type VARCHAR(16) NOT NULL,
                    actor_id VARCHAR(36), action VARCHAR(64) NOT NULL, resource_type VARCHAR(32), resource_id VARCHAR(256),
                    client_id VARCHAR(36), outcome VARCHAR(16) NOT NULL, reason VARCHAR(64), source_address VARCHAR(64),
                    user_agent_hash VARCHAR(64), request_id VARCHAR(64), mac %s NOT NULL)""".formatted(
                isSqlite(context) ? "BLOB" : "BYTEA")).update();
        jdbc.sql("CREATE INDEX bench_unchained_client ON bench_unchained (client_id, seq)").update();
        jdbc.sql("CREATE INDEX bench_unchained_actor ON bench_unchained (actor_id, seq)").update();
        jdbc.sql("CREATE INDEX bench_unchained_time ON bench_unchained (occurred_at)").update();
        AtomicLong unchainedIds = new AtomicLong();
        byte[] someMac = new byte[32];
        Runnable unchained = () -> {
            long i = unchainedIds.incrementAndGet();
            jdbc.sql("""
                    INSERT INTO bench_unchained (seq, occurred_at, actor_type, actor_id, action, resource_type, resource_id,
                        client_id, outcome, reason, source_address, user_agent_hash, request_id, mac)
                    VALUES (:seq, :t, 'staff', :actor, 'client.profile.read', 'client', :r, :r, 'allowed', NULL, '192.0.2.10',
                        NULL, :q, :mac)""")
                    .param("seq", i).param("t", System.currentTimeMillis()).param("actor", ACTOR).param("r", "c-" + i)
                    .param("q", "r-" + i).param("mac", someMac).update();
        };
        AtomicLong plainIds = new AtomicLong();
        Runnable plain = () -> {
            long i = plainIds.incrementAndGet();
            jdbc.sql("INSERT INTO bench_plain (id, occurred_at, actor_id, action, resource_id, client_id, request_id) "
                    + "VALUES (:id, :t, '" + ACTOR + "', 'client.profile.read', :r, :r, :q)")
                    .param("id", i).param("t", System.currentTimeMillis()).param("r", "c-" + i).param("q", "r-" + i).update();
        };
        AtomicLong chainedIds = new AtomicLong();
        Runnable chained = () -> {
            long i = chainedIds.incrementAndGet();
            trail.record(AuditEvent.of(ActorType.STAFF, ACTOR, "client.profile.read", Outcome.ALLOWED)
                    .withResource("client", "c-" + i).withClient("c-" + i).withRequest("192.0.2.10", null, "r-" + i));
        };
        Runnable both = () -> {
            plain.run();
            chained.run();
        };
        appends("warm-up", chained, tx, 1, Math.max(3, seconds / 3), false);
        appends("warm-up", plain, tx, 1, Math.max(3, seconds / 3), false);
        for (int writers : new int[] {1, 8}) {
            appends("plain one-row transaction (no audit), " + writers + " writer(s)", plain, tx, writers, seconds, true);
            appends("the same row without the chain (audit_entry's shape), " + writers + " writer(s)", unchained, tx, writers,
                    seconds, true);
            appends("audit append alone, " + writers + " writer(s)", chained, tx, writers, seconds, true);
            appends("plain row + audit append in one transaction, " + writers + " writer(s)", both, tx, writers, seconds, true);
        }
    }

    private static void verifyMode(ConfigurableApplicationContext context, long entries) throws Exception {
        DataSource dataSource = context.getBean(DataSource.class);
        AuditKeys keys = context.getBean(AuditKeys.class);
        AuditEntries auditEntries = context.getBean(AuditEntries.class);
        long loaded = bulkLoad(dataSource, keys, auditEntries, entries);
        System.out.printf(Locale.ROOT, "trail for verify: %,d entries%n", loaded);
        readOnly(dataSource, loaded);
        for (int round = 0; round < 2; round++) {
            // Back to back: one walk (as before the split), then two halves at once.
            verify(dataSource, keys, loaded, Long.MAX_VALUE);
            verify(dataSource, keys, loaded, ChainVerifier.SPLIT_AT);
        }
    }

    /** Only the reading side of verify (the entry stream drained without MACs), to split the time. */
    static void readOnly(DataSource dataSource, long expected) throws SQLException {
        long start = System.nanoTime();
        long n = 0;
        try (Connection c = dataSource.getConnection()) {
            boolean postgres = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
            if (postgres) {
                c.setAutoCommit(false);
            }
            try (EntryStream entries = new EntryStream(c, !postgres)) {
                while (entries.next()) {
                    n++;
                }
            } finally {
                if (postgres) {
                    c.rollback();
                    c.setAutoCommit(true);
                }
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "read only: %,d of %,d entries in %.1f s = %,.0f entries per second%n", n, expected,
                elapsed, n / elapsed);
    }

    private static boolean isSqlite(ConfigurableApplicationContext context) {
        return !context.getBean(AuditEntries.class).isPostgres();
    }

    static void appends(String label, Runnable work, TransactionTemplate tx, int writers, int seconds, boolean report)
            throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong count = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(writers, r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> done = new ArrayList<>();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long start = System.nanoTime();
        for (int w = 0; w < writers; w++) {
            done.add(pool.submit(() -> {
                while (!stop.get()) {
                    try {
                        tx.executeWithoutResult(s -> work.run());
                        count.incrementAndGet();
                    } catch (org.springframework.core.NestedRuntimeException e) {
                        // counted and reported: a refused transaction is a result too
                        if (failures.incrementAndGet() == 1) {
                            System.out.println("  first failure: " + e.getMostSpecificCause().getMessage());
                        }
                    }
                }
            }));
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (report) {
            System.out.printf(Locale.ROOT, "%s: %,.0f per second (%,d in %.1f s, %d failed; load average %.1f)%n",
                    label, count.get() / elapsed, count.get(), elapsed, failures.get(), os.getSystemLoadAverage());
        }
    }

    /** Appends correctly chained entries in large batches, bypassing the per-entry transaction. */
    static long bulkLoad(DataSource dataSource, AuditKeys keys, AuditEntries entries, long target) throws SQLException {
        AuditEntries.Head head = entries.head();
        long seq = head.seq();
        if (seq >= target) {
            System.out.printf(Locale.ROOT, "bulk load: the trail already holds %,d entries%n", seq);
            return seq;
        }
        byte[] previous = head.mac();
        // Makes the chain key (on first use) before this connection holds SQLite's write lock.
        keys.chainMac(previous);
        long start = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO audit_entry (seq, occurred_at, actor_type, actor_id, action, resource_type, resource_id,
                        client_id, outcome, reason, source_address, user_agent_hash, request_id, mac)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                long now = System.currentTimeMillis();
                while (seq < target) {
                    seq++;
                    AuditRow row = new AuditRow(seq, now + seq, "staff", "3f0c1a52-7d7e-4a39-9b1e-1c2d3e4f5a6b",
                            "client.profile.read", "client", "c-" + seq, "c-" + seq, "allowed", null, "192.0.2.10",
                            null, "r-" + seq, new byte[0]);
                    byte[] mac = keys.chainMac(EntryEncoding.chainInput(previous, row));
                    insert.setLong(1, seq);
                    insert.setLong(2, row.occurredAt());
                    insert.setString(3, row.actorType());
                    insert.setString(4, row.actorId());
                    insert.setString(5, row.action());
                    insert.setString(6, row.resourceType());
                    insert.setString(7, row.resourceId());
                    insert.setString(8, row.clientId());
                    insert.setString(9, row.outcome());
                    insert.setString(10, null);
                    insert.setString(11, row.sourceAddress());
                    insert.setString(12, null);
                    insert.setString(13, row.requestId());
                    insert.setBytes(14, mac);
                    insert.addBatch();
                    previous = mac;
                    if (seq % 100_000 == 0) {
                        insert.executeBatch();
                        c.commit();
                    }
                }
                insert.executeBatch();
            }
            try (PreparedStatement h = c.prepareStatement("UPDATE audit_head SET seq = ?, mac = ? WHERE id = 1")) {
                h.setLong(1, seq);
                h.setBytes(2, previous);
                h.executeUpdate();
            }
            c.commit();
            c.setAutoCommit(true);
        }
        System.out.printf(Locale.ROOT, "bulk load: %.1f s%n", (System.nanoTime() - start) / 1e9);
        return seq;
    }

    static void verify(DataSource dataSource, AuditKeys keys, long expected, long splitAt) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        long[] peakAfterGc = {0};
        long[] sampledAt = {0};
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long start = System.nanoTime();
        VerificationResult result = new ChainVerifier(dataSource, keys, null, Long.MIN_VALUE, splitAt).verify(n -> {
            // Every 2^20 entries (in two halves the progress is a sum, not a multiple of 2^14).
            if (n >> 20 > sampledAt[0]) {
                sampledAt[0] = n >> 20;
                System.gc();
                peakAfterGc[0] = Math.max(peakAfterGc[0], memory.getHeapMemoryUsage().getUsed());
            }
        });
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (!(result instanceof VerificationResult.Intact intact) || intact.entries() != expected) {
            throw new IllegalStateException("unexpected result " + result);
        }
        System.out.printf(Locale.ROOT, "verify (%s): %,d entries in %.1f s = %,.0f entries per second; heap after GC: %.1f MiB before, at most %.1f MiB during (max heap %.0f MiB); load average %.2f before, %.2f after%n",
                splitAt == Long.MAX_VALUE ? "one walk" : "two halves", expected, elapsed, expected / elapsed, baseline / 1048576.0, peakAfterGc[0] / 1048576.0,
                Runtime.getRuntime().maxMemory() / 1048576.0, loadBefore, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
