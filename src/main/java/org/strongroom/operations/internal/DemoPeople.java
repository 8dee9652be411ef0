package org.strongroom.operations.internal;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.strongroom.clients.ClientStatus;

/**
 * Fictitious people for demo data: Ukrainian names (written in Cyrillic, or in Latin as a
 * passport would spell them) and English names, mixed; email addresses only at
 * {@code example.org} and {@code example.com} (reserved for examples, RFC 2606); phone numbers in
 * {@code +380 50} and in Ofcom's range for drama, {@code +44 20 7946 0xxx}; addresses in made-up
 * streets. Any likeness to a real person is a combination of common names, nothing more. The same
 * seed gives the same people.
 */
final class DemoPeople {

    /** A name in its written form and its Latin spelling (for the email address). */
    record Name(String written, String latin) {
    }

    /** One demo client: status and raw values by catalogue key. */
    record DemoClient(ClientStatus status, Map<String, String> values) {
        @Override
        public String toString() {
            return "DemoClient[" + status + "]";
        }
    }

    static final List<Name> UKRAINIAN_GIVEN = names(
            "Олена:Olena", "Оксана:Oksana", "Ірина:Iryna", "Наталія:Nataliia", "Тетяна:Tetiana", "Юлія:Yuliia",
            "Марія:Mariia", "Софія:Sofiia", "Анна:Anna", "Катерина:Kateryna", "Андрій:Andrii", "Олександр:Oleksandr",
            "Дмитро:Dmytro", "Сергій:Serhii", "Іван:Ivan", "Тарас:Taras", "Богдан:Bohdan", "Максим:Maksym",
            "Микола:Mykola", "Василь:Vasyl", "Галина:Halyna", "Ярослав:Yaroslav", "Зоряна:Zoriana", "Остап:Ostap");
    static final List<Name> UKRAINIAN_FAMILY = names(
            "Коваленко:Kovalenko", "Шевчук:Shevchuk", "Бондаренко:Bondarenko", "Ткаченко:Tkachenko", "Кравчук:Kravchuk",
            "Мельник:Melnyk", "Поліщук:Polishchuk", "Савченко:Savchenko", "Руденко:Rudenko", "Марченко:Marchenko",
            "Лисенко:Lysenko", "Мороз:Moroz", "Олійник:Oliinyk", "Кузьменко:Kuzmenko", "Павленко:Pavlenko",
            "Гончаренко:Honcharenko", "Дорошенко:Doroshenko", "Яковенко:Yakovenko", "Литвиненко:Lytvynenko",
            "Остапчук:Ostapchuk", "Гаврилюк:Havryliuk", "Федорук:Fedoruk");
    static final List<Name> ENGLISH_GIVEN = names(
            "Emily", "Oliver", "Amelia", "Harry", "Grace", "Jack", "Sophie", "Thomas", "Chloe", "George", "Hannah",
            "William", "Lucy", "James", "Isla", "Samuel", "Ella", "Daniel", "Ruby", "Benjamin");
    static final List<Name> ENGLISH_FAMILY = names(
            "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright",
            "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke");

    static final List<String> TAGS = List.of("new", "evening", "online", "in person", "sliding scale", "couples", "family",
            "waiting list", "interpreter", "follow-up");
    static final List<String> REFERRALS = List.of("GP referral", "Website", "Friend or family", "Employer programme",
            "Insurance", "Returning client");
    private static final List<String> KYIV_STREETS = List.of("вул. Вигадана", "вул. Прикладна", "просп. Зразковий", "пров. Тестовий");
    private static final List<String> LONDON_STREETS = List.of("Example Street", "Sample Road", "Placeholder Lane", "Fictional Close");

    private final Random random;
    private final LocalDate today;
    private final Map<String, Integer> emailsTaken = new LinkedHashMap<>();

    DemoPeople(long seed, LocalDate today) {
        this.random = new Random(seed);
        this.today = today;
    }

    /** The next fictitious client. */
    DemoClient next() {
        boolean ukrainian = random.nextInt(100) < 60;
        // Some Ukrainian clients are on file with the Latin spelling of their name, as in a passport.
        boolean latin = ukrainian && random.nextInt(100) < 30;
        Name given = pick(ukrainian ? UKRAINIAN_GIVEN : ENGLISH_GIVEN);
        Name family = pick(ukrainian ? UKRAINIAN_FAMILY : ENGLISH_FAMILY);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("given_name", latin ? given.latin() : given.written());
        values.put("family_name", latin ? family.latin() : family.written());
        if (random.nextInt(100) < 8) {
            values.put("preferred_name", given.written().substring(0, Math.min(given.written().length(), 4)));
        }
        if (random.nextInt(100) < 85) {
            values.put("date_of_birth", today.minusYears(18 + random.nextInt(62)).minusDays(random.nextInt(365)).toString());
        }
        if (random.nextInt(100) < 80) {
            values.put("email", email(given, family));
        }
        if (random.nextInt(100) < 85) {
            values.put("phone", ukrainian ? String.format("+380 50 %03d %02d %02d", random.nextInt(1000), random.nextInt(100),
                    random.nextInt(100)) : String.format("+44 20 7946 0%03d", random.nextInt(1000)));
        }
        if (random.nextInt(100) < 40) {
            values.put("address", ukrainian ? pick(KYIV_STREETS) + ", " + (1 + random.nextInt(120)) + ", Київ"
                    : (1 + random.nextInt(120)) + " " + pick(LONDON_STREETS) + "\nLondon");
        }
        if (random.nextInt(100) < 25) {
            Name contact = pick(ukrainian ? UKRAINIAN_GIVEN : ENGLISH_GIVEN);
            values.put("emergency_contact", (latin ? contact.latin() : contact.written()) + " " + values.get("family_name")
                    + (ukrainian ? String.format(", +380 50 %03d %02d %02d", random.nextInt(1000), random.nextInt(100), random.nextInt(100))
                    : String.format(", +44 20 7946 0%03d", random.nextInt(1000))));
        }
        if (random.nextInt(100) < 10) {
            values.put("alerts", pick(List.of("Prefers afternoon appointments.", "Needs step-free access.",
                    "Interpreter needed for the first session.", "Allergic to latex (fictitious demo note).")));
        }
        int tags = random.nextInt(100) < 60 ? 1 + random.nextInt(3) : 0;
        if (tags > 0) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < tags; i++) {
                text.append(i == 0 ? "" : ", ").append(pick(TAGS));
            }
            values.put("tags", text.toString());
        }
        if (random.nextInt(100) < 70) {
            values.put("referral_source", pick(REFERRALS));
        }
        int roll = random.nextInt(100);
        ClientStatus status = roll < 70 ? ClientStatus.ACTIVE : roll < 82 ? ClientStatus.PROSPECT : roll < 92 ? ClientStatus.INACTIVE
                : ClientStatus.CLOSED;
        return new DemoClient(status, values);
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    private String email(Name given, Name family) {
        String local = (given.latin() + "." + family.latin()).toLowerCase(Locale.ROOT).replaceAll("[^a-z.]", "");
        int n = emailsTaken.merge(local, 1, Integer::sum);
        return local + (n == 1 ? "" : Integer.toString(n)) + (random.nextBoolean() ? "@example.org" : "@example.com");
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private static List<Name> names(String... pairs) {
        return java.util.Arrays.stream(pairs).map(p -> {
            int colon = p.indexOf(':');
            return colon < 0 ? new Name(p, p) : new Name(p.substring(0, colon), p.substring(colon + 1));
        }).toList();
    }
}
