package org.strongroom.clients.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.strongroom.access.Actor;
import org.strongroom.clients.ClientResult;
import org.strongroom.clients.ClientStatus;
import org.strongroom.clients.Clients;
import org.strongroom.clients.NewClient;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffRole;
import org.strongroom.identity.StaffStatus;
import org.strongroom.identity.internal.Accounts;
import org.strongroom.testing.HttpsClient;
import org.strongroom.testing.HttpsClient.Response;
import org.strongroom.testing.StaffSignIn;

/**
 * The clients pages end to end over real HTTPS with real sign-ins (password and authenticator
 * app): the master index and its live search, the new-client form (errors at the fields, nothing
 * saved; possible duplicates and "create anyway"), the workspace and its tabs, the edit form with
 * a stale version, the audited reveal of a masked value, close and reopen. Runs on SQLite and
 * PostgreSQL, over the real master index.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"strongroom.organisation.time-zone=Europe/Kyiv", "strongroom.audit.checkpoint-poll=1h"})
abstract class ClientPagesFullStackIntegrationTests {

    static final String PASSWORD = "copper-meadow-signal-58";
    static final String ADMIN_NAME = "Halyna Rudenko";
    static final String PRACTITIONER_NAME = "Bohdan Kravets";
    static final Pattern LOCATION = Pattern.compile("/clients/([0-9a-f-]{36})");

    static final Map<Integer, HttpsClient[]> BROWSERS = new ConcurrentHashMap<>();
    static final Map<Integer, StaffId> ADMINS = new ConcurrentHashMap<>();

    @LocalServerPort
    int port;
    @Autowired
    Environment environment;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Accounts accounts;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    Clock clock;
    @Autowired
    Clients clients;

    HttpsClient admin;
    HttpsClient practitioner;

    @BeforeEach
    void people() {
        BROWSERS.computeIfAbsent(port, p -> {
            ADMINS.put(port, account("halyna.rudenko@example.org", ADMIN_NAME, StaffRole.ADMINISTRATOR));
            account("bohdan.kravets@example.org", PRACTITIONER_NAME, StaffRole.PRACTITIONER);
            HttpsClient a = new HttpsClient(port, certificate());
            StaffSignIn.signIn(a, "halyna.rudenko@example.org", PASSWORD);
            HttpsClient b = new HttpsClient(port, certificate());
            StaffSignIn.signIn(b, "bohdan.kravets@example.org", PASSWORD);
            return new HttpsClient[] {a, b};
        });
        admin = BROWSERS.get(port)[0];
        practitioner = BROWSERS.get(port)[1];
    }

    @Test
    void badInputShowsEveryMessageAtItsFieldKeepsTheInputAndSavesNothing() {
        long before = clientCount();
        Response refused = create(admin, Map.of("f.given_name", "", "f.family_name", "Шевчук", "f.email", "not-an-address",
                "f.phone", "call me", "f.date_of_birth", "2999-01-01"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("There is a problem — nothing was saved", "data-focus-on-load",
                "id=\"f-given_name-error\"", "This field is required.", "href=\"#f-given_name\"",
                "id=\"f-email-error\"", "Enter an email address like name@example.org.",
                "id=\"f-phone-error\"", "id=\"f-date_of_birth-error\"", "A date of birth cannot be in the future.",
                "aria-invalid=\"true\"", "value=\"not-an-address\"", "value=\"Шевчук\"", "value=\"call me\"")
                .doesNotContain("style=\"").doesNotContain("<script>");
        assertThat(clientCount()).isEqualTo(before);
    }

    @Test
    void possibleDuplicateIsShownWithItsReasonAndCreatingAnywayNeedsTheCheckbox() {
        String email = "vira.tkachenko." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        UUID first = created(create(admin, Map.of("f.given_name", "Віра", "f.family_name", "Ткаченко", "f.email", email)));
        String reference = reference(first);
        long before = clientCount();

        Response warned = create(admin, Map.of("f.given_name", "Vira", "f.family_name", "Tkachenko", "f.email", email.toUpperCase()));
        assertThat(warned.status()).isEqualTo(409);
        assertThat(warned.body()).contains("This may be someone already recorded", reference, "Same email",
                "href=\"/clients/" + first + "\"", "This is a different person — create anyway", "name=\"acknowledgeDuplicates\"",
                "value=\"Tkachenko\"");
        assertThat(clientCount()).isEqualTo(before);

        Map<String, String> again = new LinkedHashMap<>(Map.of("f.given_name", "Vira", "f.family_name", "Tkachenko",
                "f.email", email.toUpperCase(), "acknowledgeDuplicates", "true"));
        UUID second = created(create(admin, again));
        assertThat(second).isNotEqualTo(first);
        assertThat(clientCount()).isEqualTo(before + 1);
    }

    @Test
    void staleEditIsRefusedShowsWhatChangedAndCanBeAppliedAgain() {
        UUID id = created(create(admin, Map.of("f.given_name", "Оксана", "f.family_name", "Мельник", "f.phone", "+380501234567")));
        String page = "/clients/" + id + "/edit";
        Response form = admin.get(page);
        assertThat(form.status()).isEqualTo(200);
        String version = hidden(form.body(), "version");

        // Someone else saves first (another tab, same form version).
        Map<String, String> theirs = editForm(form.body());
        theirs.put("f.email", "oksana.melnyk@example.org");
        Response saved = admin.post(page, theirs);
        assertThat(saved.status()).isEqualTo(302);

        Map<String, String> mine = editForm(form.body());
        mine.put("f.phone", "+380671112233");
        assertThat(mine.get("version")).isEqualTo(version);
        Response stale = admin.post(page, mine);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body()).contains("Someone else changed this record while you were editing", "data-conflict=\"email\"",
                "oksana.melnyk@example.org", "(you did not change it)", "value=\"+380671112233\"")
                .doesNotContain("data-conflict=\"phone\"");
        assertThat(hidden(stale.body(), "version")).isNotEqualTo(version);
        assertThat(jdbc.sql("SELECT version FROM client WHERE id = ?").param(id.toString()).query(Long.class).single()).isEqualTo(2L);

        // Re-applying from the conflict page saves the person's change on top of the other one.
        Response reapplied = admin.post(page, editForm(stale.body()));
        assertThat(reapplied.status()).isEqualTo(302);
        Response profile = admin.get("/clients/" + id);
        assertThat(profile.body()).contains("oksana.melnyk@example.org", "+380671112233", "The changes were saved.");
        Response history = admin.get("/clients/" + id + "/history");
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.body()).contains(ADMIN_NAME, "+380501234567", "+380671112233", "oksana.melnyk@example.org", "Edited",
                "Created", "aria-current=\"page\"");
    }

    /**
     * Probing for a client out of one's reach: a practitioner opening a client not on their team
     * gets the very answer a made-up id gets, on every workspace page, and their search never
     * shows it.
     */
    @Test
    void practitionerOutsideTheTeamGetsTheSameNotFoundAsForAnUnknownClient() {
        UUID id = created(create(admin, Map.of("f.given_name", "Назар", "f.family_name", "Гнатюк")));
        UUID unknown = UUID.randomUUID();
        for (String suffix : new String[] {"", "/history", "/edit"}) {
            Response hidden = practitioner.get("/clients/" + id + suffix);
            Response none = practitioner.get("/clients/" + unknown + suffix);
            assertThat(hidden.status()).as(suffix).isEqualTo(404);
            assertThat(none.status()).as(suffix).isEqualTo(404);
            assertThat(withoutTokens(hidden.body())).as(suffix).isEqualTo(withoutTokens(none.body())).doesNotContain("Гнатюк");
        }
        // Not an audit reader: the access-history tab is refused alike for every id (403, no client looked up).
        assertThat(practitioner.get("/clients/" + id + "/access-history").status()).isEqualTo(403);
        assertThat(withoutTokens(practitioner.get("/clients/" + id + "/access-history").body()))
                .isEqualTo(withoutTokens(practitioner.get("/clients/" + unknown + "/access-history").body()));
        assertThat(practitioner.get("/clients/not-a-client").status()).isEqualTo(404);
        assertThat(practitioner.get("/clients/search?q=Hnatiuk").body()).doesNotContain("Гнатюк").doesNotContain("role=\"option\"");
        assertThat(practitioner.get("/clients").body()).doesNotContain(id.toString());

        // The practitioner's own client is theirs to open (they lead its team from creation).
        UUID own = created(create(practitioner, Map.of("f.given_name", "Тарас", "f.family_name", "Гнатюк")));
        Response shown = practitioner.get("/clients/" + own);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.body()).contains("Тарас Гнатюк", PRACTITIONER_NAME + " (");
        assertThat(practitioner.get("/clients/search?q=hnat").body()).contains("Тарас Гнатюк").doesNotContain("Назар");
    }

    /** Reading a restricted value without a recorded reason: masked until revealed, one answer at a time. */
    @Test
    void maskedValueIsRevealedOnlyWithAReasonOnlyOnceAndTheRevealIsRecorded() {
        String contact = "Petro Bondar, brother, +380509998877";
        UUID id = created(create(admin, Map.of("f.given_name", "Лариса", "f.family_name", "Бондар", "f.emergency_contact", contact)));
        String page = "/clients/" + id;
        Response masked = admin.get(page);
        assertThat(masked.status()).isEqualTo(200);
        assertThat(masked.body()).doesNotContain(contact).doesNotContain("+380509998877").contains("Reveal", "name=\"reason\"");

        Response noReason = admin.submit(page, page + "/reveal", Map.of("field", "emergency_contact", "reason", ""));
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.body()).contains("Choose why you need to see the value.").doesNotContain(contact);

        Response revealed = admin.submit(page, page + "/reveal", Map.of("field", "emergency_contact", "reason", "verify_identity"));
        assertThat(revealed.status()).isEqualTo(200);
        assertThat(revealed.body()).contains(contact, "The value is shown on this page only");
        assertThat(revealed.header("cache-control")).contains("no-store");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'access.field_revealed' AND client_id = ?")
                .param(id.toString()).query(Long.class).single()).isEqualTo(1L);

        assertThat(admin.get(page).body()).doesNotContain(contact);
    }

    @Test
    void closeAndReopenFollowThePermissionsAndAreKeptInTheHistory() {
        UUID id = created(create(admin, Map.of("f.given_name", "Ірина", "f.family_name", "Савчук")));
        String page = "/clients/" + id;
        assertThat(admin.get(page).body()).contains("Close record").doesNotContain("Reopen record");
        Response closed = admin.submit(page, page + "/status", Map.of("status", "CLOSED", "version", "1"));
        assertThat(closed.status()).isEqualTo(302);
        assertThat(admin.get(page).body()).contains("The status was changed.", "status-closed", "Reopen record")
                .doesNotContain("Close record");
        Response stale = admin.submit(page, page + "/status", Map.of("status", "ACTIVE", "version", "1"));
        assertThat(stale.status()).isEqualTo(302);
        assertThat(admin.get(page).body()).contains("Someone changed this record a moment ago");
        Response reopened = admin.submit(page, page + "/status", Map.of("status", "ACTIVE", "version", "2"));
        assertThat(reopened.status()).isEqualTo(302);
        assertThat(admin.get(page + "/history").body()).contains("Reopened", "Closed");
    }

    @Test
    void indexListsSearchesLiveAndOffersTheAccessHistoryTabToAuditReaders() {
        UUID id = created(create(admin, Map.of("f.given_name", "Олена", "f.family_name", "Коваленко", "f.tags", "evening, couples")));
        Response index = admin.get("/clients");
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.body()).contains("Find a client", "id=\"client-search\"", "role=\"status\"", "data-client=\"" + id + "\"",
                "Олена Коваленко", "/assets/clients.js", "href=\"/clients\"", "New client")
                .doesNotContain("clients found").doesNotContain("style=\"");
        assertThat(admin.get("/clients/search?q=" + enc("Ковал")).body()).contains("Олена Коваленко", "role=\"listbox\"",
                "role=\"option\"", "data-href=\"/clients/" + id + "\"");
        assertThat(admin.get("/clients/search?q=" + enc("olena kovalenko")).body()).contains("Олена Коваленко");
        assertThat(admin.get("/clients?q=" + enc("kovalenko")).body()).contains("Clients matching", "href=\"/clients/" + id + "\"");
        assertThat(admin.get("/clients?status=CLOSED").body()).doesNotContain("data-client=\"" + id + "\"");
        assertThat(admin.get("/clients?tag=Evening").body()).contains("data-client=\"" + id + "\"");
        assertThat(admin.get("/clients?tag=mornings").body()).doesNotContain("data-client=\"" + id + "\"");
        Response forged = admin.get("/clients?cursor=not-a-cursor-of-ours");
        assertThat(forged.status()).isEqualTo(200);
        assertThat(forged.body()).contains("That page link no longer works", "data-client=\"" + id + "\"");

        Response workspace = admin.get("/clients/" + id);
        assertThat(workspace.body()).contains("data-tab=\"access\"", "evening", "couples");
        Response access = admin.get("/clients/" + id + "/access-history");
        assertThat(access.status()).isEqualTo(200);
        assertThat(access.body()).contains("hx-get=\"/audit/clients/" + id + "\"");
    }

    @Test
    void listPagesForwardAndBackByCursorKeepingTheFilter() {
        Actor actor = new Actor.Staff(ADMINS.get(port), StaffRole.ADMINISTRATOR);
        for (int i = 0; i < ClientPagesController.PAGE_SIZE + 2; i++) {
            ClientResult<?> made = clients.create(actor, new NewClient(ClientStatus.INACTIVE,
                    Map.of("given_name", "Тестова" + (char) ('а' + i), "family_name", "Пагінація"), true));
            assertThat(made).isInstanceOf(ClientResult.Done.class);
        }
        Response first = admin.get("/clients?status=INACTIVE");
        assertThat(rows(first.body())).isEqualTo(ClientPagesController.PAGE_SIZE);
        assertThat(first.body()).contains("rel=\"next\"").doesNotContain("rel=\"prev\"");
        Response second = admin.get(href(first.body(), "next"));
        assertThat(rows(second.body())).isEqualTo(2);
        assertThat(second.body()).contains("rel=\"prev\"", "First page").doesNotContain("rel=\"next\"");
        Response back = admin.get(href(second.body(), "prev"));
        assertThat(rows(back.body())).isEqualTo(ClientPagesController.PAGE_SIZE);
        assertThat(back.body()).contains("rel=\"next\"").doesNotContain("rel=\"prev\"");
    }

    static int rows(String html) {
        return (int) Pattern.compile("<tr data-client=").matcher(html).results().count();
    }

    static String href(String html, String rel) {
        Matcher m = Pattern.compile("rel=\"" + rel + "\" href=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as(rel).isTrue();
        return unescape(m.group(1));
    }

    /** Cross-site request forgery: a form posted without the session's token changes nothing. */
    @Test
    void postsWithoutTheCsrfTokenAreRefused() {
        long before = clientCount();
        Response forged = admin.post("/clients/new", Map.of("f.given_name", "Марко", "f.family_name", "Лисенко"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(clientCount()).isEqualTo(before);
        UUID id = created(create(admin, Map.of("f.given_name", "Марко", "f.family_name", "Лисенко")));
        assertThat(admin.post("/clients/" + id + "/status", Map.of("status", "CLOSED", "version", "1")).status()).isEqualTo(403);
        assertThat(jdbc.sql("SELECT status FROM client WHERE id = ?").param(id.toString()).query(String.class).single()).isEqualTo("ACTIVE");
    }

    // --- helpers

    Response create(HttpsClient who, Map<String, String> values) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("status", "ACTIVE");
        form.putAll(values);
        Response response = who.submit("/clients/new", "/clients/new", form);
        if (response.status() == 302) {
            // As a browser would: the page after the redirect shows (and so uses up) the flash message.
            who.get(java.net.URI.create(response.header("location")).getPath());
        }
        return response;
    }

    static UUID created(Response response) {
        assertThat(response.status()).as(response.body().length() > 2000 ? response.body().substring(0, 2000) : response.body()).isEqualTo(302);
        Matcher m = LOCATION.matcher(response.header("location"));
        assertThat(m.find()).isTrue();
        return UUID.fromString(m.group(1));
    }

    String reference(UUID id) {
        return jdbc.sql("SELECT reference FROM client WHERE id = ?").param(id.toString()).query(String.class).single();
    }

    long clientCount() {
        return jdbc.sql("SELECT COUNT(*) FROM client").query(Long.class).single();
    }

    /** Every input of an edit form as the browser would send it (values unchanged), with its CSRF token. */
    static Map<String, String> editForm(String html) {
        Map<String, String> form = new LinkedHashMap<>();
        Matcher inputs = Pattern.compile("<input[^>]*>").matcher(html);
        while (inputs.find()) {
            String tag = inputs.group();
            Matcher name = Pattern.compile("name=\"([^\"]+)\"").matcher(tag);
            if (!name.find() || name.group(1).equals("lang")) {
                continue;
            }
            Matcher value = Pattern.compile("value=\"([^\"]*)\"").matcher(tag);
            form.put(name.group(1), value.find() ? unescape(value.group(1)) : "");
        }
        Matcher areas = Pattern.compile("<textarea[^>]*name=\"([^\"]+)\"[^>]*>([^<]*)</textarea>").matcher(html);
        while (areas.find()) {
            form.put(areas.group(1), unescape(areas.group(2)));
        }
        form.remove("return");
        form.remove("q");
        return form;
    }

    /** A page without its CSRF tokens (masked afresh on every answer). */
    static String withoutTokens(String html) {
        return html.replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "name=\"_csrf\"");
    }

    static String hidden(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
        assertThat(m.find()).as(name).isTrue();
        return m.group(1);
    }

    static String unescape(String text) {
        return text.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    static String enc(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    Path certificate() {
        return Path.of(environment.getRequiredProperty("strongroom.data-dir"), "tls", "server.crt");
    }

    StaffId account(String email, String name, StaffRole role) {
        StaffId id = StaffId.random();
        accounts.insert(id, email, name, passwords.encode(PASSWORD), role, StaffStatus.ACTIVE, clock.instant());
        return id;
    }
}
