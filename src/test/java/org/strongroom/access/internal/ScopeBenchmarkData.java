package org.strongroom.access.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

/**
 * The data the access benchmarks run on: a stand-in client table ({@code bench_client}, created
 * here: the clients module does not exist yet) with {@value #CLIENTS} rows, {@value #STAFF} staff
 * of whom {@value #PRACTITIONERS} are practitioners, each client on a care team of 1–3 of them, and
 * a few hundred grants and break-the-glass grants (active, expired, revoked, not yet started).
 * Loaded with batched inserts in one transaction; fixed seed, so every run has the same data.
 */
final class ScopeBenchmarkData {

    static final int CLIENTS = 100_000;
    static final int STAFF = 50;
    static final int PRACTITIONERS = 45;
    static final long HOUR = 3_600_000L;
    static final long DAY = 24 * HOUR;

    /** The list queries measured, with the scope condition's place marked {@code %s}. */
    static final String PAGE_BY_REFERENCE = """
            SELECT c.id, c.reference, c.status, c.updated_at FROM bench_client c
            WHERE %s ORDER BY c.reference LIMIT 50""";
    static final String PAGE_BY_UPDATED = """
            SELECT c.id, c.reference, c.status, c.updated_at FROM bench_client c
            WHERE %s ORDER BY c.updated_at DESC, c.id DESC LIMIT 50""";
    static final String COUNT = "SELECT COUNT(*) FROM bench_client c WHERE %s";

    final List<UUID> staff = new ArrayList<>();
    final List<UUID> clients = new ArrayList<>(CLIENTS);
    /** Clients on the first practitioner's care teams. */
    final List<UUID> onTeam = new ArrayList<>();
    /** Clients the first practitioner has no relation to at all. */
    final List<UUID> outOfReach = new ArrayList<>();
    /** Clients the first practitioner may see: team, active grant, active break-the-glass. */
    final Set<UUID> inScope = new HashSet<>();
    int grants;
    int teamRows;

    static ScopeBenchmarkData load(DataSource dataSource, long now) throws SQLException {
        ScopeBenchmarkData data = new ScopeBenchmarkData();
        try (Connection c = dataSource.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE bench_client (id VARCHAR(36) NOT NULL PRIMARY KEY, reference VARCHAR(20) NOT NULL, "
                        + "status VARCHAR(16) NOT NULL, updated_at BIGINT NOT NULL)");
                s.execute("CREATE UNIQUE INDEX bench_client_reference ON bench_client (reference)");
                s.execute("CREATE INDEX bench_client_updated ON bench_client (updated_at, id)");
            }
            c.setAutoCommit(false);
            data.fill(c, now);
            c.commit();
            c.setAutoCommit(true);
        }
        return data;
    }

    private void fill(Connection c, long now) throws SQLException {
        Random random = new Random(20261130);
        for (int i = 0; i < STAFF; i++) {
            staff.add(new UUID(random.nextLong(), random.nextLong()));
        }
        UUID me = staff.get(0);
        try (PreparedStatement client = c.prepareStatement(
                "INSERT INTO bench_client (id, reference, status, updated_at) VALUES (?, ?, ?, ?)");
             PreparedStatement member = c.prepareStatement(
                     "INSERT INTO care_team_member (client_id, staff_id, team_role, added_at, added_by) VALUES (?, ?, ?, ?, NULL)")) {
            for (int i = 0; i < CLIENTS; i++) {
                UUID id = new UUID(random.nextLong(), random.nextLong());
                clients.add(id);
                client.setString(1, id.toString());
                client.setString(2, String.format("C-%06d", (i * 7919L) % CLIENTS)); // references not in insertion order
                client.setString(3, random.nextInt(10) == 0 ? "CLOSED" : "ACTIVE");
                client.setLong(4, now - (long) (random.nextDouble() * 365 * DAY));
                client.addBatch();
                int size = 1 + random.nextInt(3);
                Set<Integer> team = new HashSet<>();
                while (team.size() < size) {
                    team.add(random.nextInt(PRACTITIONERS));
                }
                String role = "LEAD";
                for (int s : team) {
                    member.setString(1, id.toString());
                    member.setString(2, staff.get(s).toString());
                    member.setString(3, role);
                    member.setLong(4, now - DAY);
                    member.addBatch();
                    role = "MEMBER";
                    teamRows++;
                }
                if (team.contains(0)) {
                    onTeam.add(id);
                    inScope.add(id);
                } else {
                    outOfReach.add(id);
                }
                if (i % 1000 == 999) {
                    client.executeBatch();
                    member.executeBatch();
                }
            }
            client.executeBatch();
            member.executeBatch();
        }
        try (PreparedStatement grant = c.prepareStatement("""
                INSERT INTO access_grant (id, client_id, staff_id, kind, starts_at, expires_at, created_at, revoked_at, review_state)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            // The first practitioner: 4 of each kind and state, each on a client outside their teams.
            // {starts, expires, revoked?} for active, expired, revoked, not yet started.
            long[][] grantPeriods = {{now - DAY, now + 7 * DAY, 0}, {now - 30 * DAY, now - DAY, 0},
                    {now - DAY, now + 7 * DAY, 1}, {now + DAY, now + 8 * DAY, 0}};
            long[][] breakGlassPeriods = {{now - HOUR / 6, now + HOUR, 0}, {now - DAY, now - DAY + HOUR, 0},
                    {now - HOUR / 6, now + HOUR, 1}, {now + HOUR, now + 2 * HOUR, 0}};
            for (int p = 0; p < 4; p++) {
                for (String kind : List.of("GRANT", "BREAK_GLASS")) {
                    long[] period = kind.equals("GRANT") ? grantPeriods[p] : breakGlassPeriods[p];
                    for (int n = 0; n < 4; n++) {
                        UUID client = outOfReach.remove(outOfReach.size() - 1);
                        addGrant(grant, random, client, me, kind, period, now);
                        if (p == 0) {
                            inScope.add(client);
                        }
                    }
                }
            }
            // Everyone else: a few hundred more, any kind, any period.
            for (int n = 0; n < 400; n++) {
                UUID who = staff.get(1 + random.nextInt(PRACTITIONERS - 1));
                boolean breakGlass = random.nextInt(4) == 0;
                long[] period = (breakGlass ? breakGlassPeriods : grantPeriods)[random.nextInt(4)];
                addGrant(grant, random, clients.get(random.nextInt(CLIENTS)), who, breakGlass ? "BREAK_GLASS" : "GRANT", period, now);
            }
            grant.executeBatch();
        }
    }

    private void addGrant(PreparedStatement grant, Random random, UUID client, UUID staffId, String kind, long[] period, long now)
            throws SQLException {
        grant.setString(1, new UUID(random.nextLong(), random.nextLong()).toString());
        grant.setString(2, client.toString());
        grant.setString(3, staffId.toString());
        grant.setString(4, kind);
        grant.setLong(5, period[0]);
        grant.setLong(6, period[1]);
        grant.setLong(7, Math.min(period[0], now));
        if (period[2] == 1) {
            grant.setLong(8, now - HOUR);
        } else {
            grant.setNull(8, java.sql.Types.BIGINT);
        }
        grant.setString(9, kind.equals("BREAK_GLASS") ? "PENDING" : null);
        grant.addBatch();
        grants++;
    }
}
