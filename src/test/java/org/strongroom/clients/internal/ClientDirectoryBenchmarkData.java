package org.strongroom.clients.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.strongroom.clients.FieldCatalogue;
import org.strongroom.clients.FieldDefinition;
import org.strongroom.crypto.ClientKeys;
import org.strongroom.crypto.EncryptionContext;
import org.strongroom.crypto.FieldCipher;
import org.strongroom.crypto.PersonNames;

/**
 * A million fictitious clients for {@link ClientDirectoryBenchmarks}, written straight into the
 * clients tables in transactions of 10,000 with batched inserts: each client gets its own key
 * ({@link ClientKeys#create}), its values encrypted with the real {@link FieldCipher} and its
 * blind-index rows from the real {@link ClientIndexes}, exactly as {@code Clients.create} stores
 * them — but without the per-client audit entry, duplicate check and reference counter (a benchmark
 * set-up, not a product path). Care teams: 400 practitioners, each client on one or two teams;
 * one "senior" practitioner is also on 2% of all clients.
 *
 * <p>The same clients are also written in plaintext into benchmark-only tables ({@code bench_plain_client},
 * {@code bench_plain_name}: the name tokens as {@link PersonNames} makes them), created here and
 * never by a migration, so that the same list and search run against an unencrypted copy.
 */
final class ClientDirectoryBenchmarkData {

    static final int BATCH = 10_000;

    /** Where generation time goes (ns): key creation, value encryption, blind indexes, batched inserts. */
    static final long[] TIMES = new long[4];
    static final int PRACTITIONERS = 400;

    static final String[] GIVEN = {"Олена", "Оксана", "Ольга", "Олександр", "Олег", "Андрій", "Богдан", "Галина", "Дмитро", "Євген",
            "Ірина", "Юлія", "Ярослав", "Тарас", "Наталія", "Віктор", "Катерина", "Марія", "Сергій", "Юрій", "Василь", "Петро",
            "Іван", "Микола", "Світлана", "Людмила", "Тетяна", "Анна", "Софія", "Максим", "Артем", "Денис", "Роман", "Вікторія",
            "Анастасія", "Дарина", "Лілія", "Ганна", "Григорій", "Степан"};
    static final String[] ROOTS = {"Ковал", "Шевч", "Бондар", "Ткач", "Кравч", "Мельн", "Поліщ", "Лис", "Руд", "Савч", "Щерб",
            "Зозул", "Гнат", "Жук", "Яков", "Юрч", "Циб", "Згур", "Петр", "Марч", "Голов", "Кушн", "Мороз", "Гончар", "Павл",
            "Литв", "Кучер", "Іван", "Сидор", "Гриц", "Дорош", "Романч", "Левч", "Остап", "Демч", "Карп", "Тимош", "Федор",
            "Онищ", "Семен"};
    static final String[] SUFFIXES = {"енко", "ук", "ишин", "ець", "ів", "ович", "як", "ан", "юк", "ич", "ський", "ова", "ін",
            "ик", "аш", "уш", "ей", "ота", "ило", "ура"};
    static final String[] PREFERRED = {"Оля", "Юра", "Сашко", "Катя", "Женя", "Таня", "Свєта", "Діма", "Петя", "Ваня"};
    static final String[] TAGS = {"Family", "Couples", "Sliding scale", "Нова група", "Waitlist", "Insurance", "Court referral",
            "Youth", "Veteran", "Online"};
    static final String[] OPERATORS = {"50", "66", "67", "68", "97", "98", "63", "73", "93", "95"};

    static final String PLAIN_TABLES = """
            CREATE TABLE bench_plain_client (
                id VARCHAR(36) NOT NULL PRIMARY KEY, reference VARCHAR(40) NOT NULL, status VARCHAR(12) NOT NULL,
                last_touched_at BIGINT NOT NULL, given_name VARCHAR(200), family_name VARCHAR(200), preferred_name VARCHAR(200),
                email VARCHAR(254), phone VARCHAR(20), date_of_birth VARCHAR(10), tags VARCHAR(1000));
            CREATE UNIQUE INDEX bench_plain_client_reference ON bench_plain_client (reference);
            CREATE INDEX bench_plain_client_touched ON bench_plain_client (last_touched_at, id);
            CREATE INDEX bench_plain_client_status_touched ON bench_plain_client (status, last_touched_at, id);
            CREATE INDEX bench_plain_client_email ON bench_plain_client (email);
            CREATE INDEX bench_plain_client_phone ON bench_plain_client (phone);
            CREATE INDEX bench_plain_client_birth ON bench_plain_client (date_of_birth);
            CREATE TABLE bench_plain_name (token VARCHAR(200) NOT NULL, client_id VARCHAR(36) NOT NULL, PRIMARY KEY (token, client_id));
            CREATE TABLE bench_meta (clients BIGINT NOT NULL)""";

