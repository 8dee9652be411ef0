package org.strongroom.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.strongroom.access.AccessGrant;
import org.strongroom.access.AccessGrants;
import org.strongroom.access.AccessResult;
import org.strongroom.access.Actor;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffRole;
import org.strongroom.identity.StaffStatus;
import org.strongroom.identity.internal.Accounts;
import org.strongroom.testing.MutableClock;
import org.strongroom.testing.TestFolders;

/**
 * The master index ({@link ClientDirectory}) against a real database (SQLite here, PostgreSQL in the
 * subclass), over 300 fictitious clients made through {@link Clients#create}: Ukrainian names in
 * Cyrillic, emails, phones, birth dates, tags, statuses, three people's care teams and grants.
 * Every expected answer is computed here from the generated plaintext (the Latin spellings are
 * written out by hand, not produced by the code under test) and compared as a set.
 */
@Import(ClientDirectoryIntegrationTests.Clocks.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "strongroom.data-dir=target/test-data/client-directory", "strongroom.audit.checkpoint-poll=1h",
        "strongroom.audit.verify-schedule=-", "strongroom.clients.phone-region=UA",
        // small, so that both plans are tested: the practitioner's caseload (~60) is walked along the listing index,
        // the colleague's (~30) fetched and sorted; common tags are probed, the absent one fetched
        "strongroom.clients.list.caseload-sort-limit=40", "strongroom.clients.list.tag-sort-limit=20"})
class ClientDirectoryIntegrationTests {

    static {
        TestFolders.fresh("client-directory");
    }

    /** Given names: Cyrillic, and the passport (KMU 2010) spelling. */
    static final String[][] GIVEN = {
            {"Олена", "Olena"}, {"Оксана", "Oksana"}, {"Ольга", "Olha"}, {"Олександр", "Oleksandr"}, {"Олег", "Oleh"},
            {"Андрій", "Andrii"}, {"Богдан", "Bohdan"}, {"Галина", "Halyna"}, {"Дмитро", "Dmytro"}, {"Євген", "Yevhen"},
            {"Ірина", "Iryna"}, {"Юлія", "Yuliia"}, {"Ярослав", "Yaroslav"}, {"Тарас", "Taras"}, {"Наталія", "Nataliia"},
            {"Віктор", "Viktor"}, {"Катерина", "Kateryna"}, {"Марія", "Mariia"}, {"Сергій", "Serhii"}, {"Юрій", "Yurii"}};
    static final String[][] FAMILY = {
            {"Коваленко", "Kovalenko"}, {"Ковальчук", "Kovalchuk"}, {"Шевченко", "Shevchenko"}, {"Бондаренко", "Bondarenko"},
            {"Ткаченко", "Tkachenko"}, {"Кравченко", "Kravchenko"}, {"Олійник", "Oliinyk"}, {"Шевчук", "Shevchuk"},
            {"Мельник", "Melnyk"}, {"Поліщук", "Polishchuk"}, {"Лисенко", "Lysenko"}, {"Руденко", "Rudenko"},
            {"Савченко", "Savchenko"}, {"Щербак", "Shcherbak"}, {"Зозуля", "Zozulia"}, {"Гнатюк", "Hnatiuk"},
            {"Жук", "Zhuk"}, {"Яковенко", "Yakovenko"}, {"Юрченко", "Yurchenko"}, {"Цибульський", "Tsybulskyi"},
            {"Згурський", "Zghurskyi"}, {"Петренко-Ткач", "Petrenko-Tkach"}};
    static final String[][] PREFERRED = {{"Оля", "Olia"}, {"Юра", "Yura"}, {"Сашко", "Sashko"}, {"Катя", "Katia"}};
    static final String[] TAGS = {"Family", "Couples", "Sliding scale", "Нова група"};
    static final String[] OPERATORS = {"50", "66", "67", "68", "97", "98", "63", "73", "93"};
    static final int CLIENTS = 300;

    @Autowired
    ClientDirectory directory;
    @Autowired
    Clients clients;
    @Autowired
    AccessGrants grants;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;

