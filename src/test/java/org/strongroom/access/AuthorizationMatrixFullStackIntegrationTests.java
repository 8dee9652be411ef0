package org.strongroom.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.strongroom.access.EndpointMatrix.Chain;
import org.strongroom.access.EndpointMatrix.Line;
import org.strongroom.access.EndpointMatrix.Need;
import org.strongroom.clients.ClientProfile;
import org.strongroom.clients.ClientResult;
import org.strongroom.clients.ClientStatus;
import org.strongroom.clients.Clients;
import org.strongroom.clients.NewClient;
import org.strongroom.documents.DocumentDetails;
import org.strongroom.documents.DocumentMetadata;
import org.strongroom.documents.DocumentResult;
import org.strongroom.documents.Documents;
import org.strongroom.documents.UploadSource;
import org.strongroom.identity.ApiScope;
import org.strongroom.identity.ApiTokenCreation;
import org.strongroom.identity.ApiTokenRequest;
import org.strongroom.identity.ApiTokens;
import org.strongroom.identity.NewApiToken;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffRole;
import org.strongroom.identity.StaffStatus;
import org.strongroom.identity.internal.Accounts;
import org.strongroom.testing.HttpsClient;
import org.strongroom.testing.StaffSignIn;

/**
 * The authorization matrix of issue 6, over real HTTPS with real sign-ins (password and
 * authenticator app) and real API tokens: every line of {@code access/endpoint-matrix.tsv} × every
 * caller (nobody, the five built-in roles, a custom role) × — for lines about one client — every
 * relation to that client (on the care team, not on it, an active grant, an expired grant, an
 * active break-the-glass, an expired one). The expected answer is derived from the line's need and
 * the role's definition ({@link AccessPolicy#role}), never written per cell:
 * <ul>
 * <li>allowed: the request reaches the service — not 401, 403, 404, 5xx, nor a redirect to sign in;</li>
 * <li>refused for lack of a permission: 403 (pages and API alike);</li>
 * <li>refused because the client is out of reach: 404 with exactly the body of a client id nobody
 * has any relation to (attack: telling a hidden client from a missing one);</li>
 * <li>nobody signed in: a redirect to the sign-in page, or 401 from the API.</li>
 * </ul>
 * No refusal may carry data: canary strings are planted in other people's names, a grant's
 * reason and a role's label, and no refused body may contain them. Every mismatching cell is
 * listed, and the whole table is printed. Runs on SQLite and on PostgreSQL (the subclasses choose
 * the database).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class AuthorizationMatrixFullStackIntegrationTests {

    static final String PASSWORD = "amber-quarry-lantern-63";
    /** Planted in other people's data; no refusal may contain it (compared ignoring case). */
    static final String CANARY = "Canary";

    /** Who calls. */
    enum Caller {
        NOBODY(null), OWNER(StaffRole.OWNER), ADMINISTRATOR(StaffRole.ADMINISTRATOR), PRACTITIONER(StaffRole.PRACTITIONER),
        STAFF(StaffRole.STAFF), AUDITOR(StaffRole.AUDITOR), CUSTOM(null);

        final @Nullable StaffRole builtIn;

        Caller(@Nullable StaffRole builtIn) {
            this.builtIn = builtIn;
        }
    }

    /** How the caller stands to the client named in the request. */
    enum Relation {
        ON_TEAM("T"), NOT_ON_TEAM("N"), GRANTED("G"), EXPIRED_GRANT("g"), BREAK_GLASS("B"), EXPIRED_BREAK_GLASS("b");

        final String letter;

        Relation(String letter) {
            this.letter = letter;
        }
    }

    /** What a cell should answer. */
    enum Expected { REACHED, FORBIDDEN, LOOKS_ABSENT, SIGN_IN_FIRST }

    /** A signed-in caller: browser session, API token, staff id, role key. */
    record Session(Caller caller, HttpsClient browser, @Nullable String token, @Nullable StaffId id, @Nullable String roleKey,
                   @Nullable String email, String[] csrf) {
    }

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
    Roles roles;
    @Autowired
    CareTeams careTeams;
    @Autowired
    AccessGrants grants;
    @Autowired
    AccessPolicy policy;
    @Autowired
    Clients clientRecords;
    @Autowired
    Documents documents;
    @Autowired
    Clock clock;

    final Map<Caller, Session> sessions = new EnumMap<>(Caller.class);
    final Map<Relation, UUID> clients = new EnumMap<>(Relation.class);
    final Map<Caller, String> spareTokens = new EnumMap<>(Caller.class);
    /** One document per client that a line names with {@code {documentId}}, uploaded by the owner when first needed. */
    final Map<UUID, String> documentIds = new java.util.concurrent.ConcurrentHashMap<>();
    StaffId owner;
    StaffId bystander;
    String customRole;
    String spareRole;
    UUID bystanderGrant;
    HttpClient api;

    @BeforeAll
    void peopleRelationsAndSessions() {
        api = HttpClient.newBuilder().sslContext(HttpsClient.trusting(certificate()))
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        Instant now = clock.instant();
        owner = account("owner", "Olha Matrixowner", StaffRole.OWNER);
        Actor ownerActor = new Actor.Staff(owner, StaffRole.OWNER);
        customRole = created(roles.create(ownerActor, new Roles.RoleDraft("Billing clerk", Reach.CARE_TEAM,
                EnumSet.of(Permission.CLIENT_READ, Permission.DOCUMENT_READ),
                Map.of(Sensitivity.NORMAL, Visibility.FULL, Sensitivity.RESTRICTED, Visibility.MASKED)))).key();
        spareRole = created(roles.create(ownerActor, new Roles.RoleDraft(CANARY + " archivist", Reach.NONE,
                EnumSet.of(Permission.AUDIT_READ), Map.of()))).key();
        bystander = account("canary.bystander", CANARY + " Bystander", StaffRole.STAFF);

        for (Relation relation : Relation.values()) {
            clients.put(relation, registered(ownerActor, relation.name()));
        }
        // The bystander is on every client's team and holds a grant with a planted reason, so each
        // client has something to leak.
        for (UUID client : clients.values()) {
            careTeams.assign(ownerActor, client, bystander, TeamRole.LEAD);
        }
        bystanderGrant = created(grants.grant(ownerActor, clients.get(Relation.NOT_ON_TEAM), bystander,
                now.plus(Duration.ofDays(7)), CANARY + " reason: covering for a colleague on leave")).id();

        for (Caller caller : Caller.values()) {
            if (caller == Caller.NOBODY) {
                HttpsClient browser = client();
                sessions.put(caller, new Session(caller, browser, null, null, null, null,
                        new String[] {HttpsClient.csrfToken(browser.get("/login").body())}));
                continue;
            }
            StaffRole role = caller == Caller.CUSTOM ? StaffRole.valueOf(customRole) : caller.builtIn;
            StaffId id = caller == Caller.OWNER ? owner
                    : account(caller.name().toLowerCase(Locale.ROOT), "Matrix " + caller.name().charAt(0)
                            + caller.name().substring(1).toLowerCase(Locale.ROOT), role);
            relate(id, now);
            String email = email(caller == Caller.OWNER ? "owner" : caller.name().toLowerCase(Locale.ROOT));
            HttpsClient browser = client();
            StaffSignIn.signIn(browser, email, PASSWORD);
            String token = token(id).secret();
            spareTokens.put(caller, token(id).id().toString());
            sessions.put(caller, new Session(caller, browser, token, id, role.key(), email,
                    new String[] {HttpsClient.csrfToken(browser.get("/account").body())}));
        }
    }

    /** Every relation, one client each, straight in the access tables (the services are tested elsewhere). */
    void relate(StaffId staff, Instant now) {
        long past = now.minus(Duration.ofDays(2)).toEpochMilli();
        long expired = now.minus(Duration.ofHours(1)).toEpochMilli();
        long future = now.plus(Duration.ofDays(2)).toEpochMilli();
        jdbc.sql("INSERT INTO care_team_member (client_id, staff_id, team_role, added_at) VALUES (?, ?, 'MEMBER', ?)")
                .param(clients.get(Relation.ON_TEAM).toString()).param(staff.toString()).param(past).update();
        grant(staff, Relation.GRANTED, "GRANT", past, future, null);
        grant(staff, Relation.EXPIRED_GRANT, "GRANT", past, expired, null);
        grant(staff, Relation.BREAK_GLASS, "BREAK_GLASS", past, future, "PENDING");
        grant(staff, Relation.EXPIRED_BREAK_GLASS, "BREAK_GLASS", past, expired, "PENDING");
    }

    private void grant(StaffId staff, Relation relation, String kind, long starts, long expires, @Nullable String review) {
        jdbc.sql("""
                        INSERT INTO access_grant (id, client_id, staff_id, kind, starts_at, expires_at, created_at, review_state)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .param(UUID.randomUUID().toString()).param(clients.get(relation).toString()).param(staff.toString())
                .param(kind).param(starts).param(expires).param(starts).param(review).update();
    }

    // --- the matrix -------------------------------------------------------------------------

    @Test
    @Order(10)
    void everyEndpointAnswersEveryCallerAsTheirRoleAndRelationAllow() {
        List<Line> lines = new ArrayList<>(EndpointMatrix.load());
        // Lines that end a session go last; within each group the file's order.
        lines.sort((a, b) -> Boolean.compare(a.last(), b.last()));
        List<String> mismatches = new ArrayList<>();
        Map<Line, Map<Caller, String>> table = new LinkedHashMap<>();
        long started = System.nanoTime();
        int cells = 0;
        for (Line line : lines) {
            Map<Caller, String> row = new EnumMap<>(Caller.class);
            for (Caller caller : Caller.values()) {
                StringBuilder cell = new StringBuilder();
                for (Relation relation : line.clientBound() ? List.of(Relation.values()) : List.of(Relation.NOT_ON_TEAM)) {
                    Expected expected = expected(line, caller, relation);
                    String problem = check(line, sessions.get(caller), relation, expected);
                    cells++;
                    boolean allowed = expected == Expected.REACHED;
                    cell.append(problem == null ? (allowed ? "A" : "-") : "!");
                    if (problem != null) {
                        mismatches.add(line + " as " + caller + (line.clientBound() ? " " + relation : "") + ": expected "
                                + expected + ", " + problem);
                    }
                }
                row.put(caller, cell.toString());
            }
            table.put(line, row);
        }
        System.out.println(summary(table, cells, System.nanoTime() - started));
        assertThat(mismatches).as("cells of the authorization matrix that answered otherwise than expected").isEmpty();
    }

    // --- immediate effect and identifier guessing ---------------------------------------------

    /**
     * Attack: keeping access after being taken off a client's care team (a stale cache or a
     * session that remembers). The very next request after the removal — and after a grant's
     * revocation — must find the client gone.
     */
    @Test
    @Order(1)
    void removalFromTheCareTeamOrRevokedGrantCountsFromTheVeryNextRequest() {
        List<Line> probes = clientProbes();
        Session practitioner = sessions.get(Caller.PRACTITIONER);
        Actor ownerActor = new Actor.Staff(owner, StaffRole.OWNER);
        UUID client = registered(ownerActor, "immediate");

        careTeams.assign(ownerActor, client, practitioner.id(), TeamRole.MEMBER);
        probes.forEach(line -> assertThat(reached(call(line, practitioner, client), line)).as(line + " on the team").isTrue());
        assertThat(created(careTeams.remove(ownerActor, client, practitioner.id()))).isTrue();
        probes.forEach(line -> assertThat(call(line, practitioner, client).status()).as(line + " right after removal").isEqualTo(404));

        AccessGrant cover = created(grants.grant(ownerActor, client, practitioner.id(), clock.instant().plus(Duration.ofDays(1)), null));
        probes.forEach(line -> assertThat(reached(call(line, practitioner, client), line)).as(line + " with a grant").isTrue());
        created(grants.revoke(ownerActor, cover.id()));
        probes.forEach(line -> assertThat(call(line, practitioner, client).status()).as(line + " right after revocation").isEqualTo(404));
    }

    /**
     * Attack: insecure direct object references — guessing client ids, and walking from a known
     * one (ids one step up or down, other digits changed, other spellings of the same id). As a
     * practitioner with no relation to any of them, every answer is the 404 of a client that does
     * not exist, byte for byte once nonces and tokens are set aside.
     */
    @Test
    @Order(2)
    void guessedAndIteratedClientIdsAllLookAbsent() {
        List<Line> probes = clientProbes();
        Session practitioner = sessions.get(Caller.PRACTITIONER);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        String known = clients.get(Relation.NOT_ON_TEAM).toString();
        String mine = clients.get(Relation.ON_TEAM).toString();
        for (String start : List.of(known, mine)) {
            for (int position : new int[] {35, 34, 30, 24, 20, 15, 10, 0}) {
                for (int step : new int[] {1, -1}) {
                    ids.add(nudge(start, position, step));
                }
            }
        }
        ids.add(known.toUpperCase(Locale.ROOT));
        ids.add(known.replace("-", ""));
        ids.add(" " + known);
        ids.add(known + "/");
        List<String> differences = new ArrayList<>();
        for (Line line : probes) {
            UUID nobodys = UUID.randomUUID();
            HttpsClient.Response reference = call(line, practitioner, nobodys);
            assertThat(reference.status()).as(line + " for a client that does not exist").isEqualTo(404);
            String expected = normalise(reference.body(), nobodys);
            for (String id : ids) {
                HttpsClient.Response guessed = probe(line, practitioner, nobodys, id);
                String body = normalise(guessed.body().replace(id, "{clientId}"), nobodys);
                int expectedStatus = 404;
                String expectedBody = expected;
                if (id.endsWith("/")) {
                    // Where the id is not the last segment, a trailing slash makes a malformed address
                    // (…/id//team) that is refused before any lookup: it must then answer as the same
                    // spelling of a client that does not exist.
                    HttpsClient.Response spelt = probe(line, practitioner, nobodys, nobodys + "/");
                    expectedStatus = spelt.status();
                    expectedBody = normalise(spelt.body().replace(nobodys + "/", "{clientId}"), nobodys);
                }
                if (guessed.status() != expectedStatus || !body.equals(expectedBody) || leak(guessed) != null) {
                    differences.add(line + " with «" + id + "»: " + guessed.status() + " " + firstDifference(body, expected));
                }
            }
        }
        assertThat(differences).as("guessed client ids that answered unlike a missing client").isEmpty();
    }

    /** The line's sample as the practitioner, with {@code id} spelt into the path where the client id goes. */
    HttpsClient.Response probe(Line line, Session practitioner, UUID nobodys, String id) {
        String path = fill(line.sample(), practitioner, nobodys).replace(nobodys.toString(),
                URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/"));
        return line.chain() == Chain.API
                ? apiCall(line.method(), path, fill(line.body(), practitioner, nobodys), practitioner.token())
                : pageCall(line.method(), path, fill(line.body(), practitioner, nobodys), practitioner);
    }

    /** Changes one hex digit of a UUID's text by {@code step} (wrapping), keeping the form. */
    static String nudge(String uuid, int position, int step) {
        char[] text = uuid.toCharArray();
        int digit = Character.digit(text[position], 16);
        text[position] = Character.forDigit(Math.floorMod(digit + step, 16), 16);
        return new String(text);
    }

    /**
     * The client-bound GET lines a practitioner reaches through the care team: the endpoints where
     * the relation decides. None yet means nothing to probe (the test is skipped, saying so).
     */
    List<Line> clientProbes() {
        RoleDefinition practitioner = policy.role(StaffRole.PRACTITIONER.key()).orElseThrow();
        List<Line> probes = EndpointMatrix.load().stream()
                .filter(line -> line.clientBound() && line.method().equals("GET") && !line.last())
                .filter(line -> line.need() instanceof Need.Permissions p && p.alternatives().stream().anyMatch(alternative ->
                        alternative.stream().anyMatch(Permission::clientBound) && practitioner.permissions().containsAll(alternative)))
                .toList();
        Assumptions.assumeFalse(probes.isEmpty(),
                "no GET endpoint yet that a practitioner reaches through a care team (client-bound line with a client-bound permission)");
        return probes;
    }

    boolean reached(HttpsClient.Response response, Line line) {
        int status = response.status();
        return line.reached().contains(status)
                || !(status == 401 || status == 403 || status == 404 || status >= 500 || signInRedirect(response));
    }

    /** The expected answer, derived from the line's need, the role's definition and the relation. */
    Expected expected(Line line, Caller caller, Relation relation) {
        Need need = line.need();
        if (need instanceof Need.Public) {
            return Expected.REACHED;
        }
        Session session = sessions.get(caller);
        if (session.roleKey() == null) {
            return Expected.SIGN_IN_FIRST;
        }
        if (!(need instanceof Need.Permissions permissions)) {
            return Expected.REACHED; // any complete sign-in, any valid token
        }
        RoleDefinition role = policy.role(session.roleKey()).orElseThrow(() -> new AssertionError("no role " + session.roleKey()));
        boolean holdsAll = false;
        for (List<Permission> alternative : permissions.alternatives()) {
            if (!role.permissions().containsAll(alternative)) {
                continue;
            }
            holdsAll = true;
            boolean reached = alternative.stream().allMatch(p -> !p.clientBound() || !line.clientBound() || reaches(role.reach(), relation));
            if (reached) {
                return Expected.REACHED;
            }
        }
        return holdsAll ? Expected.LOOKS_ABSENT : Expected.FORBIDDEN;
    }

    static boolean reaches(Reach reach, Relation relation) {
        return switch (reach) {
            case ORGANISATION -> true;
            case CARE_TEAM -> relation == Relation.ON_TEAM || relation == Relation.GRANTED || relation == Relation.BREAK_GLASS;
            case OWN_RECORD, NONE -> false;
        };
    }

    /** Calls one cell; null when it answered as expected, else what went wrong. */
    @Nullable String check(Line line, Session session, Relation relation, Expected expected) {
        UUID client = clients.get(relation);
        HttpsClient.Response response = call(line, session, client);
        int status = response.status();
        String where = status + (response.header("location") == null ? "" : " → " + response.header("location"));
        switch (expected) {
            case REACHED -> {
                return reached(response, line) ? null : "got " + where;
            }
            case SIGN_IN_FIRST -> {
                // Pages send nobody to sign in; guards ahead of the chain (passkey registration) refuse outright.
                boolean ok = line.chain() == Chain.API ? status == 401 : signInRedirect(response) || status == 401 || status == 403;
                return ok ? leak(response) : "got " + where + leakNote(response);
            }
            case FORBIDDEN -> {
                return status == 403 ? leak(response) : "got " + where + leakNote(response);
            }
            case LOOKS_ABSENT -> {
                if (status != 404) {
                    return "got " + where + leakNote(response);
                }
                UUID nobodys = UUID.randomUUID();
                HttpsClient.Response missing = call(line, session, nobodys);
                String hidden = normalise(response.body(), client);
                String absent = normalise(missing.body(), nobodys);
                if (missing.status() != 404 || !hidden.equals(absent)) {
                    return "a client out of reach answers unlike a missing one (" + missing.status() + "): "
                            + firstDifference(hidden, absent);
                }
                return leak(response);
            }
            default -> throw new IllegalStateException();
        }
    }

    static boolean signInRedirect(HttpsClient.Response response) {
        String location = response.header("location");
        if (response.status() / 100 != 3 || location == null) {
            return false;
        }
        String path = URI.create(location).getPath();
        String query = URI.create(location).getQuery();
        return query == null && (path.equals("/login") || path.equals("/mfa/challenge") || path.equals("/mfa/enrol"));
    }

    @Nullable String leak(HttpsClient.Response refusal) {
        return refusal.body().toLowerCase(Locale.ROOT).contains(CANARY.toLowerCase(Locale.ROOT))
                ? "the refusal carries planted data: " + excerpt(refusal.body(), CANARY) : null;
    }

    String leakNote(HttpsClient.Response response) {
        String leak = leak(response);
        return leak == null ? "" : "; " + leak;
    }

    /** Removes what differs between any two responses: nonces, CSRF tokens, request ids; and the client id asked for. */
    static String normalise(String body, UUID client) {
        return body.replace(client.toString(), "{clientId}")
                .replaceAll("nonce=\"[^\"]*\"", "nonce=\"\"")
                .replaceAll("(name=\"_csrf\"\\s+value=)\"[^\"]*\"", "$1\"\"")
                .replaceAll("(value=)\"[^\"]*\"(\\s+name=\"_csrf\")", "$1\"\"$2")
                .replaceAll("(<meta name=\"_csrf\" content=)\"[^\"]*\"", "$1\"\"")
                .replaceAll("(\"requestId\"\\s*:\\s*)\"[^\"]*\"", "$1\"\"")
                .replaceAll("(\"timestamp\"\\s*:\\s*)\"[^\"]*\"", "$1\"\"");
    }

    static String firstDifference(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return "at " + i + ": «" + a.substring(Math.max(0, i - 40), Math.min(a.length(), i + 60)) + "» vs «"
                + b.substring(Math.max(0, i - 40), Math.min(b.length(), i + 60)) + "»";
    }

    static String excerpt(String body, String needle) {
        int at = body.toLowerCase(Locale.ROOT).indexOf(needle.toLowerCase(Locale.ROOT));
        return "«" + body.substring(Math.max(0, at - 60), Math.min(body.length(), at + 60)).replaceAll("\\s+", " ") + "»";
    }

    // --- requests ---------------------------------------------------------------------------

    HttpsClient.Response call(Line line, Session session, UUID client) {
        String path = fill(line.sample(), session, client);
        String body = fill(line.body(), session, client);
        return line.chain() == Chain.API ? apiCall(line.method(), path, body, session.token()) : pageCall(line.method(), path, body, session);
    }

    String fill(String text, Session session, UUID client) {
        return text.replace("{clientId}", client.toString())
                .replace("{selfId}", session.id() == null ? UUID.randomUUID().toString() : session.id().toString())
                .replace("{staffId}", bystander.toString())
                .replace("{tokenId}", spareTokens.getOrDefault(session.caller(), UUID.randomUUID().toString()))
                .replace("{grantId}", bystanderGrant.toString())
                .replace("{roleKey}", spareRole)
                .replace("{randomId}", UUID.randomUUID().toString())
                .replace("{documentId}", text.contains("{documentId}") ? documentOf(client) : "");
    }

    /**
     * A document of this client (title planted with the canary), or a random id when the client
     * does not exist — so a missing client's document address is as missing as the client.
     */
    String documentOf(UUID client) {
        return documentIds.computeIfAbsent(client, c -> {
            long exists = jdbc.sql("SELECT COUNT(*) FROM client WHERE id = ?").param(c.toString()).query(Long.class).single();
            if (exists == 0) {
                return UUID.randomUUID().toString();
            }
            byte[] text = "A document for the authorization matrix.\n".getBytes(StandardCharsets.UTF_8);
            DocumentResult<DocumentDetails> made = documents.upload(new Actor.Staff(owner, StaffRole.OWNER), c,
                    new DocumentMetadata("other", "other", CANARY + " document", null, Sensitivity.NORMAL, List.of()),
                    new UploadSource(new java.io.ByteArrayInputStream(text), "matrix.txt", (long) text.length, false));
            assertThat(made).as("set-up: a document for the matrix").isInstanceOf(DocumentResult.Done.class);
            return ((DocumentResult.Done<DocumentDetails>) made).value().document().id().toString();
        });
    }

    HttpsClient.Response pageCall(String method, String path, String body, Session session) {
        HttpsClient browser = session.browser();
        if (method.equals("GET")) {
            return browser.get(path);
        }
        if (body.startsWith("{")) {
            if (method.equals("POST")) {
                return browser.postJson(path, body, session.csrf()[0]);
            }
        }
        if (method.equals("POST")) {
            Map<String, String> form = new LinkedHashMap<>(form(body));
            form.put("_csrf", session.csrf()[0]);
            return browser.post(path, form);
        }
        // Any other method (DELETE …): the browser's cookies and the CSRF token in its header.
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(browser.base() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).header("X-CSRF-TOKEN", session.csrf()[0]);
        if (!browser.cookies().isEmpty()) {
            request.header("Cookie", browser.cookies().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        return send(request);
    }

    static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        if (!body.isEmpty()) {
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                form.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return form;
    }

    HttpsClient.Response apiCall(String method, String path, String body, @Nullable String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + port + path))
                .header("Accept", "application/json")
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (!body.isEmpty()) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    HttpsClient.Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = api.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new HttpsClient.Response(response.statusCode(), response.headers(), response.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // --- output -----------------------------------------------------------------------------

    static String summary(Map<Line, Map<Caller, String>> table, int cells, long nanos) {
        int width = table.keySet().stream().mapToInt(l -> l.endpoint().length()).max().orElse(10) + 2;
        StringBuilder out = new StringBuilder("\nAuthorization matrix (A allowed, - refused, ! unexpected; client-bound lines: one letter per relation "
                + java.util.Arrays.stream(Relation.values()).map(r -> r.letter + "=" + r.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(" ")) + ")\n");
        out.append(String.format("%-" + width + "s", "endpoint"));
        for (Caller caller : Caller.values()) {
            out.append(String.format("%-8s", caller.name().length() > 7 ? caller.name().substring(0, 7) : caller.name()));
        }
        out.append('\n');
        table.forEach((line, row) -> {
            out.append(String.format("%-" + width + "s", line.endpoint()));
            row.values().forEach(cell -> out.append(String.format("%-8s", cell)));
            out.append('\n');
        });
        out.append(cells).append(" cells in ").append(nanos / 1_000_000).append(" ms\n");
        return out.toString();
    }

    // --- set-up helpers ---------------------------------------------------------------------

    HttpsClient client() {
        return new HttpsClient(port, certificate());
    }

    Path certificate() {
        return Path.of(environment.getRequiredProperty("strongroom.data-dir"), "tls", "server.crt");
    }

    static String email(String local) {
        return "matrix." + local + "@example.org";
    }

    /** A real client record, its given name a canary that no refusal may carry. */
    UUID registered(Actor owner, String label) {
        var made = clientRecords.create(owner, new NewClient(ClientStatus.ACTIVE,
                Map.of("given_name", CANARY, "family_name", "Matrix " + label), true));
        return ((ClientResult.Done<ClientProfile>) made).value().id();
    }

    StaffId account(String local, String name, StaffRole role) {
        StaffId id = StaffId.random();
        accounts.insert(id, email(local), name, passwords.encode(PASSWORD), role, StaffStatus.ACTIVE, clock.instant());
        return id;
    }

    NewApiToken token(StaffId staff) {
        ApiTokenCreation created = tokens.create(staff, new ApiTokenRequest("Authorization matrix",
                EnumSet.allOf(ApiScope.class), clock.instant().plus(Duration.ofDays(1))));
        assertThat(created).isInstanceOf(ApiTokenCreation.Created.class);
        return ((ApiTokenCreation.Created) created).token();
    }

    static <T> T created(AccessResult<T> result) {
        assertThat(result).as("set-up").isInstanceOf(AccessResult.Done.class);
        return ((AccessResult.Done<T>) result).value();
    }
}
