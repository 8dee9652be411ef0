package org.strongroom.operations.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.strongroom.clients.ClientStatus;
import org.strongroom.crypto.Phones;

/** The fictitious people of the demo data: only reserved addresses and fictitious numbers, both scripts, repeatable. */
class DemoPeopleTests {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 30);

    @Test
    void makesOnlyReservedEmailsAndValidFictitiousPhonesInBothScripts() {
        DemoPeople people = new DemoPeople(7, TODAY);
        List<Map<String, String>> made = new ArrayList<>();
        List<ClientStatus> statuses = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            DemoPeople.DemoClient client = people.next();
            made.add(client.values());
            statuses.add(client.status());
        }
        for (Map<String, String> values : made) {
            assertThat(values.get("given_name")).isNotBlank();
            assertThat(values.get("family_name")).isNotBlank();
            String email = values.get("email");
            if (email != null) {
                assertThat(email).matches("[a-z.]+[0-9]*@example\\.(org|com)");
            }
            String phone = values.get("phone");
            if (phone != null) {
                String e164 = Phones.toE164(phone, "UA").orElseThrow(() -> new AssertionError("not a valid number: " + phone));
                assertThat(e164).matches("\\+38050\\d{7}|\\+4420794600\\d\\d|\\+442079460\\d{3}");
            }
            String born = values.get("date_of_birth");
            if (born != null) {
                assertThat(LocalDate.parse(born)).isBefore(TODAY.minusYears(17)).isAfter(LocalDate.of(1900, 1, 1));
            }
        }
        assertThat(made).anyMatch(v -> v.get("family_name").matches("\\p{IsCyrillic}+"))
                .anyMatch(v -> v.get("family_name").matches("[A-Za-z]+") && DemoPeople.UKRAINIAN_FAMILY.stream()
                        .anyMatch(n -> n.latin().equals(v.get("family_name"))))
                .anyMatch(v -> DemoPeople.ENGLISH_FAMILY.stream().anyMatch(n -> n.written().equals(v.get("family_name"))));
        assertThat(made.stream().map(v -> v.get("email")).filter(e -> e != null).distinct().count())
                .isEqualTo(made.stream().map(v -> v.get("email")).filter(e -> e != null).count());
        assertThat(statuses).contains(ClientStatus.ACTIVE, ClientStatus.PROSPECT, ClientStatus.INACTIVE, ClientStatus.CLOSED);
    }

    @Test
    void theSameSeedGivesTheSamePeople() {
        DemoPeople a = new DemoPeople(42, TODAY);
        DemoPeople b = new DemoPeople(42, TODAY);
        for (int i = 0; i < 50; i++) {
            assertThat(a.next().values()).isEqualTo(b.next().values());
        }
    }
}