    Actor administrator;
    Actor practitioner;
    Actor colleague;
    Actor auditor;
    final List<Generated> all = new ArrayList<>();
    /** The practitioner's reach: their own clients and one live grant (not the expired one). */
    final Set<UUID> practitionerSees = new HashSet<>();
    UUID merged;

    /** One generated client, as the test knows it in plaintext. */
    record Generated(UUID id, String reference, ClientStatus status, String givenCyrillic, String givenLatin,
                     String familyCyrillic, String familyLatin, String preferredCyrillic, String preferredLatin,
                     String email, String phoneDigits, LocalDate birth, Set<String> tags, Actor creator, Instant touched) {

        List<String> latinParts() {
            List<String> parts = new ArrayList<>();
            for (String name : new String[] {givenLatin, familyLatin, preferredLatin}) {
                if (name != null) {
                    for (String part : name.toLowerCase(Locale.ROOT).split("-")) {
                        parts.add(part);
                    }
                }
            }
            return parts;
        }

        List<String> cyrillicParts() {
            List<String> parts = new ArrayList<>();
            for (String name : new String[] {givenCyrillic, familyCyrillic, preferredCyrillic}) {
                if (name != null) {
                    for (String part : name.toLowerCase(Locale.ROOT).split("-")) {
                        parts.add(part);
                    }
                }
            }
            return parts;
        }
    }

    @BeforeAll
    void generate() {
        jdbc.sql("DELETE FROM staff_member").update();
        administrator = person(StaffRole.ADMINISTRATOR, "adam.admin");
        practitioner = person(StaffRole.PRACTITIONER, "pavlo.practitioner");
        colleague = person(StaffRole.PRACTITIONER, "kateryna.colleague");
        auditor = person(StaffRole.AUDITOR, "anna.auditor");
        Random random = new Random(20261130);
        for (int i = 0; i < CLIENTS; i++) {
            String[] given = GIVEN[random.nextInt(GIVEN.length)];
            String[] family = FAMILY[random.nextInt(FAMILY.length)];
            String[] preferred = i % 9 == 0 ? PREFERRED[random.nextInt(PREFERRED.length)] : new String[] {null, null};
            // some clients share a phone, an email or a birth date (families, typos) so that a lookup finds several
            int phoneNumber = i % 37 == 5 ? 1234567 : 1000000 + random.nextInt(8999999);
            String operator = i % 37 == 5 ? "50" : OPERATORS[random.nextInt(OPERATORS.length)];
            String phone = "380" + operator + phoneNumber;
            String email = (i % 41 == 3 ? "shared.family" : given[1] + "." + family[1] + "." + i).toLowerCase(Locale.ROOT)
                    .replace("-", "") + "@example.org";
            LocalDate birth = LocalDate.of(1950 + random.nextInt(50), 1 + random.nextInt(12), 1 + random.nextInt(28));
            if (i % 23 == 0) {
                birth = LocalDate.of(1990, 5, 21);
            }
            Set<String> tags = new LinkedHashSet<>();
            for (int t = 0; t < random.nextInt(3); t++) {
                tags.add(TAGS[random.nextInt(TAGS.length)]);
            }
            ClientStatus status = ClientStatus.CHOOSABLE.get(i % 7 == 0 ? 0 : i % 11 == 0 ? 2 : i % 13 == 0 ? 3 : 1);
            Actor creator = i % 10 < 2 ? practitioner : i % 10 == 2 ? colleague : administrator;

            Map<String, String> values = new HashMap<>();
            values.put("given_name", given[0]);
            values.put("family_name", family[0]);
            if (preferred[0] != null) {
                values.put("preferred_name", preferred[0]);
            }
            values.put("email", i % 2 == 0 ? email : email.toUpperCase(Locale.ROOT));
            values.put("phone", formatPhone(operator, phoneNumber, i));
            values.put("date_of_birth", birth.toString());
            if (!tags.isEmpty()) {
                values.put("tags", String.join(", ", tags));
            }
            ClientResult<ClientProfile> result = clients.create(creator, new NewClient(status, values, true));
            assertThat(result).as("client %d", i).isInstanceOf(ClientResult.Done.class);
            ClientProfile profile = ((ClientResult.Done<ClientProfile>) result).value();
            all.add(new Generated(profile.id(), profile.reference(), status, given[0], given[1], family[0], family[1],
                    preferred[0], preferred[1], email, phone, birth, tags, creator, profile.lastTouchedAt()));
            if (creator == practitioner) {
                practitionerSees.add(profile.id());
            }
            // every other client at the same instant, so ties on last_touched_at are paged by id
            if (i % 2 == 1) {
                clock.advance(Duration.ofSeconds(1));
            }
        }
        // one live grant and one that expires before the tests look
        UUID granted = all.get(3).id();
        UUID lapsed = all.get(4).id();
        assertThat(grants.grant(administrator, granted, id(practitioner), clock.instant().plus(Duration.ofDays(10)), null))
                .isInstanceOf(AccessResult.Done.class);
        AccessResult<AccessGrant> shortGrant = grants.grant(administrator, lapsed, id(practitioner),
                clock.instant().plus(Duration.ofDays(1)), null);
        assertThat(shortGrant).isInstanceOf(AccessResult.Done.class);
        practitionerSees.add(granted);
        clock.advance(Duration.ofDays(2));
        // a merged record (kept for unmerge) is never listed nor found
        merged = all.get(10).id();
        jdbc.sql("UPDATE client SET status = 'MERGED' WHERE id = ?").param(merged.toString()).update();
        practitionerSees.remove(merged);
    }

