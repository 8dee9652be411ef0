package org.strongroom.audit.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.strongroom.audit.AuditQuery;
import org.strongroom.audit.Outcome;

/** The search form: each filter into the query, and every bad input as a problem at its field. */
class SearchFormTests {

    static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");

    static SearchForm form(String actor, String actorId, String client, String action, String from, String until,
                           String outcome, String before) {
        return new SearchForm(actor, actorId, client, action, from, until, outcome, before);
    }

    @Test
    void emptyFormFindsEverything() {
        SearchForm.Checked checked = SearchForm.empty().check(KYIV);
        assertThat(checked.valid()).isTrue();
        assertThat(checked.query()).isEqualTo(AuditQuery.all());
        assertThat(checked.before()).isNull();
    }

    @Test
    void daysAreWholeDaysInTheOrganisationsZone() {
        SearchForm.Checked checked = form("", "", "", "", "2026-03-01", "2026-03-01", "", "").check(KYIV);
        assertThat(checked.query().from()).isEqualTo(Instant.parse("2026-02-28T22:00:00Z"));
        assertThat(checked.query().until()).isEqualTo(Instant.parse("2026-03-01T22:00:00Z"));
    }

    @Test
    void eachFilterReachesTheQuery() {
        SearchForm.Checked checked = form("", " 7c1e0000-0000-4000-8000-000000000001 ", "client-a1", "identity.sign_in", "", "",
                "denied", "120").check(KYIV);
        assertThat(checked.valid()).isTrue();
        assertThat(checked.query().actorId()).isEqualTo("7c1e0000-0000-4000-8000-000000000001");
        assertThat(checked.query().clientId()).isEqualTo("client-a1");
        assertThat(checked.query().actionPrefix()).isEqualTo("identity.sign_in");
        assertThat(checked.query().outcome()).isEqualTo(Outcome.DENIED);
        assertThat(checked.before()).isEqualTo(120L);
    }

    @Test
    void sameIdInBothActorFieldsIsFine() {
        assertThat(form("abc", "abc", "", "", "", "", "", "").check(KYIV).valid()).isTrue();
    }

    @Test
    void badInputIsReportedAtItsField() {
        assertThat(form("a", "b", "", "", "", "", "", "").check(KYIV).problems()).containsEntry("actorId", "audit.error.actor.both");
        assertThat(form("", "", "", "Client Read", "", "", "", "").check(KYIV).problems()).containsEntry("action", "audit.error.action");
        assertThat(form("", "", "", "", "2026-13-45", "", "", "").check(KYIV).problems()).containsEntry("from", "audit.error.date");
        assertThat(form("", "", "", "", "", "31/03/2026", "", "").check(KYIV).problems()).containsEntry("until", "audit.error.date");
        assertThat(form("", "", "", "", "2026-02-30", "", "", "").check(KYIV).problems()).containsEntry("from", "audit.error.date");
        assertThat(form("", "", "", "", "2026-03-02", "2026-03-01", "", "").check(KYIV).problems()).containsEntry("until", "audit.error.period");
        assertThat(form("", "", "", "", "", "", "maybe", "").check(KYIV).problems()).containsEntry("outcome", "audit.error.outcome");
        assertThat(form("", "", "", "", "", "", "DENIED", "").check(KYIV).problems()).containsEntry("outcome", "audit.error.outcome");
        assertThat(form("", "", "", "", "", "", "", "-3").check(KYIV).problems()).containsEntry("form", "audit.error.before");
        assertThat(form("", "", "", "", "", "", "", "12x").check(KYIV).problems()).containsEntry("form", "audit.error.before");
        assertThat(form("", "", "x".repeat(400), "", "", "", "", "").check(KYIV).problems()).containsEntry("client", "audit.error.id.tooLong");
    }

    @Test
    void tooLongValuesAreNotEchoedInFull() {
        assertThat(form("", "", "x".repeat(100_000), "", "", "", "", "").client()).hasSizeLessThan(310);
    }

    @Test
    void linksCarryOnlyFilledFilters() {
        assertThat(form("", "", "client-a1", "", "2026-03-01", "", "", "").parameters())
                .containsOnlyKeys("client", "from");
    }
}
