package org.strongroom.documents.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLSocket;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.http.ContentDisposition;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.strongroom.access.Actor;
import org.strongroom.access.CareTeams;
import org.strongroom.access.TeamRole;
import org.strongroom.clients.ClientProfile;
import org.strongroom.clients.ClientResult;
import org.strongroom.clients.ClientStatus;
import org.strongroom.clients.Clients;
import org.strongroom.clients.NewClient;
import org.strongroom.documents.internal.storage.BlobStore;
import org.strongroom.documents.internal.storage.BlobWriter;
import org.strongroom.identity.ApiScope;
import org.strongroom.identity.ApiTokenCreation;
import org.strongroom.identity.ApiTokenRequest;
import org.strongroom.identity.ApiTokens;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffRole;
import org.strongroom.identity.StaffStatus;
import org.strongroom.identity.internal.Accounts;
import org.strongroom.testing.HttpsClient;

/**
 * The documents API end to end over real HTTPS with real personal access tokens: uploads in both
 * forms (raw body, streaming multipart) round trip byte for byte, downloads serve single ranges
 * (across the 1 MiB segment boundary of the encrypted stream too), versions, trash and optimistic
 * concurrency work through the services (so encrypted, checked, scoped and audited), and the
 * attacks named on each test fail. The size limit is lowered to 3 MiB to test it cheaply. Runs on
 * SQLite and PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"strongroom.documents.max-size=3MB", "strongroom.documents.warm-up=false"})
abstract class DocumentsApiFullStackIntegrationTests {

    static final String PASSWORD = "willow-ember-granite-58";
    static final long MAX = 3L * 1024 * 1024;
    /** The plaintext segment of the encrypted stream. */
    static final int SEGMENT = 1 << 20;
    static final Pattern DOCUMENT_ID = Pattern.compile("\"document\":\\{\"id\":\"([0-9a-f-]{36})\"");
    static final Pattern ROW_VERSION = Pattern.compile("\"version\":(\\d+)\\}");
    /** A small PDF: detected as application/pdf by its magic bytes. */
    static final byte[] PDF = ("%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\n"
            + "endobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);

    /** Per server: owner, practitioner (on the team of the shared client), front desk; tokens; the shared clients. */
    static final Map<Integer, Fixture> FIXTURES = new ConcurrentHashMap<>();

    record Fixture(StaffId owner, StaffId practitionerId, String ownerToken, String practitioner, String frontDesk, String readOnly, String clientsOnly,
                   String outsider, UUID client, UUID otherClient) {
    }

    record Answer(int status, java.net.http.HttpHeaders headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Nullable String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
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
    Clients clients;
    @Autowired
    CareTeams careTeams;
    @Autowired
    BlobStore blobs;
    @Autowired
    Clock clock;

    Fixture f;
    HttpClient api;

    @BeforeEach
    void people() {
        f = FIXTURES.computeIfAbsent(port, p -> {
            StaffId owner = account("iryna.owner@example.org", "Iryna Owner", StaffRole.OWNER);
            StaffId practitioner = account("taras.practitioner@example.org", "Taras Practitioner", StaffRole.PRACTITIONER);
            StaffId outsider = account("olena.outsider@example.org", "Olena Outsider", StaffRole.PRACTITIONER);
            StaffId frontDesk = account("desk.documents@example.org", "Desk Documents", StaffRole.STAFF);
            Actor ownerActor = new Actor.Staff(owner, StaffRole.OWNER);
            UUID client = client(ownerActor, "Myroslava", "Kovalenko");
            UUID other = client(ownerActor, "Yevhen", "Shevchuk");
            careTeams.assign(ownerActor, client, practitioner, TeamRole.MEMBER);
            careTeams.assign(ownerActor, other, practitioner, TeamRole.MEMBER);
            Set<ApiScope> documentsAll = EnumSet.of(ApiScope.DOCUMENTS_READ, ApiScope.DOCUMENTS_WRITE);
            return new Fixture(owner, practitioner, token(owner, documentsAll), token(practitioner, documentsAll), token(frontDesk, documentsAll),
                    token(owner, EnumSet.of(ApiScope.DOCUMENTS_READ)),
                    token(owner, EnumSet.of(ApiScope.CLIENTS_READ, ApiScope.CLIENTS_WRITE)), token(outsider, documentsAll), client, other);
        });
        api = HttpClient.newBuilder().sslContext(HttpsClient.trusting(certificate()))
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    }

    // --- round trips -----------------------------------------------------------------------------

    @Test
    void rawUploadRoundTripsByteForByteWithSafeDownloadHeaders() {
        UUID client = freshClient();
        byte[] text = text(1_500_000, 7);
        Answer made = send("POST", documents(client) + "?folder=correspondence&type=letter&title=Reply%20about%20housing"
                        + "&date=2026-10-01&tags=housing&tags=reply&sensitivity=NORMAL", f.practitioner(), text,
                Map.of("Content-Type", "application/octet-stream",
                        "Content-Disposition", "attachment; filename*=UTF-8''%D0%BB%D0%B8%D1%81%D1%82.txt"));
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        String id = documentId(made);
        assertThat(made.header("location")).isEqualTo(documents(client) + "/" + id);
        assertThat(made.header("etag")).matches("\"\\d+\"");
        assertThat(made.header("cache-control")).contains("no-store");
        assertThat(made.text()).contains("\"folder\":\"correspondence\"", "\"type\":\"letter\"", "\"title\":\"Reply about housing\"",
                "\"date\":\"2026-10-01\"", "\"tags\":[\"housing\",\"reply\"]", "\"fileName\":\"лист.txt\"", "\"size\":1500000",
                "\"currentVersion\":1", "\"masked\":false", "\"mediaType\":\"text/plain");

        Answer read = send("GET", documents(client) + "/" + id + "/content", f.practitioner(), null, Map.of());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).isEqualTo(text);
        assertThat(read.header("content-type")).startsWith("text/plain");
        assertThat(read.header("content-length")).isEqualTo("1500000");
        assertThat(read.header("accept-ranges")).isEqualTo("bytes");
        assertThat(read.header("etag")).isEqualTo("\"" + id + ".1\"");
        assertThat(read.header("x-content-type-options")).isEqualTo("nosniff");
        assertThat(read.header("cache-control")).contains("no-store");
        ContentDisposition disposition = ContentDisposition.parse(read.header("content-disposition"));
        assertThat(disposition.isAttachment()).isTrue();
        assertThat(disposition.getFilename()).isEqualTo("лист.txt");

        Answer details = send("GET", documents(client) + "/" + id, f.practitioner(), null, Map.of());
        assertThat(details.status()).isEqualTo(200);
        assertThat(details.header("etag")).isEqualTo(made.header("etag"));
        assertThat(details.text()).contains("\"versions\":[{\"number\":1,\"size\":1500000");

        assertThat(audit("documents.uploaded", client)).isEqualTo(1);
        assertThat(audit("documents.downloaded", client)).isEqualTo(1);
        assertThat(audit("documents.viewed", client)).isEqualTo(1);
        Answer listed = send("GET", documents(client) + "?folder=correspondence&q=housing", f.practitioner(), null, Map.of());
        assertThat(listed.status()).as(listed.text()).isEqualTo(200);
        assertThat(listed.text()).contains(id);
        assertThat(send("GET", documents(client) + "?folder=identity", f.practitioner(), null, Map.of()).text()).doesNotContain(id);
    }

    @Test
    void multipartUploadStreamsMetadataThenFileAndRoundTrips() {
        UUID client = freshClient();
        Answer made = multipart(documents(client), f.practitioner(), List.of(
                part("metadata", null, "application/json", """
                        {"folder":"consents","type":"consent","title":"Signed consent","tags":["2026"],"stripImageMetadata":false}"""
                        .getBytes(StandardCharsets.UTF_8)),
                part("file", "consent form.pdf", "application/pdf", PDF)));
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        String id = documentId(made);
        assertThat(made.text()).contains("\"mediaType\":\"application/pdf\"", "\"fileName\":\"consent form.pdf\"", "\"title\":\"Signed consent\"");
        Answer read = send("GET", documents(client) + "/" + id + "/content", f.practitioner(), null, Map.of());
        assertThat(read.body()).isEqualTo(PDF);
        assertThat(read.header("content-type")).isEqualTo("application/pdf");
        assertThat(send("GET", "/api/v1/openapi.json", f.practitioner(), null, Map.of()).text())
                .contains("\"/clients/{id}/documents/{documentId}/versions/{number}/content\"");
    }

    @Test
    void aZeroByteFileIsRefusedAndLeavesNothing() {
        UUID client = freshClient();
        Answer empty = send("POST", documents(client) + "?folder=other&fileName=empty.txt", f.practitioner(), new byte[0],
                Map.of("Content-Type", "text/plain"));
        assertProblem(empty, 422);
        assertThat(empty.text()).contains("\"field\":\"file\"");
        assertThat(documentCount(client)).isZero();
    }

    // --- ranges ----------------------------------------------------------------------------------

    @Test
    void rangesServeSingleSlicesAcrossSegmentsAndRefuseThePastTheEnd() {
        UUID client = freshClient();
        byte[] text = text(2_100_000, 3);
        long size = text.length;
        String id = documentId(raw(client, text, "ranges.txt"));
        String content = documents(client) + "/" + id + "/content";
        String etag = "\"" + id + ".1\"";

        assertSlice(send("GET", content, f.practitioner(), null, Map.of("Range", "bytes=0-0")), text, 0, 0);
        assertSlice(send("GET", content, f.practitioner(), null, Map.of("Range", "bytes=" + (size - 1) + "-" + (size - 1))), text,
                size - 1, size - 1);
        // Across the boundary of the first 1 MiB segment of the encrypted stream.
        assertSlice(send("GET", content, f.practitioner(), null, Map.of("Range", "bytes=1048000-1049000")), text, 1048000, 1049000);
        assertSlice(send("GET", content, f.practitioner(), null, Map.of("Range", "bytes=-100")), text, size - 100, size - 1);
        assertSlice(send("GET", content, f.practitioner(), null, Map.of("Range", "bytes=2097000-")), text, 2097000, size - 1);
        assertSlice(send("GET", content, f.practitioner(), null, Map.of("Range", "bytes=5-99999999")), text, 5, size - 1);
        assertSlice(send("GET", documents(client) + "/" + id + "/versions/1/content", f.practitioner(), null,
                Map.of("Range", "bytes=1048575-1048576")), text, 1048575, 1048576);
        assertSlice(send("GET", content, f.practitioner(), null, Map.of("Range", "bytes=10-20", "If-Range", etag)), text, 10, 20);

        Answer past = send("GET", content, f.practitioner(), null, Map.of("Range", "bytes=" + size + "-"));
        assertThat(past.status()).isEqualTo(416);
        assertThat(past.header("content-range")).isEqualTo("bytes */" + size);
        assertThat(send("GET", content, f.practitioner(), null, Map.of("Range", "bytes=-0")).status()).isEqualTo(416);

        for (Map<String, String> whole : List.of(Map.of("Range", "bytes=0-1,5-9"), Map.of("Range", "items=0-5"),
                Map.of("Range", "bytes=9-2"), Map.of("Range", "bytes=10-20", "If-Range", "\"" + id + ".2\""),
                Map.of("Range", "bytes=10-20", "If-Range", "Tue, 01 Dec 2026 10:00:00 GMT"))) {
            Answer all = send("GET", content, f.practitioner(), null, whole);
            assertThat(all.status()).as(whole.toString()).isEqualTo(200);
            assertThat(all.body()).as(whole.toString()).isEqualTo(text);
        }

        Answer head = send("HEAD", content, f.practitioner(), null, Map.of());
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("content-length")).isEqualTo(String.valueOf(size));
        assertThat(head.header("etag")).isEqualTo(etag);
        assertThat(head.body()).isEmpty();
    }

    // --- versions, trash, concurrency ------------------------------------------------------------

    @Test
    void versionsTrashAndRestoreWithOptimisticVersions() {
        UUID client = freshClient();
        byte[] first = text(1000, 1);
        byte[] second = text(2000, 2);
        Answer made = raw(client, first, "plan.txt");
        String id = documentId(made);
        String doc = documents(client) + "/" + id;
        long v = rowVersion(made);

        Answer added = send("POST", doc + "/versions?fileName=plan-v2.txt", f.practitioner(), second,
                Map.of("Content-Type", "text/plain", "If-Match", "\"" + v + "\""));
        assertThat(added.status()).as(added.text()).isEqualTo(201);
        assertThat(added.header("location")).isEqualTo(doc + "/versions/2/content");
        assertThat(added.text()).contains("\"currentVersion\":2", "\"versionCount\":2");
        assertThat(send("GET", doc + "/content", f.practitioner(), null, Map.of()).body()).isEqualTo(second);
        assertThat(send("GET", doc + "/versions/1/content", f.practitioner(), null, Map.of()).body()).isEqualTo(first);
        assertThat(send("GET", doc + "/versions/3/content", f.practitioner(), null, Map.of()).status()).isEqualTo(404);
        long v2 = rowVersion(added);
        // A new version against a stale If-Match is refused, and nothing is added.
        Answer stale = send("POST", doc + "/versions?fileName=late.txt", f.practitioner(), first,
                Map.of("Content-Type", "text/plain", "If-Match", "\"" + v + "\""));
        if (v != v2) {
            assertProblem(stale, 412);
            assertThat(stale.header("etag")).isEqualTo("\"" + v2 + "\"");
        }

        assertProblem(send("POST", doc + "/versions/1/restore", f.practitioner(), null, Map.of()), 428);
        Answer restored = send("POST", doc + "/versions/1/restore", f.practitioner(), null, Map.of("If-Match", "\"" + v2 + "\""));
        assertThat(restored.status()).as(restored.text()).isEqualTo(200);
        assertThat(restored.text()).contains("\"currentVersion\":3", "\"restoredFrom\":1");
        assertThat(send("GET", doc + "/content", f.practitioner(), null, Map.of()).body()).isEqualTo(first);
        long v3 = rowVersion(restored);

        assertProblem(send("PATCH", doc, f.practitioner(), json("{\"title\":\"Care plan\"}"), jsonType()), 428);
        Answer conflict = send("PATCH", doc, f.practitioner(), json("{\"version\":" + v + ",\"title\":\"Care plan\"}"), jsonType());
        assertProblem(conflict, 409);
        assertThat(conflict.text()).contains("\"currentVersion\":" + v3);
        Map<String, String> staleIfMatch = new LinkedHashMap<>(jsonType());
        staleIfMatch.put("If-Match", "\"" + v + "\"");
        assertProblem(send("PATCH", doc, f.practitioner(), json("{\"title\":\"Care plan\"}"), staleIfMatch), 412);
        Answer changed = send("PATCH", doc, f.practitioner(), json("{\"version\":" + v3 + ",\"title\":\"Care plan\",\"tags\":[\"plan\"]}"),
                jsonType());
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        assertThat(changed.text()).contains("\"title\":\"Care plan\"", "\"tags\":[\"plan\"]", "\"folder\":\"other\"");
        long v4 = rowVersion(changed);

        assertProblem(send("DELETE", doc, f.practitioner(), null, Map.of()), 428);
        Answer trashed = send("DELETE", doc, f.practitioner(), null, Map.of("If-Match", "\"" + v4 + "\""));
        assertThat(trashed.status()).as(trashed.text()).isEqualTo(200);
        assertThat(trashed.text()).contains("\"status\":\"TRASHED\"", "\"purgeAfter\":\"");
        assertThat(send("GET", documents(client), f.practitioner(), null, Map.of()).text()).doesNotContain(id);
        assertThat(send("GET", documents(client) + "?trash=true", f.practitioner(), null, Map.of()).text()).contains(id);
        Answer back = send("POST", doc + "/restore", f.practitioner(), json("{\"version\":" + rowVersion(trashed) + "}"), jsonType());
        assertThat(back.status()).as(back.text()).isEqualTo(200);
        assertThat(back.text()).contains("\"status\":\"ACTIVE\"");
    }

    @Test
    void aDamagedStoredCopyIsAProblemBeforeTheFirstByteAndBreaksOffAfterIt() throws IOException {
        UUID client = freshClient();
        byte[] text = text(2 * SEGMENT + 500, 12);
        String id = documentId(raw(client, text, "fragile.txt"));
        String key = jdbc.sql("SELECT storage_key FROM document_version WHERE document_id = ? AND version = 1").param(id)
                .query(String.class).single();
        byte[] stored;
        try (InputStream in = blobs.open(key)) {
            stored = in.readAllBytes();
        }
        byte[] early = stored.clone();
        early[200] ^= 1;
        store(key, early);
        Answer damaged = send("GET", documents(client) + "/" + id + "/content", f.practitioner(), null, Map.of());
        assertProblem(damaged, 500);
        assertThat(damaged.text()).contains("problems/document-damaged",
                "The stored copy of this document is damaged; the event was recorded.");
        assertThat(audit("documents.damaged", client)).isGreaterThanOrEqualTo(1);

        // Damage in a later segment: the status line is sent by then, so the download must break off, never look complete.
        byte[] late = stored.clone();
        late[SEGMENT + 4000] ^= 1;
        store(key, late);
        try {
            Answer broken = send("GET", documents(client) + "/" + id + "/content", f.practitioner(), null, Map.of());
            assertThat(broken.body().length).as("a broken-off download is shorter than its Content-Length").isLessThan(text.length);
        } catch (IllegalStateException expected) {
            assertThat(expected).hasCauseInstanceOf(IOException.class);
        }
        store(key, stored);
        assertThat(send("GET", documents(client) + "/" + id + "/content", f.practitioner(), null, Map.of()).body()).isEqualTo(text);
    }

    @Test
    void aRoleThatSeesADocumentMaskedListsItMaskedAndCannotReadIt() {
        UUID client = freshClient();
        Answer made = send("POST", documents(client) + "?folder=identity&title=Passport%20scan&sensitivity=RESTRICTED&tags=passport"
                + "&fileName=passport.txt", f.practitioner(), text(100, 3), Map.of("Content-Type", "text/plain"));
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        String id = documentId(made);
        Answer listed = send("GET", documents(client), f.frontDesk(), null, Map.of());
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.text()).contains(id, "\"masked\":true").doesNotContain("Passport scan", "passport.txt", "\"passport\"");
        Answer download = send("GET", documents(client) + "/" + id + "/content", f.frontDesk(), null, Map.of());
        assertProblem(download, 403);
        assertThat(download.text()).contains("problems/document-restricted");
        assertProblem(send("PATCH", documents(client) + "/" + id, f.frontDesk(), json("{\"version\":1,\"title\":\"x\"}"), jsonType()), 403);
        assertThat(send("HEAD", documents(client) + "/" + id + "/content", f.frontDesk(), null, Map.of()).status()).isEqualTo(403);
        assertThat(audit("documents.uploaded", client)).isEqualTo(1);
        assertThat(audit("documents.listed", client)).isEqualTo(1);
    }

    // --- attacks -----------------------------------------------------------------------------------

    /** Attack: header injection (response splitting) through an uploaded file's name. */
    @Test
    void aFileNameCannotInjectHeadersIntoTheDownload() {
        UUID client = freshClient();
        Answer made = send("POST", documents(client) + "?folder=other", f.practitioner(), text(100, 5),
                Map.of("Content-Type", "text/plain",
                        "Content-Disposition", "attachment; filename*=UTF-8''a%0D%0ASet-Cookie%3A%20stolen%3D1%0D%0A%0D%0A%22b%22.txt"));
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        Answer read = send("GET", documents(client) + "/" + documentId(made) + "/content", f.practitioner(), null, Map.of());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.headers().allValues("set-cookie")).isEmpty();
        String disposition = read.header("content-disposition");
        assertThat(disposition).doesNotContain("\r", "\n").startsWith("attachment;");
        assertThat(disposition).matches("[\\x20-\\x7e]+");
        assertThat(ContentDisposition.parse(disposition).getFilename()).doesNotContain("\r", "\n").endsWith(".txt");
    }

    /** Attack: mass assignment — ids, owners, states or sizes smuggled into upload metadata or a change. */
    @Test
    void propertiesOutsideTheMetadataAreRefusedWhole() {
        UUID client = freshClient();
        for (String extra : List.of("\"id\":\"" + UUID.randomUUID() + "\"", "\"clientId\":\"" + f.otherClient() + "\"",
                "\"status\":\"TRASHED\"", "\"createdBy\":\"someone\"", "\"size\":1", "\"mediaType\":\"text/html\"", "\"version\":7")) {
            Answer refused = multipart(documents(client), f.practitioner(), List.of(
                    part("metadata", null, "application/json", ("{\"folder\":\"other\"," + extra + "}").getBytes(StandardCharsets.UTF_8)),
                    part("file", "a.pdf", "application/pdf", PDF)));
            assertProblem(refused, 400);
            assertThat(refused.text()).as(extra).contains("does not take");
        }
        assertProblem(send("POST", documents(client) + "?folder=other&fileName=a.txt&clientId=" + f.otherClient(), f.practitioner(),
                text(10, 1), Map.of("Content-Type", "text/plain")), 400);
        assertThat(documentCount(client)).isZero();
        assertThat(documentCount(f.otherClient())).isZero();

        String id = documentId(raw(client, text(10, 1), "x.txt"));
        for (String body : List.of("{\"version\":1,\"status\":\"TRASHED\"}", "{\"version\":1,\"clientId\":\"" + f.otherClient() + "\"}",
                "{\"version\":1,\"currentVersion\":5}", "{\"version\":1,\"title\":\"a\",\"title\":\"b\"}", "{\"version\":1,\"title\":5}",
                "{\"version\":\"1\"}", "[1]", "{")) {
            assertProblem(send("PATCH", documents(client) + "/" + id, f.practitioner(), json(body), jsonType()), 400);
        }
    }

    @Test
    void malformedUploadsAreRefusedAndLeaveNothing() {
        UUID client = freshClient();
        byte[] metadata = "{\"folder\":\"other\"}".getBytes(StandardCharsets.UTF_8);
        List<List<byte[][]>> bad = List.of(
                List.of(part("file", "a.pdf", "application/pdf", PDF), part("metadata", null, "application/json", metadata)),
                List.of(part("metadata", null, "application/json", metadata), part("file", "a.pdf", "application/pdf", PDF),
                        part("file", "b.pdf", "application/pdf", PDF)),
                List.of(part("metadata", null, "application/json", metadata), part("notes", null, "text/plain", new byte[] {'x'}),
                        part("file", "a.pdf", "application/pdf", PDF)),
                List.of(part("metadata", null, "application/json", metadata), part("metadata", null, "application/json", metadata)),
                List.<byte[][]>of(part("metadata", null, "application/json", metadata)));
        for (List<byte[][]> parts : bad) {
            assertProblem(multipart(documents(client), f.practitioner(), parts), 400);
        }
        assertProblem(multipart(documents(client), f.practitioner(), List.of(part("metadata", null, "application/json",
                "{\"type\":\"letter\"}".getBytes(StandardCharsets.UTF_8)), part("file", "a.pdf", "application/pdf", PDF))), 422);
        Answer form = send("POST", documents(client) + "?folder=other&fileName=a.txt", f.practitioner(), text(10, 1),
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertProblem(form, 415);
        assertProblem(send("POST", documents(client) + "?folder=other", f.practitioner(), text(10, 1), Map.of("Content-Type", "text/plain")),
                422);
        assertProblem(send("POST", documents(client) + "?folder=other&fileName=a.txt&date=tomorrow", f.practitioner(), text(10, 1),
                Map.of("Content-Type", "text/plain")), 422);
        assertProblem(send("GET", documents(client) + "?trash=maybe", f.practitioner(), null, Map.of()), 400);
        assertProblem(send("GET", documents(client) + "?sort=title", f.practitioner(), null, Map.of()), 400);
        assertThat(documentCount(client)).isZero();
    }

    /** Attack: insecure direct object reference — client A's document asked for under client B's address. */
    @Test
    void anotherClientsDocumentLooksExactlyLikeAMissingOne() {
        UUID a = freshClient();
        UUID b = freshClient();
        String id = documentId(raw(a, text(500, 9), "private.txt"));
        String missing = UUID.randomUUID().toString();
        for (String[] request : new String[][] {{"GET", ""}, {"GET", "/content"}, {"GET", "/versions/1/content"}, {"DELETE", ""},
                {"POST", "/restore"}, {"POST", "/versions/1/restore"}, {"PATCH", ""}}) {
            Map<String, String> headers = request[0].equals("PATCH") ? jsonType() : Map.of("If-Match", "\"1\"");
            byte[] body = request[0].equals("PATCH") ? json("{\"version\":1,\"title\":\"x\"}") : null;
            Answer foreign = send(request[0], documents(b) + "/" + id + request[1], f.practitioner(), body, headers);
            Answer absent = send(request[0], documents(b) + "/" + missing + request[1], f.practitioner(), body, headers);
            assertThat(foreign.status()).as(Arrays.toString(request)).isEqualTo(404);
            assertThat(foreign.text()).as(Arrays.toString(request)).isEqualTo(absent.text());
        }
        Answer upload = send("POST", documents(b) + "/" + id + "/versions?fileName=x.txt", f.practitioner(), text(10, 1),
                Map.of("Content-Type", "text/plain"));
        assertThat(upload.status()).isEqualTo(404);
        assertThat(send("GET", documents(a) + "/" + id + "/content", f.practitioner(), null, Map.of()).body()).isEqualTo(text(500, 9));
    }

    /** Attack: reaching a client's documents from outside its care team; the answer is a missing client's. */
    @Test
    void aPractitionerOutOfReachGetsTheAnswerOfAMissingClient() {
        UUID client = freshClient();
        String id = documentId(raw(client, text(300, 4), "team-only.txt"));
        String nobody = UUID.randomUUID().toString();
        for (String path : List.of("", "/" + id, "/" + id + "/content", "/" + id + "/versions/1/content")) {
            Answer hidden = send("GET", documents(client) + path, f.outsider(), null, Map.of());
            Answer absent = send("GET", "/api/v1/clients/" + nobody + "/documents" + path, f.outsider(), null, Map.of());
            assertThat(hidden.status()).as(path).isEqualTo(404);
            assertThat(hidden.text()).as(path).isEqualTo(absent.text());
        }
        Answer upload = send("POST", documents(client) + "?folder=other&fileName=intrude.txt", f.outsider(), text(10, 1),
                Map.of("Content-Type", "text/plain"));
        assertThat(upload.status()).isEqualTo(404);
        assertThat(documentCount(client)).isEqualTo(1);
    }

    /** Attack: writing with a token that was given to read only, or to the client records only. */
    @Test
    void tokensWithoutTheDocumentScopesAreRefused() {
        UUID client = freshClient();
        String id = documentId(raw(client, text(50, 2), "scoped.txt"));
        Answer upload = send("POST", documents(client) + "?folder=other&fileName=a.txt", f.readOnly(), text(10, 1),
                Map.of("Content-Type", "text/plain"));
        assertProblem(upload, 403);
        assertThat(upload.header("www-authenticate")).contains("insufficient_scope");
        assertProblem(send("DELETE", documents(client) + "/" + id, f.readOnly(), null, Map.of("If-Match", "\"1\"")), 403);
        assertProblem(send("PATCH", documents(client) + "/" + id, f.readOnly(), json("{\"version\":1}"), jsonType()), 403);
        assertProblem(send("POST", documents(client) + "/" + id + "/versions?fileName=a.txt", f.readOnly(), text(10, 1),
                Map.of("Content-Type", "text/plain")), 403);
        assertThat(send("GET", documents(client) + "/" + id + "/content", f.readOnly(), null, Map.of()).status()).isEqualTo(200);
        assertProblem(send("GET", documents(client), f.clientsOnly(), null, Map.of()), 403);
        assertProblem(send("GET", "/api/v1/document-folders", f.clientsOnly(), null, Map.of()), 403);
        assertThat(send("GET", "/api/v1/document-folders", f.readOnly(), null, Map.of()).text()).contains("\"key\":\"identity\"");
        // The front desk holds document.upload but not document.delete.
        assertProblem(send("DELETE", documents(client) + "/" + id, f.frontDesk(), null, Map.of("If-Match", "\"1\"")), 403);
        assertThat(documentCount(client)).isEqualTo(1);
    }

    /** Attack: an upload cut off mid-body (a dropped connection, or a sender lying about its length) must leave nothing. */
    @Test
    void aTruncatedUploadLeavesNoDocument() throws Exception {
        UUID client = freshClient();
        SSLSocket socket = (SSLSocket) HttpsClient.trusting(certificate()).getSocketFactory().createSocket("localhost", port);
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + documents(client) + "?folder=other&fileName=cut.txt HTTP/1.1\r\nHost: localhost:" + port
                + "\r\nAuthorization: Bearer " + f.practitioner() + "\r\nContent-Type: text/plain\r\nContent-Length: 2000000\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(text(500_000, 6));
        out.flush();
        socket.close();
        // The server notices the end of the stream, refuses the upload and records the refusal.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> audit("documents.upload_refused", client) > 0);
        assertThat(audit("documents.upload_refused", client)).as("the cut upload was refused and recorded").isEqualTo(1);
        assertThat(documentCount(client)).isZero();
        // The server is well and takes the next upload.
        assertThat(raw(client, text(100, 6), "whole.txt").status()).isEqualTo(201);
        assertThat(documentCount(client)).isEqualTo(1);
    }

    /** Attack: filling the store with an upload larger than the limit, announced or not. */
    @Test
    void anOversizedUploadIs413AndLeavesNothing() throws Exception {
        UUID client = freshClient();
        // Announced: refused before a byte of the body is sent (the sender need not send it at all).
        try (SSLSocket socket = (SSLSocket) HttpsClient.trusting(certificate()).getSocketFactory().createSocket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            socket.getOutputStream().write(("POST " + documents(client) + "?folder=other&fileName=big.txt HTTP/1.1\r\nHost: localhost:"
                    + port + "\r\nAuthorization: Bearer " + f.practitioner() + "\r\nContent-Type: text/plain\r\nContent-Length: "
                    + (MAX + 1) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = response(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 413 ").contains("application/problem+json", "documents.upload.tooLarge")
                    .containsIgnoringCase("connection: close");
        }
        // Sent without a length (chunked): refused by the checks as the bytes pass the limit.
        byte[] big = text((int) MAX + 10, 8);
        Answer streamed = sendStream("POST", documents(client) + "?folder=other&fileName=big.txt", f.practitioner(), big,
                Map.of("Content-Type", "text/plain"));
        assertProblem(streamed, 413);
        assertThat(streamed.text()).contains("documents.upload.tooLarge");
        assertThat(documentCount(client)).isZero();
    }

    /** One HTTP/1.1 response's head and body (by its Content-Length), read without waiting for the connection to end. */
    static String response(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(text);
        if (length.find()) {
            return text + new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8);
        }
        // Delimited by the end of the connection: a problem document is one JSON object.
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int depth = 0;
        for (int b = in.read(); b >= 0; b = in.read()) {
            body.write(b);
            depth += b == '{' ? 1 : b == '}' ? -1 : 0;
            if (b == '}' && depth == 0) {
                break;
            }
        }
        return text + body.toString(StandardCharsets.UTF_8);
    }

    // --- helpers -----------------------------------------------------------------------------------

    static void assertSlice(Answer answer, byte[] whole, long first, long last) {
        assertThat(answer.status()).as(answer.text().length() > 200 ? "" : answer.text()).isEqualTo(206);
        assertThat(answer.header("content-range")).isEqualTo("bytes " + first + "-" + last + "/" + whole.length);
        assertThat(answer.header("content-length")).isEqualTo(String.valueOf(last - first + 1));
        assertThat(answer.body()).isEqualTo(Arrays.copyOfRange(whole, (int) first, (int) last + 1));
    }

    static void assertProblem(Answer answer, int status) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.header("content-type")).startsWith("application/problem+json");
        assertThat(answer.text()).contains("\"status\":" + status, "\"title\":\"", "\"detail\":\"");
        assertThat(answer.text()).doesNotContain("Exception", "tools.jackson", "at [Source");
    }

    /** Printable text whose bytes depend on their position (so a misplaced slice shows), detected as text/plain. */
    static byte[] text(int length, int seed) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (i % 64 == 63) ? (byte) '\n' : (byte) ('a' + Math.floorMod(i * 7 + seed + i / 64, 26));
        }
        return out;
    }

    Answer raw(UUID client, byte[] body, String name) {
        Answer made = send("POST", documents(client) + "?folder=other&fileName=" + name, f.practitioner(), body,
                Map.of("Content-Type", "text/plain"));
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        return made;
    }

    static byte[][] part(String name, @Nullable String fileName, String type, byte[] content) {
        String head = "Content-Disposition: form-data; name=\"" + name + "\"" + (fileName == null ? "" : "; filename=\"" + fileName + "\"")
                + "\r\nContent-Type: " + type + "\r\n\r\n";
        return new byte[][] {head.getBytes(StandardCharsets.UTF_8), content};
    }

    Answer multipart(String path, String token, List<byte[][]> parts) {
        String boundary = "----strongroom" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[][] part : parts) {
            body.writeBytes(("--" + boundary + "\r\n").getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(part[0]);
            body.writeBytes(part[1]);
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return send("POST", path, token, body.toByteArray(), Map.of("Content-Type", "multipart/form-data; boundary=" + boundary));
    }

    static byte[] json(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    static Map<String, String> jsonType() {
        return Map.of("Content-Type", "application/json");
    }

    Answer send(String method, String path, String token, byte @Nullable [] body, Map<String, String> headers) {
        return exchange(method, path, token, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body),
                headers);
    }

    /** Sends the body as a stream of unknown length (chunked, or HTTP/2 frames without Content-Length). */
    Answer sendStream(String method, String path, String token, byte[] body, Map<String, String> headers) {
        return exchange(method, path, token, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)), headers);
    }

    private Answer exchange(String method, String path, String token, HttpRequest.BodyPublisher body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .method(method, body);
        headers.forEach(request::header);
        try {
            HttpResponse<byte[]> response = api.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String documentId(Answer answer) {
        Matcher m = DOCUMENT_ID.matcher(answer.text());
        assertThat(m.find()).as(answer.text()).isTrue();
        return m.group(1);
    }

    static long rowVersion(Answer answer) {
        String etag = answer.header("etag");
        assertThat(etag).as(answer.text()).matches("\"\\d+\"");
        return Long.parseLong(etag.substring(1, etag.length() - 1));
    }

    static String documents(UUID client) {
        return "/api/v1/clients/" + client + "/documents";
    }

    UUID freshClient() {
        Actor owner = new Actor.Staff(f.owner(), StaffRole.OWNER);
        UUID client = client(owner, "Client", "Documents " + UUID.randomUUID().toString().substring(0, 8));
        careTeams.assign(owner, client, f.practitionerId(), TeamRole.MEMBER);
        return client;
    }

    UUID client(Actor owner, String given, String family) {
        ClientResult<ClientProfile> made = clients.create(owner, new NewClient(ClientStatus.ACTIVE,
                Map.of("given_name", given, "family_name", family), true));
        assertThat(made).isInstanceOf(ClientResult.Done.class);
        return ((ClientResult.Done<ClientProfile>) made).value().id();
    }

    void store(String key, byte[] bytes) throws IOException {
        try (BlobWriter writer = blobs.create(key)) {
            writer.stream().write(bytes);
            writer.commit();
        }
    }

    long audit(String action, UUID client) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = ? AND client_id = ?").param(action).param(client.toString())
                .query(Long.class).single();
    }

    long documentCount(UUID client) {
        return jdbc.sql("SELECT COUNT(*) FROM document WHERE client_id = ?").param(client.toString()).query(Long.class).single();
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
        ApiTokenCreation result = tokens.create(owner, new ApiTokenRequest("Documents API test", scopes,
                clock.instant().plus(Duration.ofDays(1))));
        return ((ApiTokenCreation.Created) result).token().secret();
    }
}