    /** Phones as people type them. */
    static String formatPhone(String operator, int number, int i) {
        String digits = Integer.toString(number);
        return switch (i % 5) {
            case 0 -> "+380 " + operator + " " + digits.substring(0, 3) + " " + digits.substring(3, 5) + " " + digits.substring(5);
            case 1 -> "0" + operator + "-" + digits.substring(0, 3) + "-" + digits.substring(3);
            case 2 -> "(0" + operator + ") " + digits;
            case 3 -> "+380" + operator + digits;
            default -> "0" + operator + digits;
        };
    }

    Actor person(StaffRole role, String handle) {
        StaffId id = StaffId.random();
        accounts.insert(id, handle + "." + id.toString().substring(0, 8) + "@example.org", handle.replace('.', ' '), null, role,
                StaffStatus.ACTIVE, clock.instant());
        return new Actor.Staff(id, role);
    }

    static StaffId id(Actor actor) {
        return ((Actor.Staff) actor).staffId();
    }

    List<Generated> visibleTo(Actor actor) {
        return all.stream().filter(g -> !g.id().equals(merged))
                .filter(g -> actor != practitioner || practitionerSees.contains(g.id()))
                .filter(g -> actor != colleague || g.creator() == colleague).toList();
    }

    // ------------------------------------------------------------------ oracle

    /** How a query word matches a client: 2 whole part, 1 prefix of a part (3+ letters), 0 not at all. */
    static int latinMatch(String word, List<String> parts) {
        if (parts.contains(word)) {
            return 2;
        }
        return word.length() >= 3 && parts.stream().anyMatch(p -> p.startsWith(word)) ? 1 : 0;
    }

    /** The clients expected for a query of Latin words (lower case, no accents); whole matches first. */
    Expected expectLatin(Actor actor, List<String> words) {
        return expect(actor, g -> words.stream().allMatch(w -> latinMatch(w, g.latinParts()) > 0),
                g -> words.stream().allMatch(w -> latinMatch(w, g.latinParts()) == 2));
    }

    Expected expectCyrillicPrefix(Actor actor, String prefix) {
        String p = prefix.toLowerCase(Locale.ROOT);
        return expect(actor, g -> g.cyrillicParts().stream().anyMatch(part -> part.startsWith(p)),
                g -> g.cyrillicParts().contains(p));
    }

    Expected expect(Actor actor, Predicate<Generated> matches, Predicate<Generated> whole) {
        Set<UUID> wholeIds = new HashSet<>();
        Set<UUID> ids = new HashSet<>();
        for (Generated g : visibleTo(actor)) {
            if (matches.test(g)) {
                ids.add(g.id());
                if (whole.test(g)) {
                    wholeIds.add(g.id());
                }
            }
        }
        return new Expected(ids, wholeIds);
    }

