package org.strongroom.access.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.strongroom.access.AccessGrant;
import org.strongroom.identity.StaffId;

class ClientAccessPagesTests {

    static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");

    @Test
    void dateTimeIsThatMomentInTheOrganisationsZone() {
        assertThat(ClientAccessPages.until("2026-12-01T17:30", KYIV).instant()).isEqualTo(Instant.parse("2026-12-01T15:30:00Z"));
        assertThat(ClientAccessPages.until("2026-07-01T09:00:15", KYIV).instant()).isEqualTo(Instant.parse("2026-07-01T06:00:15Z"));
    }

    @Test
    void bareDateMeansToTheEndOfThatDay() {
        assertThat(ClientAccessPages.until(" 2026-12-01 ", KYIV).instant()).isEqualTo(Instant.parse("2026-12-01T22:00:00Z"));
    }

    @Test
    void emptyAndMalformedEndsAreNamedProblems() {
        assertThat(ClientAccessPages.until("", KYIV).problem()).isEqualTo("accessclient.until.required");
        assertThat(ClientAccessPages.until(null, KYIV).problem()).isEqualTo("accessclient.until.required");
        for (String bad : new String[] {"2026-02-30", "2026-12-01T25:00", "tomorrow", "2026-12-01T17:30Z", "1767225600",
                "2026-12-01 17:30", "+2026-12-01"}) {
            ClientAccessPages.Until parsed = ClientAccessPages.until(bad, KYIV);
            assertThat(parsed.instant()).as(bad).isNull();
            assertThat(parsed.problem()).as(bad).isEqualTo("accessclient.until.invalid");
        }
    }

    @Test
    void statusFollowsRevocationAndEnd() {
        Instant now = Instant.parse("2026-11-30T10:00:00Z");
        assertThat(ClientAccessPages.status(grant(now.minusSeconds(60), now.plusSeconds(60), null), now)).isEqualTo("ACTIVE");
        assertThat(ClientAccessPages.status(grant(now.minusSeconds(60), now, null), now)).isEqualTo("ENDED");
        assertThat(ClientAccessPages.status(grant(now.minusSeconds(60), now.plusSeconds(60), now), now)).isEqualTo("REVOKED");
        assertThat(ClientAccessPages.status(grant(now.plusSeconds(60), now.plusSeconds(120), null), now)).isEqualTo("SCHEDULED");
    }

    @Test
    void onlyCanonicalIdsAreIds() {
        UUID id = UUID.randomUUID();
        assertThat(ClientAccessIds.uuid(id.toString())).contains(id);
        assertThat(ClientAccessIds.uuid(id.toString().toUpperCase())).contains(id);
        for (String bad : new String[] {"1-1-1-1-1", "", "not-a-uuid", id + " ", id.toString().replace("-", ""),
                "{" + id + "}", id.toString().substring(1) + "g"}) {
            assertThat(ClientAccessIds.uuid(bad)).as(bad).isEmpty();
        }
    }

    static AccessGrant grant(Instant from, Instant until, Instant revokedAt) {
        return new AccessGrant(UUID.randomUUID(), UUID.randomUUID(), StaffId.random(), AccessGrant.Kind.GRANT, from, until, from,
                null, revokedAt, null, null, null, null, null, null);
    }
}
