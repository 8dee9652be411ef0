package org.strongroom.clients.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.strongroom.access.Actor;
import org.strongroom.access.CareTeams;
import org.strongroom.access.TeamRole;
import org.strongroom.clients.ClientProfile;
import org.strongroom.clients.ClientResult;
import org.strongroom.clients.ClientStatus;
import org.strongroom.clients.Clients;
import org.strongroom.clients.NewClient;
import org.strongroom.clients.internal.ClientStore;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffRole;
import org.strongroom.identity.StaffStatus;
import org.strongroom.identity.internal.Accounts;
import org.strongroom.testing.HttpsClient;
import org.strongroom.testing.HttpsClient.Response;
import org.strongroom.testing.StaffSignIn;

/**
 * The duplicate, comparison, merge and undo pages over real HTTPS with real sign-ins (password and
 * authenticator app): an administrator finds a close spelling among the possible duplicates (as
 * the page and as the htmx fragment), compares the two records, merges them choosing a value,
 * sees the result with the care team report, and undoes the merge; a stale comparison is refused;
 * a practitioner may compare but not merge, and a record out of reach looks absent. Runs on
 * SQLite and PostgreSQL. All people are fictitious.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"strongroom.organisation.time-zone=Europe/Kyiv", "strongroom.audit.checkpoint-poll=1h"})
abstract class ClientMergePagesFullStackIntegrationTests {

    static final String PASSWORD = "copper-willow-lantern-58";
    static final Pattern MERGE_ID = Pattern.compile("/clients/merges/([0-9a-f-]{36})$");

    /** Per server: the signed-in browsers and the people's ids. */
    static final Map<Integer, HttpsClient[]> BROWSERS = new ConcurrentHashMap<>();
    static final Map<Integer, StaffId[]> PEOPLE = new ConcurrentHashMap<>();

    @LocalServerPort
    int port;
    @Autowired
    Environment environment;
    @Autowired
    Accounts accounts;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    Clock clock;
    @Autowired
    Clients clients;
    @Autowired
    ClientStore store;
    @Autowired
    CareTeams teams;

    HttpsClient admin;
    HttpsClient practitionerBrowser;
    Actor administrator;
    StaffId practitioner;

    @BeforeEach
    void people() {
        if (!BROWSERS.containsKey(port)) {
            StaffId a = account("halyna.bondar@example.org", "Halyna Bondar", StaffRole.ADMINISTRATOR);
            StaffId p = account("taras.melnyk@example.org", "Taras Melnyk", StaffRole.PRACTITIONER);
            HttpsClient adminBrowser = new HttpsClient(port, certificate());
            StaffSignIn.signIn(adminBrowser, "halyna.bondar@example.org", PASSWORD);
            HttpsClient practitionerSession = new HttpsClient(port, certificate());
            StaffSignIn.signIn(practitionerSession, "taras.melnyk@example.org", PASSWORD);
            BROWSERS.put(port, new HttpsClient[] {adminBrowser, practitionerSession});
            PEOPLE.put(port, new StaffId[] {a, p});
        }
        admin = BROWSERS.get(port)[0];
        practitionerBrowser = BROWSERS.get(port)[1];
        administrator = new Actor.Staff(PEOPLE.get(port)[0], StaffRole.ADMINISTRATOR);
        practitioner = PEOPLE.get(port)[1];
    }

    @Test
    void anAdministratorFindsACloseSpellingComparesMergesAndUndoes() {
        UUID survivor = client("Олена", "Коваленко", "olena.k@example.org", "+380501112233", null);
        UUID other = client("Olana", "Kovalenco", "olena.kovalenko@example.net", "+380501112233", "3 Shevchenka Avenue, Odesa");
        teams.assign(administrator, other, practitioner, TeamRole.LEAD);
        Map<String, String> survivorBefore = store.values(survivor);
        Map<String, String> otherBefore = store.values(other);

        // the possible duplicates: a page of its own, and the bare list for the workspace's htmx
        Response page = admin.get("/clients/" + survivor + "/duplicates");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<html", "data-candidate=\"" + other + "\"", "Similar name", "Same phone",
                "href=\"/clients/" + survivor + "/compare/" + other + "\"");
        HttpResponse<String> fragment = htmx(admin, "/clients/" + survivor + "/duplicates");
        assertThat(fragment.statusCode()).isEqualTo(200);
        assertThat(fragment.body().strip()).startsWith("<section").doesNotContain("<html").contains("data-candidate=\"" + other + "\"");

        // side by side, with a choice where the values differ
        Response compare = admin.get("/clients/" + survivor + "/compare/" + other);
        assertThat(compare.status()).isEqualTo(200);
        assertThat(compare.header("Content-Security-Policy")).doesNotContain("unsafe-inline");
        assertThat(compare.body()).contains("Compare two records", "Олена", "Olana", "name=\"choice.email\"", "name=\"choice.family_name\"",
                "data-field=\"phone\" data-agreement=\"EQUAL\"", "data-field=\"address\" data-agreement=\"ONLY_SECOND\"",
                "Copied from the second record", "id=\"merge-button\"").doesNotContain("name=\"choice.phone\"");

        Map<String, String> form = new LinkedHashMap<>();
        form.put("survivorVersion", hidden(compare.body(), "survivorVersion"));
        form.put("mergedVersion", hidden(compare.body(), "mergedVersion"));
        form.put("choice.email", "MERGED");
        form.put("choice.family_name", "SURVIVOR");
        form.put("choice.given_name", "SURVIVOR");
        form.put("_csrf", HttpsClient.csrfToken(compare.body()));
        Response merged = admin.post("/clients/" + survivor + "/merge/" + other, form);
        assertThat(merged.status()).isEqualTo(302);
        Matcher id = MERGE_ID.matcher(merged.header("location"));
        assertThat(id.find()).as(merged.header("location")).isTrue();
        String mergeId = id.group(1);
        assertThat(store.values(survivor)).containsEntry("email", "olena.kovalenko@example.net").containsEntry("family_name", "Коваленко")
                .containsEntry("address", "3 Shevchenka Avenue, Odesa");
        assertThat(store.find(other).orElseThrow().status()).isEqualTo(ClientStatus.MERGED);

        Response result = admin.get("/clients/merges/" + mergeId);
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body()).contains("The records were merged.", "Records merged", "Undo merge", "Taras Melnyk",
                "data-member=\"" + practitioner + "\"", "Email", "Address").contains("/clients/merges/" + mergeId + "/undo");
        // the merged record is no longer offered as a duplicate
        assertThat(admin.get("/clients/" + survivor + "/duplicates").body()).doesNotContain("data-candidate=\"" + other + "\"");

        Response undo = admin.post("/clients/merges/" + mergeId + "/undo", Map.of("_csrf", HttpsClient.csrfToken(result.body())));
        assertThat(undo.status()).isEqualTo(302);
        assertThat(undo.header("location")).endsWith("/clients/merges/" + mergeId);
        Response undone = admin.get("/clients/merges/" + mergeId);
        assertThat(undone.body()).contains("The merge was undone", "Merge undone").doesNotContain("/undo\"");
        assertThat(store.values(survivor)).isEqualTo(survivorBefore);
        assertThat(store.values(other)).isEqualTo(otherBefore);
        assertThat(store.find(other).orElseThrow().status()).isEqualTo(ClientStatus.ACTIVE);

        Response again = admin.post("/clients/merges/" + mergeId + "/undo", Map.of("_csrf", HttpsClient.csrfToken(undone.body())));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).contains("This merge has already been undone.", "role=\"alert\"");
    }

    @Test
    void aComparisonThatWentStaleIsRefusedAndShownAgain() {
        UUID survivor = client("Iryna", "Shevchenko", "iryna.s@example.org", null, null);
        UUID other = client("Iryna", "Shevchenko", "iryna.s@example.org", "+380671234567", null);
        Response compare = admin.get("/clients/" + survivor + "/compare/" + other);
        ClientResult<ClientProfile> edited = clients.update(administrator, other, store.find(other).orElseThrow().version(),
                Map.of("phone", "+380671234568"));
        assertThat(edited).isInstanceOf(ClientResult.Done.class);
        Response merged = admin.post("/clients/" + survivor + "/merge/" + other, Map.of(
                "survivorVersion", hidden(compare.body(), "survivorVersion"), "mergedVersion", hidden(compare.body(), "mergedVersion"),
                "_csrf", HttpsClient.csrfToken(compare.body())));
        assertThat(merged.status()).isEqualTo(409);
        assertThat(merged.body()).contains("One of the records changed since you opened this comparison", "+380671234568");
        assertThat(store.find(other).orElseThrow().status()).isEqualTo(ClientStatus.ACTIVE);
        assertThat(store.values(survivor)).doesNotContainKey("phone");
    }

    /** Attack: a practitioner merging records (no client.merge), and probing a record out of reach. */
    @Test
    void aPractitionerMayCompareTheirClientsButNotMergeAndOthersLookAbsent() {
        UUID mine = client("Petro", "Moroz", "petro.m@example.org", null, null);
        UUID alsoMine = client("Petro", "Morozz", null, "+380931112233", null);
        UUID notMine = client("Petro", "Moroz", "petro.moroz@example.net", null, null);
        teams.assign(administrator, mine, practitioner, TeamRole.LEAD);
        teams.assign(administrator, alsoMine, practitioner, TeamRole.LEAD);

        Response compare = practitionerBrowser.get("/clients/" + mine + "/compare/" + alsoMine);
        assertThat(compare.status()).isEqualTo(200);
        assertThat(compare.body()).contains("your role may not merge them").doesNotContain("id=\"merge-button\"");
        Response merge = practitionerBrowser.post("/clients/" + mine + "/merge/" + alsoMine, Map.of("survivorVersion", "1",
                "mergedVersion", "1", "_csrf", HttpsClient.csrfToken(compare.body())));
        assertThat(merge.status()).isEqualTo(403);
        assertThat(store.find(alsoMine).orElseThrow().status()).isEqualTo(ClientStatus.ACTIVE);

        UUID nobodys = UUID.randomUUID();
        Response hidden = practitionerBrowser.get("/clients/" + mine + "/compare/" + notMine);
        Response missing = practitionerBrowser.get("/clients/" + mine + "/compare/" + nobodys);
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(normalised(hidden.body(), notMine)).isEqualTo(normalised(missing.body(), nobodys));
        assertThat(practitionerBrowser.get("/clients/" + mine + "/duplicates").body())
                .contains("data-candidate=\"" + alsoMine + "\"").doesNotContain(notMine.toString()).doesNotContain("petro.moroz@example.net");
        assertThat(practitionerBrowser.get("/clients/" + notMine + "/duplicates").status()).isEqualTo(404);
        assertThat(practitionerBrowser.get("/clients/not-an-id/duplicates").status()).isEqualTo(404);
    }

    UUID client(String given, String family, String email, String phone, String address) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("given_name", given);
        values.put("family_name", family);
        if (email != null) {
            values.put("email", email);
        }
        if (phone != null) {
            values.put("phone", phone);
        }
        if (address != null) {
            values.put("address", address);
        }
        ClientResult<ClientProfile> made = clients.create(administrator, new NewClient(ClientStatus.ACTIVE, values, true));
        assertThat(made).isInstanceOf(ClientResult.Done.class);
        return ((ClientResult.Done<ClientProfile>) made).value().id();
    }

    /** The body without what differs between any two responses (nonces, CSRF tokens) and the id asked for. */
    static String normalised(String body, UUID asked) {
        return body.replace(asked.toString(), "{id}").replaceAll("nonce=\"[^\"]*\"", "nonce=\"\"")
                .replaceAll("(name=\"_csrf\"\\s+value=)\"[^\"]*\"", "$1\"\"")
                .replaceAll("(value=)\"[^\"]*\"(\\s+name=\"_csrf\")", "$1\"\"$2")
                .replaceAll("(<meta name=\"_csrf\" content=)\"[^\"]*\"", "$1\"\"");
    }

    static String hidden(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
        assertThat(m.find()).as("hidden field " + name).isTrue();
        return m.group(1);
    }

    /** A GET as htmx sends it (HX-Request), with the browser's cookies. */
    HttpResponse<String> htmx(HttpsClient browser, String path) {
        HttpClient http = HttpClient.newBuilder().sslContext(HttpsClient.trusting(certificate()))
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(browser.base() + path)).header("HX-Request", "true")
                .header("Accept", "text/html").header("Cookie", browser.cookies().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "))).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    StaffId account(String email, String name, StaffRole role) {
        StaffId id = StaffId.random();
        accounts.insert(id, email, name, passwords.encode(PASSWORD), role, StaffStatus.ACTIVE, clock.instant());
        return id;
    }

    Path certificate() {
        return Path.of(environment.getRequiredProperty("strongroom.data-dir"), "tls", "server.crt");
    }
}