    record Expected(Set<UUID> ids, Set<UUID> whole) {
    }

    void assertFinds(Actor actor, String text, Expected expected) {
        List<ClientSummary> found = directory.search(actor, text, 50);
        List<UUID> ids = found.stream().map(ClientSummary::id).toList();
        assertThat(ids).as("no duplicates for %s", text).doesNotHaveDuplicates();
        if (expected.whole().size() >= 50) {
            assertThat(expected.whole()).as("whole matches first for %s", text).containsAll(ids);
        } else {
            assertThat(ids).as("every whole match for %s", text).containsAll(expected.whole());
        }
        if (expected.ids().size() <= 50) {
            assertThat(Set.copyOf(ids)).as("results for %s", text).isEqualTo(expected.ids());
        } else {
            assertThat(ids).as("results for %s", text).hasSize(50);
            assertThat(expected.ids()).as("results for %s", text).containsAll(ids);
        }
        // whole-part matches rank before prefix matches
        int firstPrefix = ids.size();
        for (int i = 0; i < ids.size(); i++) {
            if (!expected.whole().contains(ids.get(i))) {
                firstPrefix = Math.min(firstPrefix, i);
            } else {
                assertThat(i).as("whole match %s after a prefix match for %s", ids.get(i), text).isLessThan(firstPrefix + 1);
            }
        }
        assertThat(found).allSatisfy(s -> assertThat(s.status()).isNotEqualTo(ClientStatus.MERGED));
    }

    /** The name with an acute accent on its first vowel (composed, as a keyboard would type it). */
    static String accented(String latin) {
        int vowel = firstVowel(latin);
        String marked = vowel < 0 ? latin : latin.substring(0, vowel + 1) + "\u0301" + latin.substring(vowel + 1);
        return Normalizer.normalize(marked, Normalizer.Form.NFC);
    }

