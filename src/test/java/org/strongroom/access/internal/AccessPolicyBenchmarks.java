package org.strongroom.access.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

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
import org.strongroom.StrongroomApplication;
import org.strongroom.access.AccessDecision;
import org.strongroom.access.AccessPolicy;
import org.strongroom.access.Actor;
import org.strongroom.access.ClientScope;
import org.strongroom.access.Permission;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffRole;
import org.strongroom.testing.TestFolders;
import org.strongroom.testing.TestPostgres;

/**
 * The access policy against a real database holding 100,000 clients, 50 staff and their care teams
 * and grants ({@link ScopeBenchmarkData}), on SQLite and on PostgreSQL (embedded, loopback):
 * <ul>
 * <li>{@code decide…}: one whole {@link AccessPolicy#decide(Actor, Permission, UUID)} through the
 * Spring bean — role lookup, the one relation query when a rule needs it, the rule chain;</li>
 * <li>{@code page…} and {@code count…}: the first page of 50 clients and the total within
 * {@link AccessPolicy#scope}, the condition placed inside the query as callers will.</li>
 * </ul>
 * Issue 6 aims for decisions under 5 µs and the scoped list under 20 ms. The query plans are
 * printed during set-up. Run with {@code bench/jmh.sh AccessPolicyBenchmarks} (add
 * {@code -p database=sqlite} for one database).
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AccessPolicyBenchmarks {

    @Param({"sqlite", "postgres"})
    String database;

    ConfigurableApplicationContext context;
    AccessPolicy policy;
    JdbcClient jdbc;
    ScopeBenchmarkData data;
    Actor practitioner;
    Actor administrator;
    Actor customRole;
    UUID[] onTeam;
    UUID[] outOfReach;
    int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path folder = TestFolders.fresh("access-bench-" + database);
        List<String> arguments = new ArrayList<>(List.of("--strongroom.data-dir=" + folder, "--spring.main.banner-mode=off",
                "--logging.level.root=warn", "--strongroom.audit.checkpoint-poll=1h"));
        if (database.equals("postgres")) {
            arguments.add("--spring.datasource.url=" + TestPostgres.newDatabase("accessbench") + "&reWriteBatchedInserts=true");
            arguments.add("--spring.datasource.username=postgres");
            arguments.add("--spring.datasource.password=postgres");
        }
        SpringApplication app = new SpringApplication(StrongroomApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        context = app.run(arguments.toArray(String[]::new));
        policy = context.getBean(AccessPolicy.class);
        jdbc = context.getBean(JdbcClient.class);
        DataSource dataSource = context.getBean(DataSource.class);

        long started = System.nanoTime();
        data = ScopeBenchmarkData.load(dataSource, System.currentTimeMillis());
        System.out.printf(Locale.ROOT, "%n%s: loaded %,d clients, %,d care-team rows, %,d grants in %.1f s; "
                        + "practitioner has %,d on teams, %,d in scope%n", database, data.clients.size(), data.teamRows,
                data.grants, (System.nanoTime() - started) / 1e9, data.onTeam.size(), data.inScope.size());
        if (database.equals("postgres")) {
            // What autovacuum does soon after a bulk load: statistics for the planner, and the
            // visibility map that lets index-only scans skip the table.
            jdbc.sql("VACUUM ANALYZE").update();
        }
        jdbc.sql("""
                INSERT INTO access_role (role_key, label, reach, permissions, normal_view, restricted_view,
                    highly_restricted_view, version, created_at, updated_at, updated_by)
                VALUES ('THERAPIST', 'Therapist', 'CARE_TEAM', 'client.read note.read', 'FULL', 'FULL', 'MASKED', 1, 0, 0, NULL)""")
                .update();

        StaffId me = new StaffId(data.staff.get(0));
        practitioner = new Actor.Staff(me, StaffRole.PRACTITIONER);
        customRole = new Actor.Staff(me, StaffRole.valueOf("THERAPIST"));
        administrator = new Actor.Staff(new StaffId(data.staff.get(ScopeBenchmarkData.STAFF - 1)), StaffRole.ADMINISTRATOR);
        onTeam = data.onTeam.subList(0, 1024).toArray(UUID[]::new);
        outOfReach = data.outOfReach.subList(0, 1024).toArray(UUID[]::new);

        check();
        explain(dataSource);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        context.close();
    }

    /** Practitioner, a client on their care team: the relation query, then allowed by the care-team rule. */
    @Benchmark
    public AccessDecision decidePractitionerOnCareTeam() {
        return policy.decide(practitioner, Permission.CLIENT_READ, onTeam[next++ & 1023]);
    }

    /** Practitioner, a client out of reach: the relation query, then the whole chain to the denial. */
    @Benchmark
    public AccessDecision decidePractitionerOutOfReach() {
        return policy.decide(practitioner, Permission.CLIENT_READ, outOfReach[next++ & 1023]);
    }

    /** Administrator (organisation-wide reach): decided from the built-in role alone, no query. */
    @Benchmark
    public AccessDecision decideAdministrator() {
        return policy.decide(administrator, Permission.CLIENT_READ, onTeam[next++ & 1023]);
    }

    /** A custom role (care-team reach): the role is read from access_role, then the relation query. */
    @Benchmark
    public AccessDecision decideCustomRoleOnCareTeam() {
        return policy.decide(customRole, Permission.CLIENT_READ, onTeam[next++ & 1023]);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public List<ClientRow> pageByReferencePractitioner() {
        return page(practitioner, ScopeBenchmarkData.PAGE_BY_REFERENCE);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public List<ClientRow> pageByUpdatedPractitioner() {
        return page(practitioner, ScopeBenchmarkData.PAGE_BY_UPDATED);
    }

    /** The same pages with {@link ClientScope#pageCondition} (correlated probes; the index walk stops at 50). */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public List<ClientRow> pageByReferencePractitionerProbing() {
        return probingPage(practitioner, ScopeBenchmarkData.PAGE_BY_REFERENCE);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public List<ClientRow> pageByUpdatedPractitionerProbing() {
        return probingPage(practitioner, ScopeBenchmarkData.PAGE_BY_UPDATED);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public long countPractitioner() {
        return count(practitioner);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public List<ClientRow> pageByReferenceAdministrator() {
        return page(administrator, ScopeBenchmarkData.PAGE_BY_REFERENCE);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public List<ClientRow> pageByUpdatedAdministrator() {
        return page(administrator, ScopeBenchmarkData.PAGE_BY_UPDATED);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public long countAdministrator() {
        return count(administrator);
    }

    record ClientRow(String id, String reference, String status, long updatedAt) {
    }

    List<ClientRow> page(Actor actor, String query) {
        ClientScope scope = policy.scope(actor, Permission.CLIENT_READ);
        return jdbc.sql(query.formatted(scope.condition("c.id"))).params(scope.parameters())
                .query((rs, n) -> new ClientRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4))).list();
    }

    List<ClientRow> probingPage(Actor actor, String query) {
        ClientScope scope = policy.scope(actor, Permission.CLIENT_READ);
        return jdbc.sql(query.formatted(scope.pageCondition("c.id"))).params(scope.parameters())
                .query((rs, n) -> new ClientRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4))).list();
    }

    long count(Actor actor) {
        ClientScope scope = policy.scope(actor, Permission.CLIENT_READ);
        return jdbc.sql(ScopeBenchmarkData.COUNT.formatted(scope.condition("c.id"))).params(scope.parameters())
                .query(Long.class).single();
    }

    /** The benchmark measures right answers only. */
    private void check() {
        long expected = data.inScope.size();
        if (count(practitioner) != expected || count(administrator) != ScopeBenchmarkData.CLIENTS) {
            throw new IllegalStateException("scope count wrong: " + count(practitioner) + " != " + expected);
        }
        List<ClientRow> page = page(practitioner, ScopeBenchmarkData.PAGE_BY_REFERENCE);
        if (page.size() != 50 || !page.stream().allMatch(r -> data.inScope.contains(UUID.fromString(r.id())))) {
            throw new IllegalStateException("scope page wrong");
        }
        if (!probingPage(practitioner, ScopeBenchmarkData.PAGE_BY_REFERENCE).equals(page)
                || !probingPage(practitioner, ScopeBenchmarkData.PAGE_BY_UPDATED).equals(page(practitioner, ScopeBenchmarkData.PAGE_BY_UPDATED))) {
            throw new IllegalStateException("the probing page differs from the plain one");
        }
        if (!decidePractitionerOnCareTeam().allowed() || decidePractitionerOutOfReach().allowed()
                || !decideAdministrator().allowed() || !decideCustomRoleOnCareTeam().allowed()) {
            throw new IllegalStateException("decision wrong");
        }
    }

    private void explain(DataSource dataSource) throws SQLException {
        boolean sqlite = database.equals("sqlite");
        String explain = sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN (ANALYZE, BUFFERS) ";
        for (Actor actor : List.of(practitioner, administrator)) {
            ClientScope scope = policy.scope(actor, Permission.CLIENT_READ);
            for (String query : List.of(ScopeBenchmarkData.PAGE_BY_REFERENCE, ScopeBenchmarkData.PAGE_BY_UPDATED,
                    ScopeBenchmarkData.COUNT)) {
                String sql = query.formatted(scope.condition("c.id"));
                System.out.printf("%n-- %s, %s:%n%s%n", database, actor.roleKey(), sql);
                try (Connection c = dataSource.getConnection(); var statement = c.prepareStatement(explain + sql)) {
                    List<Object> parameters = scope.parameters();
                    for (int i = 0; i < parameters.size(); i++) {
                        statement.setObject(i + 1, parameters.get(i));
                    }
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            System.out.println("   " + (sqlite ? rs.getString("detail") : rs.getString(1)));
                        }
                    }
                }
            }
        }
        String relation = """
                SELECT 'TEAM' AS kind, 1 AS live FROM care_team_member WHERE client_id = ? AND staff_id = ?
                UNION ALL
                SELECT kind, CASE WHEN revoked_at IS NULL AND starts_at <= ? AND expires_at > ? THEN 1 ELSE 0 END AS live
                FROM access_grant WHERE client_id = ? AND staff_id = ?""";
        System.out.printf("%n-- %s, relation query (RelationStore):%n", database);
        try (Connection c = dataSource.getConnection(); var statement = c.prepareStatement(explain + relation)) {
            long now = System.currentTimeMillis();
            Object[] values = {onTeam[0].toString(), data.staff.get(0).toString(), now, now, onTeam[0].toString(),
                    data.staff.get(0).toString()};
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    System.out.println("   " + (sqlite ? rs.getString("detail") : rs.getString(1)));
                }
            }
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            if (sqlite) {
                try (ResultSet rs = s.executeQuery("SELECT sqlite_version()")) {
                    rs.next();
                    System.out.println("SQLite " + rs.getString(1));
                }
            } else {
                try (ResultSet rs = s.executeQuery("SELECT version()")) {
                    rs.next();
                    System.out.println(rs.getString(1));
                }
            }
        }
    }
}
