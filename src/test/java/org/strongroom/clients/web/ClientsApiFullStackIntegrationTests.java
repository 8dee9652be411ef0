package org.strongroom.clients.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.strongroom.access.Actor;
import org.strongroom.access.Sensitivity;
import org.strongroom.clients.ClientResult;
import org.strongroom.clients.FieldCatalogue;
import org.strongroom.clients.FieldCategory;
import org.strongroom.clients.FieldChange;
import org.strongroom.clients.FieldType;
import org.strongroom.clients.SearchMode;
import org.strongroom.identity.ApiScope;
import org.strongroom.identity.ApiTokenCreation;
import org.strongroom.identity.ApiTokenRequest;
import org.strongroom.identity.ApiTokens;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffRole;
import org.strongroom.identity.StaffStatus;
import org.strongroom.identity.internal.Accounts;
import org.strongroom.testing.HttpsClient;
import org.strongroom.testing.HttpsClient.Response;

/**
 * The clients API end to end over real HTTPS with real personal access tokens: create, read,
 * edit, close, reopen and history through the services (so encrypted, scoped and audited),
 * strict bodies, optimistic concurrency, scopes, and the attacks named on each test. No answer
 * that refuses anything carries a value of the record. Runs on SQLite and PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "strongroom.organisation.time-zone=Europe/Kyiv")
abstract class ClientsApiFullStackIntegrationTests {

    static final String PASSWORD = "quartz-meadow-harbour-41";
    /** Planted in client values; no problem document may contain it (compared ignoring case). */
    static final String CANARY = "Kanareika";
    static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    static final String HTTP1 = "(http/1.1)";
    static final Pattern VERSION = Pattern.compile("\"version\":(\\d+)");

    /** Per server: tokens of the administrator, practitioner, front desk, and the administrator's read-only token. */
    static final Map<Integer, String[]> TOKENS = new ConcurrentHashMap<>();
    static final Map<Integer, StaffId[]> PEOPLE = new ConcurrentHashMap<>();

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
    ApiTokens tokens;
    @Autowired
    FieldCatalogue catalogue;
    @Autowired
    Clock clock;

    String admin;
    String practitioner;
    String frontDesk;
    String readOnly;
    StaffId practitionerId;
    HttpClient api;

    @BeforeEach
    void people() {
        TOKENS.computeIfAbsent(port, p -> {
            StaffId owner = account("halyna.owner@example.org", "Halyna Owner", StaffRole.OWNER);
            StaffId a = account("andrii.admin@example.org", "Andrii Admin", StaffRole.ADMINISTRATOR);
            StaffId pr = account("marta.practitioner@example.org", "Marta Practitioner", StaffRole.PRACTITIONER);
            StaffId f = account("front.desk@example.org", "Front Desk", StaffRole.STAFF);
            // A field only some roles see: clinical, hidden from the front desk.
            ClientResult<?> field = catalogue.save(new Actor.Staff(owner, StaffRole.OWNER), new FieldChange("presenting_issue",
                    "Presenting issue", FieldType.TEXT, Sensitivity.HIGHLY_RESTRICTED, FieldCategory.HEALTH,
                    "To plan the first sessions.", false, SearchMode.NONE, null, true, List.of(), null));
            assertThat(field).isInstanceOf(ClientResult.Done.class);
            PEOPLE.put(p, new StaffId[] {a, pr, f});
            return new String[] {token(a, EnumSet.of(ApiScope.CLIENTS_READ, ApiScope.CLIENTS_WRITE)),
                    token(pr, EnumSet.of(ApiScope.CLIENTS_READ, ApiScope.CLIENTS_WRITE)),
                    token(f, EnumSet.of(ApiScope.CLIENTS_READ, ApiScope.CLIENTS_WRITE)),
                    token(a, EnumSet.of(ApiScope.CLIENTS_READ))};
        });
        String[] t = TOKENS.get(port);
        admin = t[0];
        practitioner = t[1];
        frontDesk = t[2];
        readOnly = t[3];
        practitionerId = PEOPLE.get(port)[1];
        api = HttpClient.newBuilder().sslContext(HttpsClient.trusting(certificate()))
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    }

    // --- happy paths ---

    @Test
    void createsReadsEditsClosesReopensAndShowsTheHistory() {
        Response created = call("POST", "/api/v1/clients", admin, json("""
                {"status":"PROSPECT","values":{"given_name":"Oksana","family_name":"Melnyk","email":"Oksana.Melnyk@Example.org",
                 "phone":"+380 50 123 45 67","tags":"evening, new","presenting_issue":"sleep"}}"""));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = id(created);
        assertThat(created.header("location")).isEqualTo("/api/v1/clients/" + id);
        assertThat(created.header("etag")).isEqualTo("\"1\"");
        assertThat(created.header("cache-control")).contains("no-store");
        assertThat(created.body()).contains("\"status\":\"PROSPECT\"", "\"reference\":\"C-", "\"value\":\"oksana.melnyk@example.org\"",
                "\"value\":\"+380501234567\"", "\"value\":\"evening, new\"", "\"displayName\":\"Oksana Melnyk\"");
        assertThat(audit("clients.created", id)).isEqualTo(1);

        Response read = call("GET", "/api/v1/clients/" + id, admin, null);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("cache-control")).contains("no-store");
        assertThat(read.header("etag")).isEqualTo("\"1\"");
        assertThat(audit("clients.viewed", id)).isEqualTo(1);

        Response edited = call("PATCH", "/api/v1/clients/" + id, admin, json("""
                {"version":1,"values":{"phone":null,"preferred_name":"Oksanka"}}"""));
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.header("etag")).isEqualTo("\"2\"");
        assertThat(edited.body()).contains("\"displayName\":\"Oksanka Melnyk\"").doesNotContain("+380501234567");

        Response closed = call("POST", "/api/v1/clients/" + id + "/close", admin, json("{\"version\":2}"));
        assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        assertThat(closed.body()).contains("\"status\":\"CLOSED\"", "\"closedAt\":\"");
        // The version may come as If-Match only, with no body at all.
        Response reopened = call("POST", "/api/v1/clients/" + id + "/reopen", admin, null, Map.of("If-Match", "\"3\""));
        assertThat(reopened.status()).as(reopened.body()).isEqualTo(200);
        assertThat(reopened.body()).contains("\"status\":\"ACTIVE\"").doesNotContain("closedAt");
        assertProblem(call("POST", "/api/v1/clients/" + id + "/reopen", admin, json("{\"version\":4}")), 409);

        Response history = call("GET", "/api/v1/clients/" + id + "/history", admin, null);
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.header("cache-control")).contains("no-store");
        assertThat(history.body()).contains("\"field\":\"status\"", "\"cause\":\"reopen\"", "\"cause\":\"close\"",
                "\"field\":\"phone\"", "\"oldValue\":\"+380501234567\",\"masked\":false", "\"cause\":\"create\"");
        assertThat(audit("clients.history_viewed", id)).isEqualTo(1);
    }

    @Test
    void listsWithFiltersAndPagesAndSearches() {
        String a = create(admin, "Bohdan", "Lystopad", "ACTIVE");
        String b = create(admin, "Bohdana", "Inactive", "INACTIVE");
        Response all = call("GET", "/api/v1/clients?limit=200", admin, null);
        assertThat(all.status()).as(all.body()).isEqualTo(200);
        assertThat(all.header("cache-control")).contains("no-store");
        assertThat(all.body()).contains(a, b, "\"clients\":[");
        Response inactive = call("GET", "/api/v1/clients?status=INACTIVE&limit=200", admin, null);
        assertThat(inactive.body()).contains(b).doesNotContain(a);
        Response first = call("GET", "/api/v1/clients?limit=1", admin, null);
        Matcher cursor = Pattern.compile("\"nextCursor\":\"([^\"]+)\"").matcher(first.body());
        assertThat(cursor.find()).as(first.body()).isTrue();
        assertThat(call("GET", "/api/v1/clients?limit=1&cursor=" + cursor.group(1), admin, null).status()).isEqualTo(200);
        // A cursor this server did not make, or made for other filters, is a parameter problem.
        assertProblem(call("GET", "/api/v1/clients?limit=1&cursor=AAAA" + cursor.group(1), admin, null), 400);
        assertProblem(call("GET", "/api/v1/clients?limit=1&status=ACTIVE&cursor=" + cursor.group(1), admin, null), 400);

        Response found = call("GET", "/api/v1/clients/search?q=lystopad", admin, null);
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body()).contains(a).doesNotContain(b);

        for (String bad : List.of("status=GONE", "status=MERGED", "limit=0", "limit=201", "limit=ten", "careTeam=someone",
                "statuses=ACTIVE", "limit=5&limit=6", "touchedAfter=yesterday", "cursor=%00")) {
            Response refused = call("GET", "/api/v1/clients?" + bad, admin, null);
            assertProblem(refused, 400);
            assertThat(refused.body()).contains("\"errors\":[{\"field\":\"");
        }
        assertProblem(call("GET", "/api/v1/clients/search", admin, null), 400);
        assertProblem(call("GET", "/api/v1/clients/search?q=ab&limit=51", admin, null), 400);
    }

    @Test
    void catalogueAndApiDescriptionDescribeEveryField() {
        Response catalogue = call("GET", "/api/v1/catalogue", readOnly, null);
        assertThat(catalogue.status()).isEqualTo(200);
        assertThat(catalogue.body()).contains("\"key\":\"given_name\"", "\"label\":\"Given name\"".substring(0, 9), "\"purpose\":\"",
                "\"sensitivity\":\"NORMAL\"", "\"search\":\"NAME\"", "\"retention\":\"P2Y\"").doesNotContain("\"key\":\"national_id\"");
        assertThat(call("GET", "/api/v1/catalogue?all=true", readOnly, null).body()).contains("\"key\":\"national_id\"", "\"enabled\":false");
        assertProblem(call("GET", "/api/v1/catalogue?all=maybe", readOnly, null), 400);

        Response description = call("GET", "/api/v1/openapi.json", readOnly, null);
        assertThat(description.status()).isEqualTo(200);
        assertThat(description.body()).contains("\"openapi\":\"3.1.0\"", "\"/clients/{id}/reopen\"", "\"/catalogue\"",
                "\"DuplicatesProblem\"", "\"bearer\"");
    }

    @Test
    void possibleDuplicatesAre409WithCandidatesUnlessAcknowledged() {
        String email = "taras." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String first = create(admin, "Taras", "Shevchuk", "ACTIVE", Map.of("email", email));
        String body = "{\"values\":{\"given_name\":\"Taras\",\"family_name\":\"Other\",\"email\":\"" + email.toUpperCase() + "\"}}";
        Response duplicate = call("POST", "/api/v1/clients", admin, json(body));
        assertProblem(duplicate, 409);
        assertThat(duplicate.header("cache-control")).contains("no-store");
        assertThat(duplicate.body()).contains("possible-duplicates", "\"candidates\":[{\"id\":\"" + first + "\"", "\"reasons\":[\"email\"]")
                .doesNotContain(email);
        Response anyway = call("POST", "/api/v1/clients", admin, json(body.replace("}}", "},\"acknowledgeDuplicates\":true}")));
        assertThat(anyway.status()).as(anyway.body()).isEqualTo(201);
    }

    @Test
    void invalidValuesAre422PerFieldAndNothingIsSaved() {
        long before = clientCount();
        Response invalid = call("POST", "/api/v1/clients", admin, json("""
                {"values":{"given_name":"","family_name":"Koval","email":"not-an-email","date_of_birth":"2999-01-01",
                 "no_such_field":"x"}}"""));
        assertProblem(invalid, 422);
        assertThat(invalid.body()).contains("\"field\":\"values.given_name\",\"code\":\"clients.value.required\"",
                "\"field\":\"values.email\",\"code\":\"clients.value.email\"", "\"field\":\"values.date_of_birth\"",
                "\"field\":\"values.no_such_field\",\"code\":\"clients.value.unknownField\"", "Enter an email address")
                .doesNotContain("not-an-email", "Koval");
        assertThat(clientCount()).isEqualTo(before);
    }

    // --- strict bodies and mass assignment ---

    /**
     * Attack: mass assignment — setting the id, the reference, the version, the creator or a
     * closed/merged status through the create body, or the status through an edit. Every such
     * body is refused whole and nothing is created or changed.
     */
    @Test
    void massAssignmentIsRefusedWholeAndChangesNothing() {
        long before = clientCount();
        String values = "\"values\":{\"given_name\":\"Ivan\",\"family_name\":\"Massassign\"}";
        for (String extra : List.of("\"id\":\"" + UUID.randomUUID() + "\"", "\"reference\":\"C-2026-99999\"", "\"version\":7",
                "\"createdBy\":\"" + UUID.randomUUID() + "\"", "\"careTeam\":[]")) {
            assertProblem(call("POST", "/api/v1/clients", admin, json("{" + extra + "," + values + "}")), 400);
        }
        for (String status : List.of("CLOSED", "MERGED", "closed", "")) {
            Response refused = call("POST", "/api/v1/clients", admin, json("{\"status\":\"" + status + "\"," + values + "}"));
            assertProblem(refused, 422);
            assertThat(refused.body()).contains("\"field\":\"status\"");
        }
        assertThat(clientCount()).isEqualTo(before);

        String id = create(admin, "Ivan", "Massassign", "ACTIVE");
        assertProblem(call("PATCH", "/api/v1/clients/" + id, admin, json("{\"version\":1,\"status\":\"CLOSED\",\"values\":{}}")), 400);
        assertProblem(call("PATCH", "/api/v1/clients/" + id, admin, json("{\"version\":1,\"id\":\"" + UUID.randomUUID() + "\",\"values\":{}}")), 400);
        assertThat(call("GET", "/api/v1/clients/" + id, admin, null).body()).contains("\"status\":\"ACTIVE\"", "\"version\":1");
    }

    /** Attack: parser confusion — duplicate keys, trailing content, wrong types, huge or non-JSON bodies. */
    @Test
    void malformedHugeOrMistypedBodiesAreProblemsAndChangeNothing() {
        long before = clientCount();
        String ok = "{\"values\":{\"given_name\":\"Petro\",\"family_name\":\"Strict\"}}";
        assertThat(ok).isNotEmpty();
        for (String body : List.of(
                "{\"values\":{\"given_name\":\"Petro\",\"given_name\":\"Pavlo\",\"family_name\":\"Strict\"}}",
                "{\"values\":{\"given_name\":\"Petro\",\"family_name\":\"Strict\"},\"values\":{}}",
                "{\"values\":{\"given_name\":\"Petro\",\"family_name\":\"Strict\"}} {}",
                "{\"values\":{\"given_name\":\"Petro\",\"family_name\":\"Strict\"}} trailing",
                "{\"values\":{\"given_name\":5,\"family_name\":\"Strict\"}}",
                "{\"values\":{\"given_name\":[\"Petro\"],\"family_name\":\"Strict\"}}",
                "{\"values\":{\"given_name\":{\"a\":1},\"family_name\":\"Strict\"}}",
                "{\"values\":[],\"status\":\"ACTIVE\"}",
                "{\"values\":{\"given_name\":\"Petro\",\"family_name\":\"Strict\"},\"acknowledgeDuplicates\":\"true\"}",
                "{\"values\":{\"given_name\":\"Petro\",\"family_name\":\"Strict\"},\"status\":true}",
                "[]", "null", "\"text\"", "{", "")) {
            Response refused = call("POST", "/api/v1/clients", admin, json(body));
            assertProblem(refused, 400);
            assertThat(refused.body()).doesNotContain("Petro", "trailing", "Pavlo");
        }
        // the answer names the kind of fault, in fixed words
        assertThat(call("POST", "/api/v1/clients", admin, json("{\"values\":{\"given_name\":\"Petro\",\"given_name\":\"Pavlo\"}}")).body())
                .contains("A property appears twice in the body.");
        assertThat(call("POST", "/api/v1/clients", admin, json("{\"values\":{},\"id\":\"x\"}")).body())
                .contains("a property this request does not take");
        assertThat(call("POST", "/api/v1/clients", admin, json("{\"values\":{}} {}")).body()).contains("more content after its JSON value");
        assertThat(call("POST", "/api/v1/clients", admin, json("{\"values\":{\"given_name\":5}}")).body()).contains("wrong JSON type");
        assertThat(call("POST", "/api/v1/clients", admin, json("{")).body()).contains("not valid JSON");
        // Over HTTP/1.1: on HTTP/2 the server refuses to read past its flow-control window and ends the connection.
        assertProblem(call("POST", "/api/v1/clients", admin,
                json("{\"values\":{\"given_name\":\"" + "P".repeat(ClientsApiBodies.MAX_BYTES) + "\"}}"), Map.of(HTTP1, "")), 413);
        assertProblem(call("POST", "/api/v1/clients", admin, ok, Map.of("Content-Type", "text/plain")), 415);
        assertThat(clientCount()).isEqualTo(before);

        String id = create(admin, "Petro", "Strict", "ACTIVE");
        for (String body : List.of("{\"version\":\"1\",\"values\":{}}", "{\"version\":1.0,\"values\":{}}",
                "{\"version\":true,\"values\":{}}", "{\"version\":1,\"version\":1,\"values\":{}}")) {
            assertProblem(call("PATCH", "/api/v1/clients/" + id, admin, json(body)), 400);
        }
        assertProblem(call("POST", "/api/v1/clients/" + id + "/close", admin, "{\"version\":1}", Map.of("Content-Type", "text/plain")), 415);
        assertProblem(call("POST", "/api/v1/clients/" + id + "/close", admin, json("{\"version\":1,\"status\":\"ACTIVE\"}")), 400);
        assertThat(call("GET", "/api/v1/clients/" + id, admin, null).body()).contains("\"status\":\"ACTIVE\"", "\"version\":1");
    }

    // --- concurrency ---

    @Test
    void staleVersionIs409NamingWhatChangedAndIfMatchWorksInstead() {
        String id = create(admin, "Larysa", "Stale", "ACTIVE", Map.of("email", "larysa.stale@example.org"));
        assertThat(call("PATCH", "/api/v1/clients/" + id, admin, json("{\"version\":1,\"values\":{\"email\":\"l.stale@example.org\"}}"))
                .status()).isEqualTo(200);
        Response stale = call("PATCH", "/api/v1/clients/" + id, admin, json("{\"version\":1,\"values\":{\"phone\":\"+380 50 900 12 34\"}}"));
        assertProblem(stale, 409);
        assertThat(stale.body()).contains("edit-conflict", "\"changedFields\":[\"email\"]", "\"currentVersion\":2")
                .doesNotContain("stale@example.org", "900");
        assertProblem(call("POST", "/api/v1/clients/" + id + "/close", admin, json("{\"version\":1}")), 409);

        Response viaHeader = call("PATCH", "/api/v1/clients/" + id, admin, json("{\"values\":{\"phone\":\"+380 50 900 12 34\"}}"),
                Map.of("If-Match", "\"2\""));
        assertThat(viaHeader.status()).as(viaHeader.body()).isEqualTo(200);
        assertThat(viaHeader.header("etag")).isEqualTo("\"3\"");
        Response disagree = call("PATCH", "/api/v1/clients/" + id, admin, json("{\"version\":2,\"values\":{}}"), Map.of("If-Match", "\"3\""));
        assertProblem(disagree, 422);
        assertThat(disagree.body()).contains("\"field\":\"version\",\"code\":\"clientapi.version.mismatch\"");
        assertProblem(call("PATCH", "/api/v1/clients/" + id, admin, json("{\"values\":{}}"), Map.of("If-Match", "W/\"3\"")), 422);
        assertProblem(call("PATCH", "/api/v1/clients/" + id, admin, json("{\"values\":{}}")), 422);
        assertProblem(call("POST", "/api/v1/clients/" + id + "/close", admin, null), 422);
    }

    // --- access ---

    /**
     * Attack: insecure direct object reference — a practitioner's token naming another client's
     * id (not on their team) in the path, to read, edit, close or read the history. Every answer
     * is the 404 of a client that does not exist, byte for byte, and nothing changes.
     */
    @Test
    void anotherClientsIdInThePathLooksAbsentAndChangesNothing() {
        String mine = create(practitioner, "Roman", "Mine", "ACTIVE");
        String theirs = create(admin, "Sofiia " + CANARY, "Theirs", "ACTIVE");
        assertThat(call("GET", "/api/v1/clients/" + mine, practitioner, null).status()).isEqualTo(200);
        String absent = call("GET", "/api/v1/clients/" + UUID.randomUUID(), practitioner, null).body();
        for (String[] request : new String[][] {{"GET", ""}, {"GET", "/history"}, {"PATCH", ""}, {"POST", "/close"}, {"POST", "/reopen"}}) {
            String body = request[0].equals("GET") ? null : json("{\"version\":1,\"values\":{\"family_name\":\"Hijacked\"}}");
            if (request[1].endsWith("close") || request[1].endsWith("reopen")) {
                body = json("{\"version\":1}");
            }
            Response hidden = call(request[0], "/api/v1/clients/" + theirs + request[1], practitioner, body);
            assertProblem(hidden, 404);
            assertThat(hidden.body()).isEqualTo(absent);
            for (String spelling : List.of(theirs.toUpperCase(), theirs.replace("-", ""), "not-an-id", "1-1-1-1-1")) {
                Response other = call(request[0], "/api/v1/clients/" + spelling + request[1], admin, body);
                assertProblem(other, 404);
                assertThat(other.body()).isEqualTo(absent);
            }
        }
        Response list = call("GET", "/api/v1/clients?limit=200", practitioner, null);
        assertThat(list.body()).contains(mine).doesNotContain(theirs, CANARY);
        assertThat(call("GET", "/api/v1/clients/search?q=" + CANARY, practitioner, null).body()).doesNotContain(theirs);
        assertThat(call("GET", "/api/v1/clients/" + theirs, admin, null).body()).contains("\"version\":1", "\"status\":\"ACTIVE\"")
                .doesNotContain("Hijacked");
    }

    /** Attack: a read-only token (clients.read) used to create, edit, close or reopen. */
    @Test
    void readOnlyTokenIsRefusedOnEveryWriteWithInsufficientScope() {
        String id = create(admin, "Yuliia", "Readonly", "ACTIVE");
        long before = clientCount();
        assertThat(call("GET", "/api/v1/clients/" + id, readOnly, null).status()).isEqualTo(200);
        assertThat(call("GET", "/api/v1/clients?limit=1", readOnly, null).status()).isEqualTo(200);
        for (String[] write : new String[][] {{"POST", "/api/v1/clients", "{\"values\":{\"given_name\":\"A\",\"family_name\":\"B\"}}"},
                {"PATCH", "/api/v1/clients/" + id, "{\"version\":1,\"values\":{\"family_name\":\"Changed\"}}"},
                {"POST", "/api/v1/clients/" + id + "/close", "{\"version\":1}"},
                {"POST", "/api/v1/clients/" + id + "/reopen", "{\"version\":1}"}}) {
            Response refused = call(write[0], write[1], readOnly, json(write[2]));
            assertProblem(refused, 403);
            assertThat(refused.header("www-authenticate")).contains("error=\"insufficient_scope\"", "scope=\"clients.write\"");
            assertThat(refused.body()).contains("insufficient-scope");
        }
        assertThat(clientCount()).isEqualTo(before);
        assertThat(call("GET", "/api/v1/clients/" + id, admin, null).body()).contains("\"version\":1").doesNotContain("Changed");
    }

    /**
     * The front desk sees restricted values masked (marked so) and clinical ones not at all, and
     * cannot change a masked value; it may create but not close. A practitioner who creates a
     * client can open it at once (they lead its care team).
     */
    @Test
    void valuesAreShownAsTheRoleSeesThem() {
        String id = create(practitioner, "Nadiia", "Masked", "ACTIVE", Map.of("emergency_contact", CANARY + " +380 50 765 43 21",
                "presenting_issue", "insomnia " + CANARY));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM care_team_member WHERE client_id = ? AND staff_id = ?").param(id)
                .param(practitionerId.toString()).query(Long.class).single()).isEqualTo(1);
        Response full = call("GET", "/api/v1/clients/" + id, practitioner, null);
        assertThat(full.body()).contains("{\"key\":\"emergency_contact\",\"type\":\"TEXT\",\"value\":\"" + CANARY,
                "{\"key\":\"presenting_issue\",\"type\":\"TEXT\",\"value\":\"insomnia " + CANARY + "\",\"masked\":false}");
        for (String token : List.of(frontDesk, admin)) {
            Response masked = call("GET", "/api/v1/clients/" + id, token, null);
            assertThat(masked.status()).isEqualTo(200);
            assertThat(masked.body()).contains("{\"key\":\"emergency_contact\",\"type\":\"TEXT\",\"value\":\"", "\"masked\":true")
                    .doesNotContain(CANARY, "presenting_issue", "insomnia");
            Response history = call("GET", "/api/v1/clients/" + id + "/history", token, null);
            assertThat(history.body()).contains("\"field\":\"emergency_contact\"").doesNotContain(CANARY, "presenting_issue");
        }
        Response edit = call("PATCH", "/api/v1/clients/" + id, frontDesk, json("{\"version\":1,\"values\":{\"emergency_contact\":\"x\"}}"));
        assertProblem(edit, 422);
        assertThat(edit.body()).contains("clients.value.notEditable").doesNotContain(CANARY);
        assertProblem(call("POST", "/api/v1/clients/" + id + "/close", frontDesk, json("{\"version\":1}")), 403);
    }

    /** No problem document about a record carries any of its values, whatever went wrong. */
    @Test
    void problemsNeverCarryRecordValues() {
        String id = create(admin, CANARY + "a", CANARY + "enko", "ACTIVE", Map.of("email", CANARY.toLowerCase() + "@example.org",
                "alerts", "allergy " + CANARY));
        call("PATCH", "/api/v1/clients/" + id, admin, json("{\"version\":1,\"values\":{\"alerts\":\"peanuts " + CANARY + "\"}}"));
        List<Response> problems = List.of(
                call("PATCH", "/api/v1/clients/" + id, admin, json("{\"version\":1,\"values\":{\"alerts\":\"x\"}}")),
                call("PATCH", "/api/v1/clients/" + id, admin, json("{\"version\":2,\"values\":{\"email\":\"" + CANARY + "\"}}")),
                call("PATCH", "/api/v1/clients/" + id, admin, json("{\"version\":2,\"values\":{\"alerts\":\"" + CANARY + "\",}}")),
                call("POST", "/api/v1/clients/" + id + "/reopen", admin, json("{\"version\":2}")),
                call("GET", "/api/v1/clients/" + id, practitioner, null),
                call("PATCH", "/api/v1/clients/" + id, readOnly, json("{\"version\":2,\"values\":{}}")));
        for (Response problem : problems) {
            assertThat(problem.status()).isGreaterThanOrEqualTo(400);
            assertThat(problem.header("content-type")).startsWith("application/problem+json");
            assertThat(problem.body().toLowerCase()).doesNotContain(CANARY.toLowerCase());
        }
    }

    // --- helpers ---

    String create(String token, String given, String family, String status) {
        return create(token, given, family, status, Map.of());
    }

    String create(String token, String given, String family, String status, Map<String, String> more) {
        StringBuilder values = new StringBuilder("{\"given_name\":\"" + given + "\",\"family_name\":\"" + family + "\"");
        more.forEach((k, v) -> values.append(",\"").append(k).append("\":\"").append(v).append('"'));
        Response created = call("POST", "/api/v1/clients", token,
                json("{\"status\":\"" + status + "\",\"acknowledgeDuplicates\":true,\"values\":" + values + "}}"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return id(created);
    }

    static String id(Response response) {
        Matcher m = ID.matcher(response.body());
        assertThat(m.find()).as(response.body()).isTrue();
        return m.group(1);
    }

    /** Marks a body as JSON for {@link #call}. */
    static String json(String body) {
        return body;
    }

    long clientCount() {
        return jdbc.sql("SELECT COUNT(*) FROM client").query(Long.class).single();
    }

    long audit(String action, String client) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = ? AND client_id = ?").param(action).param(client)
                .query(Long.class).single();
    }

    Path certificate() {
        return Path.of(environment.getRequiredProperty("strongroom.data-dir"), "tls", "server.crt");
    }

    StaffId account(String email, String name, StaffRole role) {
        StaffId id = StaffId.random();
        accounts.insert(id, email, name, passwords.encode(PASSWORD), role, StaffStatus.ACTIVE, clock.instant());
        return id;
    }

    String token(StaffId owner, Set<ApiScope> scopes) {
        ApiTokenCreation result = tokens.create(owner, new ApiTokenRequest("Clients API test", scopes, clock.instant().plus(Duration.ofDays(1))));
        return ((ApiTokenCreation.Created) result).token().secret();
    }

    Response call(String method, String path, String token, @Nullable String body) {
        return call(method, path, token, body, Map.of());
    }

    Response call(String method, String path, String token, @Nullable String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && !headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach((name, value) -> {
            if (name.equals(HTTP1)) {
                request.version(HttpClient.Version.HTTP_1_1);
            } else {
                request.header(name, value);
            }
        });
        try {
            HttpResponse<String> response = api.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void assertProblem(Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("content-type")).startsWith("application/problem+json");
        assertThat(response.body()).contains("\"status\":" + status, "\"title\":\"", "\"detail\":\"");
        assertThat(response.body()).doesNotContain("Exception", "tools.jackson", "at [Source");
    }
}