    static int firstVowel(String latin) {
        for (int i = 0; i < latin.length(); i++) {
            if ("aeiouAEIOU".indexOf(latin.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    static String mixedCase(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(i % 2 == 0 ? Character.toUpperCase(c) : Character.toLowerCase(c));
        }
        return out.toString();
    }

    static List<String> words(String latin) {
        List<String> out = new ArrayList<>();
        for (String w : latin.toLowerCase(Locale.ROOT).split("[ \\-]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ search

    @Test
    void findsEveryClientByNameInEverySpellingAndOrderWithFullPrecisionAndRecall() {
        int queries = 0;
        for (Actor actor : List.of(administrator, practitioner)) {
            for (Generated g : visibleTo(actor)) {
                if (actor == administrator && all.indexOf(g) % 3 != 0) {
                    continue; // a third of the clients for the administrator keeps the test quick; all of the practitioner's
                }
                String latin = g.givenLatin() + " " + g.familyLatin();
                List<String> both = words(latin);
                assertFinds(actor, latin, expectLatin(actor, both));
                assertFinds(actor, g.familyCyrillic() + " " + g.givenCyrillic(), expectLatin(actor, both));
                assertFinds(actor, mixedCase(g.familyLatin() + "  " + g.givenLatin()), expectLatin(actor, both));
                assertFinds(actor, accented(g.givenLatin()) + " " + accented(g.familyLatin()), expectLatin(actor, both));
                String givenPrefix = g.givenLatin().substring(0, Math.min(g.givenLatin().length(), 3 + all.indexOf(g) % 3));
                String familyPrefix = g.familyLatin().substring(0, 4);
                assertFinds(actor, familyPrefix + " " + givenPrefix,
                        expectLatin(actor, List.of(familyPrefix.toLowerCase(Locale.ROOT), givenPrefix.toLowerCase(Locale.ROOT))));
                assertFinds(actor, g.familyLatin().toUpperCase(Locale.ROOT), expectLatin(actor, words(g.familyLatin())));
                String cyrillic = g.familyCyrillic().substring(0, Math.min(4, g.familyCyrillic().length()));
                assertFinds(actor, cyrillic, expectCyrillicPrefix(actor, cyrillic));
                if (g.preferredLatin() != null) {
                    assertFinds(actor, g.preferredCyrillic() + " " + g.familyLatin(),
                            expectLatin(actor, List.of(g.preferredLatin().toLowerCase(Locale.ROOT), g.familyLatin().toLowerCase(Locale.ROOT)
                                    .split("-")[0])));
                }
                queries += 7;
            }
        }
        assertThat(queries).isGreaterThan(300);
    }

    @Test
    void findsByEmailInAnyCasePhoneInAnyFormattingReferenceAndBirthDateInThreeFormats() {
        for (Actor actor : List.of(administrator, practitioner)) {
            List<Generated> visible = visibleTo(actor);
            for (Generated g : visible) {
                if (actor == administrator && all.indexOf(g) % 6 != 0) {
                    continue; // a sixth of the clients for the administrator keeps the test quick; all of the practitioner's
                }
                Set<UUID> sameEmail = ids(visible, o -> o.email().equals(g.email()));
                assertThat(foundIds(actor, g.email().toUpperCase(Locale.ROOT))).isEqualTo(sameEmail);
                assertThat(foundIds(actor, "  " + mixedCase(g.email()) + " ")).isEqualTo(sameEmail);

                Set<UUID> samePhone = ids(visible, o -> o.phoneDigits().equals(g.phoneDigits()));
                String national = "0" + g.phoneDigits().substring(3);
                String op = national.substring(0, 3);
                String rest = national.substring(3);
                List<String> formats = List.of("+" + g.phoneDigits(), "+380 " + op.substring(1) + " " + rest.substring(0, 3) + " "
                                + rest.substring(3, 5) + " " + rest.substring(5), op + "-" + rest.substring(0, 3) + "-" + rest.substring(3),
                        "(" + op + ") " + rest, national, "00" + g.phoneDigits(), "+38 (" + op + ") " + rest.substring(0, 3) + "-"
                                + rest.substring(3, 5) + "-" + rest.substring(5));
                // three of the seven ways of typing per client, every way over the clients
                for (int f = 0; f < 3; f++) {
                    String typed = formats.get((all.indexOf(g) + f * 3) % formats.size());
                    assertThat(foundIds(actor, typed)).as("phone typed as %s", typed).isEqualTo(samePhone);
                }

                assertThat(foundIds(actor, g.reference().toLowerCase(Locale.ROOT))).containsExactly(g.id());
                assertThat(foundIds(actor, g.reference())).containsExactly(g.id());

                Set<UUID> sameBirth = ids(visible, o -> o.birth().equals(g.birth()));
                LocalDate b = g.birth();
                for (String typed : List.of(b.toString(), String.format("%02d.%02d.%d", b.getDayOfMonth(), b.getMonthValue(), b.getYear()),
                        String.format("%02d/%02d/%d", b.getDayOfMonth(), b.getMonthValue(), b.getYear()),
                        String.format("%d.%d.%d", b.getDayOfMonth(), b.getMonthValue(), b.getYear()))) {
                    assertThat(foundIds(actor, typed)).as("birth date typed as %s", typed).isEqualTo(sameBirth);
                }
            }
        }
        assertThat(foundIds(administrator, "21.05.1990")).hasSizeGreaterThan(3);
        assertThat(foundIds(administrator, "shared.family@EXAMPLE.org")).hasSizeGreaterThan(3);
    }

    Set<UUID> foundIds(Actor actor, String text) {
        return directory.search(actor, text, 50).stream().map(ClientSummary::id).collect(Collectors.toSet());
    }

    static Set<UUID> ids(List<Generated> among, Predicate<Generated> test) {
        return among.stream().filter(test).map(Generated::id).collect(Collectors.toSet());
    }

    /**
     * Scope leak: a practitioner searching for names, emails, phones and references of clients out
     * of their reach (another practitioner's, an expired grant's, the organisation's) finds nothing
     * of them — not even a count — while the administrator finds them.
     */
    @Test
    void aPractitionerNeverFindsAClientOutOfReachNorOneWhoseGrantExpired() {
        Generated expired = all.get(4);
        assertThat(practitionerSees).doesNotContain(expired.id());
        for (Generated g : all) {
            if (practitionerSees.contains(g.id())) {
                continue;
            }
            for (String text : List.of(g.reference(), g.email(), "+" + g.phoneDigits(), g.givenLatin() + " " + g.familyLatin())) {
                assertThat(foundIds(practitioner, text)).as("%s", text).doesNotContain(g.id()).isSubsetOf(practitionerSees);
            }
        }
        assertThat(foundIds(administrator, expired.reference())).containsExactly(expired.id());
        assertThat(foundIds(administrator, all.get(10).reference())).as("merged").isEmpty();
        assertThat(directory.search(auditor, all.get(0).reference(), 10)).isEmpty();
    }

    /** Hostile input: over-long text, control characters, SQL and LIKE syntax, punctuation only — an answer, never an error. */
    @Test
    void hostileOrEmptyTextFindsNothingAndNeverFails() {
        Generated g = all.get(0);
        for (String text : List.of("", "   ", "a", "Щ.", "!!!---???", "%", "_", "%%%%", "' OR 1=1 --", "'; DROP TABLE client; --",
                "\" OR \"\"=\"", "x".repeat(201), (g.givenLatin() + " ").repeat(40), "\u0000\u0007\u001b", "@", "a@", "@@@@",
                "99.99.9999", "31.02.1990", "+", "+380", "((((((((", "\uD800", "\u202E\u2066", "é".repeat(150),
                "a b c d e f g h i j", "ab ab ab ab ab ab ab ab ab ab")) {
            assertThat(directory.search(administrator, text, 50)).as("%s", text.length() > 40 ? text.substring(0, 40) : text)
                    .allSatisfy(s -> assertThat(s.status()).isNotEqualTo(ClientStatus.MERGED));
        }
        assertThat(directory.search(administrator, "x".repeat(201), 50)).isEmpty();
        assertThat(directory.search(administrator, "' OR 1=1 --", 50)).isEmpty();
        assertThat(directory.search(administrator, "%", 50)).isEmpty();
        assertThat(foundIds(administrator, "\u0000" + g.givenLatin() + "\u0007\t" + g.familyLatin() + "\u2028"))
                .isEqualTo(foundIds(administrator, g.givenLatin() + " " + g.familyLatin()))
                .contains(g.id());
        assertThatThrownBy(() -> directory.search(administrator, "Olena", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> directory.search(administrator, "Olena", 51)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recordsEachSearchWithItsKindButNeverItsText() {
        Generated g = all.get(1);
        long before = auditCount("clients.searched");
        directory.search(administrator, g.familyLatin(), 10);
        directory.search(administrator, g.email(), 10);
        assertThat(auditCount("clients.searched")).isEqualTo(before + 2);
        List<Map<String, Object>> last = jdbc.sql("SELECT seq, occurred_at, actor_type, actor_id, action, resource_type, resource_id, client_id, outcome, reason, "
                + "source_address, user_agent_hash, request_id, mac FROM audit_entry ORDER BY seq DESC LIMIT 2").query().listOfRows();
        assertThat(last).extracting(r -> r.get("action")).containsOnly("clients.searched");
        assertThat(last).extracting(r -> r.get("resource_id")).containsExactly("email", "name");
        for (Map<String, Object> row : last) {
            for (Object value : row.values()) {
                String text = value instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)
                        : String.valueOf(value);
                assertThat(text.toLowerCase(Locale.ROOT)).doesNotContain(g.familyLatin().toLowerCase(Locale.ROOT))
                        .doesNotContain(g.email());
            }
        }
    }

    long auditCount(String action) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = ?").param(action).query(Long.class).single();
    }

    // -------------------------------------------------------------------- list

    static final Comparator<Generated> NEWEST_FIRST = Comparator.comparing(Generated::touched).reversed()
            .thenComparing(g -> g.id().toString(), Comparator.reverseOrder());

    List<UUID> walk(Actor actor, ClientQuery first) {
        List<UUID> seen = new ArrayList<>();
        ClientPage page = directory.list(actor, first);
        while (true) {
            page.clients().forEach(c -> seen.add(c.id()));
            if (page.nextCursor() == null) {
                return seen;
            }
            assertThat(page.clients()).hasSize(first.limit());
            page = directory.list(actor, withCursor(first, page.nextCursor()));
        }
    }

    static ClientQuery withCursor(ClientQuery q, String cursor) {
        return new ClientQuery(q.statuses(), q.tag(), q.careTeam(), q.touchedAfter(), q.touchedBefore(), cursor, q.limit());
    }

    @Test
    void walkingEveryPageYieldsEveryVisibleClientOnceMostRecentlyTouchedFirst() {
        for (Actor actor : List.of(administrator, practitioner, colleague)) {
            List<UUID> expected = visibleTo(actor).stream().sorted(NEWEST_FIRST).map(Generated::id).toList();
            for (int limit : List.of(1, 7, 50, 200)) {
                if (limit == 1 && actor == administrator) {
                    continue;
                }
                assertThat(walk(actor, ClientQuery.firstPage(limit))).as("%s, pages of %d", actor.roleKey(), limit)
                        .containsExactlyElementsOf(expected);
            }
        }
        assertThat(walk(auditor, ClientQuery.firstPage(10))).isEmpty();
    }

    @Test
    void givesTheTotalOnTheFirstPageOfAnUnfilteredListFromTheCaseloadForCareTeamRoles() {
        assertThat(directory.list(administrator, ClientQuery.firstPage(5)).total()).isEqualTo((long) visibleTo(administrator).size());
        assertThat(directory.list(practitioner, ClientQuery.firstPage(5)).total()).isEqualTo((long) practitionerSees.size());
        assertThat(directory.list(colleague, ClientQuery.firstPage(5)).total()).isEqualTo((long) visibleTo(colleague).size());
        ClientQuery notActive = new ClientQuery(Set.of(ClientStatus.PROSPECT, ClientStatus.CLOSED), null, null, null, null, null, 5);
        assertThat(directory.list(administrator, notActive).total()).isEqualTo(visibleTo(administrator).stream()
                .filter(g -> notActive.statuses().contains(g.status())).count());
        ClientQuery active = new ClientQuery(Set.of(ClientStatus.ACTIVE), null, null, null, null, null, 5);
        assertThat(directory.list(administrator, active).total())
                .isEqualTo(visibleTo(administrator).stream().filter(g -> g.status() == ClientStatus.ACTIVE).count());
        assertThat(directory.list(practitioner, active).total())
                .isEqualTo(visibleTo(practitioner).stream().filter(g -> g.status() == ClientStatus.ACTIVE).count());
        ClientQuery tagged = new ClientQuery(Set.of(), "family", null, null, null, null, 5);
        assertThat(directory.list(administrator, tagged).total()).isNull();
        assertThat(directory.list(auditor, ClientQuery.firstPage(5)).total()).isZero();
    }

    @Test
    void filtersByStatusTagCareTeamAndLastTouchedWithEveryPage() {
        List<Generated> visible = visibleTo(administrator);
        for (Set<ClientStatus> statuses : List.of(Set.of(ClientStatus.ACTIVE), Set.of(ClientStatus.PROSPECT, ClientStatus.CLOSED),
                Set.of(ClientStatus.INACTIVE, ClientStatus.ACTIVE, ClientStatus.CLOSED), EnumSet.copyOf(ClientStatus.CHOOSABLE))) {
            assertThat(walk(administrator, new ClientQuery(statuses, null, null, null, null, null, 9))).as("%s", statuses)
                    .containsExactlyElementsOf(visible.stream().filter(g -> statuses.contains(g.status())).sorted(NEWEST_FIRST)
                            .map(Generated::id).toList());
        }
        for (String tag : List.of("FAMILY", "sliding  Scale", "нова ГРУПА", "couples", "nobody-has-this")) {
            String wanted = tag.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
            for (Actor actor : List.of(administrator, practitioner, colleague)) {
                assertThat(walk(actor, new ClientQuery(Set.of(), tag, null, null, null, null, 4))).as("%s", tag)
                        .containsExactlyElementsOf(visibleTo(actor).stream()
                                .filter(g -> g.tags().stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).equals(wanted)))
                                .sorted(NEWEST_FIRST).map(Generated::id).toList());
            }
        }
        assertThat(walk(administrator, new ClientQuery(Set.of(), null, id(colleague), null, null, null, 8)))
                .containsExactlyElementsOf(visible.stream().filter(g -> g.creator() == colleague).sorted(NEWEST_FIRST)
                        .map(Generated::id).toList());
        assertThat(walk(practitioner, new ClientQuery(Set.of(), null, id(colleague), null, null, null, 8))).as("not in reach").isEmpty();
        Instant from = all.get(100).touched();
        Instant to = all.get(200).touched();
        assertThat(walk(administrator, new ClientQuery(Set.of(ClientStatus.ACTIVE), "family", null, from, to, null, 3)))
                .containsExactlyElementsOf(visible.stream().filter(g -> g.status() == ClientStatus.ACTIVE)
                        .filter(g -> g.tags().contains("Family"))
                        .filter(g -> !g.touched().isBefore(from) && g.touched().isBefore(to))
                        .sorted(NEWEST_FIRST).map(Generated::id).toList());
        assertThatThrownBy(() -> directory.list(administrator, new ClientQuery(Set.of(ClientStatus.MERGED), null, null, null, null, null, 5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> directory.list(administrator, ClientQuery.firstPage(0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> directory.list(administrator, ClientQuery.firstPage(201))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void clientsCreatedWhilePagingAreNotRepeatedAndNoneIsSkipped() {
        List<UUID> expected = visibleTo(administrator).stream().sorted(NEWEST_FIRST).map(Generated::id).toList();
        ClientQuery first = ClientQuery.firstPage(25);
        List<UUID> seen = new ArrayList<>();
        ClientPage page = directory.list(administrator, first);
        int pages = 0;
        while (true) {
            page.clients().forEach(c -> seen.add(c.id()));
            if (page.nextCursor() == null) {
                break;
            }
            if (++pages % 3 == 0) {
                // someone else creates a client between two page loads: it is the newest, so it sorts before the cursor
                clients.create(administrator, new NewClient(ClientStatus.ACTIVE, Map.of("given_name", "Тимур", "family_name",
                        "Новенький"), true));
            }
            page = directory.list(administrator, withCursor(first, page.nextCursor()));
        }
        assertThat(seen).doesNotHaveDuplicates().containsExactlyElementsOf(expected);
        jdbc.sql("DELETE FROM client WHERE id NOT IN (" + all.stream().map(g -> "'" + g.id() + "'")
                .collect(Collectors.joining(", ")) + ")").update();
    }

    /** Tampering: a cursor altered, cut, made up, or taken from another list or another person is refused with a clear message. */
    @Test
    void refusesACursorThatWasAlteredMadeUpOrTakenFromAnotherList() {
        ClientPage page = directory.list(administrator, ClientQuery.firstPage(5));
        String cursor = page.nextCursor();
        assertThat(cursor).isNotNull();
        char flipped = cursor.charAt(10) == 'A' ? 'B' : 'A';
        List<String> bad = List.of("garbage", "", "%%%", cursor.substring(0, cursor.length() - 2), cursor + "AA",
                cursor.substring(0, 10) + flipped + cursor.substring(11), "x".repeat(5000), "AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        for (String text : bad) {
            if (text.isEmpty()) {
                continue; // an empty cursor is the first page
            }
            assertThatThrownBy(() -> directory.list(administrator, withCursor(ClientQuery.firstPage(5), text)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cursor");
        }
        ClientQuery other = new ClientQuery(Set.of(ClientStatus.ACTIVE), null, null, null, null, cursor, 5);
        assertThatThrownBy(() -> directory.list(administrator, other)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> directory.list(practitioner, withCursor(ClientQuery.firstPage(5), cursor)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(directory.list(administrator, withCursor(ClientQuery.firstPage(5), cursor)).clients()).hasSize(5);
    }

    @Test
    void recordsOneEntryPerList() {
        long before = auditCount("clients.listed");
        directory.list(administrator, ClientQuery.firstPage(5));
        directory.list(practitioner, ClientQuery.firstPage(5));
        assertThat(auditCount("clients.listed")).isEqualTo(before + 2);
    }

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock movableClock() {
            return new MutableClock(Instant.parse("2026-11-30T09:00:00Z"));
        }
    }
}