    private ClientDirectoryBenchmarkData() {
    }

    /** The number of clients loaded, or 0 when the set is not there (or was left half-made). */
    static long loaded(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT clients FROM bench_meta")) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException noTable) {
            return 0;
        }
    }

    static List<UUID> practitioners() {
        List<UUID> out = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < PRACTITIONERS + 1; i++) {
            out.add(new UUID(random.nextLong(), random.nextLong()));
        }
        return out; // the last is the senior practitioner
    }

    static void load(DataSource dataSource, PlatformTransactionManager transactions, ClientKeys keys, FieldCipher cipher,
                     ClientIndexes indexes, FieldCatalogue catalogue, int clients, long now) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String statement : PLAIN_TABLES.split(";")) {
                s.execute(statement);
            }
        }
        List<FieldDefinition> fields = catalogue.all();
        List<UUID> staff = practitioners();
        UUID senior = staff.get(PRACTITIONERS);
        Random random = new Random(20261130);
        TransactionTemplate tx = new TransactionTemplate(transactions);
        long started = System.nanoTime();
        for (int from = 0; from < clients; from += BATCH) {
            int start = from;
            int end = Math.min(clients, from + BATCH);
            tx.executeWithoutResult(status -> {
                Connection c = DataSourceUtils.getConnection(dataSource);
                try {
                    batch(c, keys, cipher, indexes, fields, staff, senior, random, start, end, now);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            if ((end / BATCH) % 10 == 0 || end == clients) {
                System.out.printf(Locale.ROOT, "  %,d clients in %.0f s (keys %.0f s, encryption %.0f s, indexes %.0f s, inserts %.0f s)%n",
                        end, (System.nanoTime() - started) / 1e9, TIMES[0] / 1e9, TIMES[1] / 1e9, TIMES[2] / 1e9, TIMES[3] / 1e9);
            }
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO bench_meta (clients) VALUES (" + clients + ")");
        }
    }

    private static void batch(Connection c, ClientKeys keys, FieldCipher cipher, ClientIndexes indexes, List<FieldDefinition> fields,
                              List<UUID> staff, UUID senior, Random random, int from, int to, long now) throws SQLException {
        try (PreparedStatement client = c.prepareStatement("INSERT INTO client (id, reference, status, version, created_at, created_by, "
                + "updated_at, updated_by, closed_at, last_touched_at, merged_into, import_id) VALUES (?, ?, ?, 1, ?, NULL, ?, NULL, ?, ?, NULL, NULL)");
             PreparedStatement value = c.prepareStatement("INSERT INTO client_value (client_id, field_key, ciphertext, updated_at, "
                     + "updated_by) VALUES (?, ?, ?, ?, NULL)");
             PreparedStatement index = c.prepareStatement("INSERT INTO client_search_index (index_name, token, client_id) VALUES (?, ?, ?)");
             PreparedStatement team = c.prepareStatement("INSERT INTO care_team_member (client_id, staff_id, team_role, added_at, added_by) "
                     + "VALUES (?, ?, ?, ?, NULL)");
             PreparedStatement plain = c.prepareStatement("INSERT INTO bench_plain_client (id, reference, status, last_touched_at, "
                     + "given_name, family_name, preferred_name, email, phone, date_of_birth, tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement plainName = c.prepareStatement("INSERT INTO bench_plain_name (token, client_id) VALUES (?, ?)")) {
            for (int i = from; i < to; i++) {
                UUID id = new UUID(random.nextLong(), random.nextLong());
                String ids = id.toString();
                long t0 = System.nanoTime();
                keys.create(id);
                TIMES[0] += System.nanoTime() - t0;
                String given = GIVEN[random.nextInt(GIVEN.length)];
                String family = ROOTS[random.nextInt(ROOTS.length)] + SUFFIXES[random.nextInt(SUFFIXES.length)];
                String preferred = random.nextInt(10) == 0 ? PREFERRED[random.nextInt(PREFERRED.length)] : null;
                String latin = String.join(".", PersonNames.tokens(given + " " + family));
                Map<String, String> values = new LinkedHashMap<>();
                values.put("given_name", given);
                values.put("family_name", family);
                if (preferred != null) {
                    values.put("preferred_name", preferred);
                }
                values.put("email", latin + "." + i + "@example.org");
                values.put("phone", "+380" + OPERATORS[i % OPERATORS.length] + String.format(Locale.ROOT, "%07d", i / OPERATORS.length * 7 % 10_000_000));
                values.put("date_of_birth", LocalDate.of(1940, 1, 1).plusDays(random.nextInt(25_000)).toString());
                if (random.nextInt(10) < 3) {
                    String tags = TAGS[random.nextInt(TAGS.length)];
                    String second = TAGS[random.nextInt(TAGS.length)];
                    values.put("tags", tags.equalsIgnoreCase(second) ? tags : String.join("\n", new java.util.TreeSet<>(List.of(tags, second))));
                }
                int roll = random.nextInt(100);
                String status = roll < 70 ? "ACTIVE" : roll < 80 ? "PROSPECT" : roll < 92 ? "INACTIVE" : "CLOSED";
                long touched = now - (long) (random.nextDouble() * 5 * 365 * 86_400_000L);
                String reference = "C-2026-" + String.format(Locale.ROOT, "%07d", i + 1);

                client.setString(1, ids);
                client.setString(2, reference);
                client.setString(3, status);
                client.setLong(4, touched);
                client.setLong(5, touched);
                if (status.equals("CLOSED")) {
                    client.setLong(6, touched);
                } else {
                    client.setNull(6, java.sql.Types.BIGINT);
                }
                client.setLong(7, touched);
                client.addBatch();
                long t1 = System.nanoTime();
                for (Map.Entry<String, String> v : values.entrySet()) {
                    value.setString(1, ids);
                    value.setString(2, v.getKey());
                    value.setBytes(3, cipher.encrypt(id, v.getValue().getBytes(StandardCharsets.UTF_8),
                            new EncryptionContext(ClientStore.RECORD_TYPE, ids, v.getKey())));
                    value.setLong(4, touched);
                    value.addBatch();
                }
                long t2 = System.nanoTime();
                TIMES[1] += t2 - t1;
                Set<ClientIndexes.Entry> entries = indexes.entries(fields, values);
                TIMES[2] += System.nanoTime() - t2;
                for (ClientIndexes.Entry entry : entries) {
                    index.setString(1, entry.indexName());
                    index.setString(2, entry.token());
                    index.setString(3, ids);
                    index.addBatch();
                }
                UUID lead = staff.get(random.nextInt(PRACTITIONERS));
                Set<UUID> members = new java.util.LinkedHashSet<>(List.of(lead));
                if (random.nextBoolean()) {
                    members.add(staff.get(random.nextInt(PRACTITIONERS)));
                }
                if (random.nextInt(50) == 0) {
                    members.add(senior);
                }
                boolean first = true;
                for (UUID member : members) {
                    team.setString(1, ids);
                    team.setString(2, member.toString());
                    team.setString(3, first ? "LEAD" : "MEMBER");
                    team.setLong(4, touched);
                    team.addBatch();
                    first = false;
                }
                plain.setString(1, ids);
                plain.setString(2, reference);
                plain.setString(3, status);
                plain.setLong(4, touched);
                plain.setString(5, given);
                plain.setString(6, family);
                plain.setString(7, preferred);
                plain.setString(8, values.get("email"));
                plain.setString(9, values.get("phone"));
                plain.setString(10, values.get("date_of_birth"));
                plain.setString(11, values.get("tags"));
                plain.addBatch();
                Set<String> tokens = new java.util.LinkedHashSet<>();
                for (String name : new String[] {given, family, preferred}) {
                    if (name != null) {
                        tokens.addAll(PersonNames.tokens(name));
                    }
                }
                for (String token : tokens) {
                    plainName.setString(1, token);
                    plainName.setString(2, ids);
                    plainName.addBatch();
                }
            }
            long t3 = System.nanoTime();
            client.executeBatch();
            value.executeBatch();
            index.executeBatch();
            team.executeBatch();
            plain.executeBatch();
            plainName.executeBatch();
            TIMES[3] += System.nanoTime() - t3;
        }
    }

    /** Plaintext of a sample of clients, to search for. */
    record Sample(UUID id, String reference, String given, String family, String email, String phone, long touched) {
    }

    static List<Sample> sample(DataSource dataSource, int size) throws SQLException {
        List<Sample> out = new ArrayList<>();
        Map<Integer, Boolean> seen = new HashMap<>();
        Random random = new Random(99);
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT id, reference, given_name, family_name, email, phone, last_touched_at "
                     + "FROM bench_plain_client WHERE reference = ?")) {
            long clients = loaded(dataSource);
            while (out.size() < size) {
                int n = 1 + random.nextInt((int) clients);
                if (seen.put(n, true) != null) {
                    continue;
                }
                s.setString(1, "C-2026-" + String.format(Locale.ROOT, "%07d", n));
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        out.add(new Sample(UUID.fromString(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getLong(7)));
                    }
                }
            }
        }
        return out;
    }
}
