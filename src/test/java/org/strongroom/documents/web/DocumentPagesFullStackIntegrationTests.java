package org.strongroom.documents.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.strongroom.access.Actor;
import org.strongroom.clients.ClientProfile;
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
 * The documents pages end to end over real HTTPS with real sign-ins: raw-body uploads (as
 * documents.js sends them), the list with folder counts and search, downloads byte for byte, new
 * versions and restoring one, the trash and back, stale edits, and the refusals — a post without
 * the CSRF token, another client's document under this client's address, a practitioner off the
 * care team, a restricted document for the front desk. Runs on SQLite and PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"strongroom.organisation.time-zone=Europe/Kyiv", "strongroom.audit.checkpoint-poll=1h"})
abstract class DocumentPagesFullStackIntegrationTests {

    static final String PASSWORD = "amber-quill-harbour-63";
    static final Pattern DOCUMENT = Pattern.compile("/documents/([0-9a-f-]{36})");

    /** Per server (port): the signed-in browsers, made once. */
    static final Map<Integer, Map<StaffRole, HttpsClient>> BROWSERS = new ConcurrentHashMap<>();
    static final Map<Integer, StaffId> OWNERS = new ConcurrentHashMap<>();

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

    HttpsClient owner;
    HttpsClient admin;
    HttpsClient practitioner;
    HttpsClient frontDesk;
    HttpsClient auditor;

    @BeforeEach
    void people() {
        Map<StaffRole, HttpsClient> browsers = BROWSERS.computeIfAbsent(port, p -> {
            Map<StaffRole, HttpsClient> made = new LinkedHashMap<>();
            String[][] people = {
                    {"OWNER", "roman.shevchuk@example.org", "Roman Shevchuk"},
                    {"ADMINISTRATOR", "daria.levchenko@example.org", "Daria Levchenko"},
                    {"PRACTITIONER", "maksym.horobets@example.org", "Maksym Horobets"},
                    {"STAFF", "sofiia.yatsenko@example.org", "Sofiia Yatsenko"},
                    {"AUDITOR", "ivan.kostenko@example.org", "Ivan Kostenko"}};
            for (String[] person : people) {
                StaffRole role = StaffRole.valueOf(person[0]);
                StaffId id = StaffId.random();
                accounts.insert(id, person[1], person[2], passwords.encode(PASSWORD), role, StaffStatus.ACTIVE, clock.instant());
                if (role.equals(StaffRole.OWNER)) {
                    OWNERS.put(port, id);
                }
                HttpsClient browser = new HttpsClient(port, certificate());
                StaffSignIn.signIn(browser, person[1], PASSWORD);
                made.put(role, browser);
            }
            return made;
        });
        owner = browsers.get(StaffRole.OWNER);
        admin = browsers.get(StaffRole.ADMINISTRATOR);
        practitioner = browsers.get(StaffRole.PRACTITIONER);
        frontDesk = browsers.get(StaffRole.STAFF);
        auditor = browsers.get(StaffRole.AUDITOR);
    }

    @Test
    void uploadedFilesAreListedCountedSearchableAndDownloadTheSameBytes() {
        UUID client = client("Олена", "Приходько");
        byte[] pdf = DocumentPagesSamples.pdf("Consent to treatment", 0);
        byte[] png = DocumentPagesSamples.png(320, 200);
        byte[] text = DocumentPagesSamples.text("Letter from the school counsellor, fictitious.\n");

        Raw consent = upload(owner, client, Map.of("folder", "consents", "type", "consent", "title", "Consent to treatment",
                "tags", "signed, 2026", "date", "2026-03-14", "name", "consent-signed.pdf"), pdf);
        assertThat(consent.status()).as(consent.text()).isEqualTo(201);
        assertThat(consent.text()).contains("\"location\":\"/clients/" + client + "/documents/");
        UUID consentId = documentId(consent);
        UUID photoId = documentId(upload(owner, client, Map.of("folder", "other", "type", "photo", "name", "ramp-entrance.png",
                "strip", "true"), png));
        UUID letterId = documentId(upload(owner, client, Map.of("folder", "correspondence", "type", "letter",
                "name", "school-letter.txt", "tags", "school"), text));

        Response list = owner.get("/clients/" + client + "/documents");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("Consent to treatment", "consent-signed.pdf", "ramp-entrance.png", "school-letter.txt",
                        "data-document=\"" + consentId + "\"", "href=\"/clients/" + client + "/documents/" + consentId + "\"",
                        "id=\"upload-drop\"", "type=\"file\"", "multiple", "<noscript>", "/assets/documents.js", "aria-current=\"page\"",
                        "data-tab=\"documents\"", "href=\"/clients/" + client + "/documents/trash\"", "Remove photo metadata (location, camera)",
                        "Identity", "Consents &amp; agreements", "signed", "Mar 14, 2026")
                .doesNotContain("style=\"").doesNotContain("<script>");
        assertThat(folderCount(list.body(), "consents")).isEqualTo(1);
        assertThat(folderCount(list.body(), "identity")).isZero();
        // Sizes for people: a small file in bytes.
        assertThat(list.body()).contains(">" + pdf.length + " bytes<");

        // The folder view lists only that folder; the search matches title, file name and tags.
        Response consents = owner.get("/clients/" + client + "/documents?folder=consents");
        assertThat(consents.body()).contains("Consent to treatment").doesNotContain("school-letter.txt");
        assertThat(owner.get("/clients/" + client + "/documents?q=" + enc("consent treatment")).body())
                .contains("Consent to treatment").doesNotContain("school-letter.txt").doesNotContain("ramp-entrance.png");
        assertThat(owner.get("/clients/" + client + "/documents?q=ramp").body()).contains("ramp-entrance.png").doesNotContain("Consent to");
        assertThat(owner.get("/clients/" + client + "/documents?q=school").body()).contains("school-letter.txt");
        assertThat(owner.get("/clients/" + client + "/documents?q=nothing-like-this").body()).contains("No documents match this search.");

        // Downloads: the same bytes; a download never renders, a preview of a PDF or picture shows inline.
        Raw download = get(owner, "/clients/" + client + "/documents/" + consentId + "/content");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.bytes()).isEqualTo(pdf);
        assertThat(download.headers().firstValue("content-disposition").orElse("")).startsWith("attachment").contains("consent-signed.pdf");
        assertThat(download.headers().firstValue("content-length").orElse("")).isEqualTo(Integer.toString(pdf.length));
        assertThat(download.headers().firstValue("x-content-type-options").orElse("")).isEqualTo("nosniff");
        assertThat(download.headers().firstValue("cache-control").orElse("")).contains("no-store");
        assertThat(download.headers().firstValue("content-security-policy").orElse("")).contains("sandbox");
        Raw preview = get(owner, "/clients/" + client + "/documents/" + consentId + "/content?inline");
        assertThat(preview.bytes()).isEqualTo(pdf);
        assertThat(preview.headers().firstValue("content-type").orElse("")).startsWith("application/pdf");
        assertThat(preview.headers().firstValue("content-disposition").orElse("")).startsWith("inline");
        assertThat(preview.headers().firstValue("content-security-policy").orElse("")).contains("default-src 'none'");
        Raw picture = get(owner, "/clients/" + client + "/documents/" + photoId + "/content?inline");
        assertThat(picture.headers().firstValue("content-type").orElse("")).startsWith("image/png");
        assertThat(picture.headers().firstValue("content-disposition").orElse("")).startsWith("inline");
        // Plain text is never shown inline (it could be read as something else): asked to preview, it is a download.
        Raw letter = get(owner, "/clients/" + client + "/documents/" + letterId + "/content?inline");
        assertThat(letter.bytes()).isEqualTo(text);
        assertThat(letter.headers().firstValue("content-disposition").orElse("")).startsWith("attachment");

        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'documents.downloaded' AND client_id = ?")
                .param(client.toString()).query(Long.class).single()).isGreaterThanOrEqualTo(2L);
    }

    @Test
    void newVersionRestoreOfAnOlderVersionTrashAndRestoreFromTheTrash() {
        UUID client = client("Тарас", "Бойко");
        byte[] first = DocumentPagesSamples.pdf("Assessment draft", 0);
        byte[] second = DocumentPagesSamples.pdf("Assessment final", 0);
        UUID doc = documentId(upload(owner, client, Map.of("folder", "reports", "type", "assessment", "title", "Intake assessment",
                "name", "assessment-draft.pdf"), first));
        String page = "/clients/" + client + "/documents/" + doc;
        Response shown = owner.get(page);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.body()).contains("Intake assessment", "assessment-draft.pdf", "Upload a new version", "Move this document to the trash",
                "href=\"" + page + "/content?inline=\"", "target=\"_blank\"");
        String rowVersion = hidden(shown.body(), "rowVersion");

        Raw added = raw(owner, "POST", page + "/versions?name=assessment-final.pdf&rowVersion=" + rowVersion, second, true);
        assertThat(added.status()).as(added.text()).isEqualTo(201);
        assertThat(added.text()).contains(page + "?versionAdded");
        Response two = owner.get(page + "?versionAdded");
        assertThat(two.body()).contains("The new version was stored.", "assessment-final.pdf", "assessment-draft.pdf", "data-version=\"2\"",
                "data-version=\"1\"", "Restore this version");
        assertThat(get(owner, page + "/content").bytes()).isEqualTo(second);
        assertThat(get(owner, page + "/content?version=1").bytes()).isEqualTo(first);

        // A new version sent from a page opened before it is refused: nothing stored.
        Raw stale = raw(owner, "POST", page + "/versions?name=late.pdf&rowVersion=" + rowVersion, first, true);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.text()).contains("Someone changed this document a moment ago");

        Response restored = owner.submit(page, page + "/versions/1/restore", Map.of("rowVersion", hidden(two.body(), "rowVersion")));
        assertThat(restored.status()).isEqualTo(302);
        Response three = owner.get(page);
        assertThat(three.body()).contains("That version is the current one again", "Restored from version 1", "data-version=\"3\"");
        assertThat(get(owner, page + "/content").bytes()).isEqualTo(first);

        Response trashed = owner.submit(page, page + "/trash", Map.of("rowVersion", hidden(three.body(), "rowVersion")));
        assertThat(trashed.status()).isEqualTo(302);
        assertThat(trashed.header("location")).endsWith("/clients/" + client + "/documents");
        assertThat(owner.get("/clients/" + client + "/documents").body()).contains("The document was moved to the trash.")
                .doesNotContain("data-document=\"" + doc + "\"");
        Response trash = owner.get("/clients/" + client + "/documents/trash");
        assertThat(trash.status()).isEqualTo(200);
        assertThat(trash.body()).contains("data-document=\"" + doc + "\"", "Intake assessment", "Deleted on", "Destroyed after", "Restore");
        Response back = owner.submit("/clients/" + client + "/documents/trash", page + "/restore",
                Map.of("rowVersion", hidden(trash.body(), "rowVersion")));
        assertThat(back.status()).isEqualTo(302);
        assertThat(owner.get("/clients/" + client + "/documents/trash").body()).contains("The document was restored to its folder.",
                "The trash is empty.");
        assertThat(owner.get("/clients/" + client + "/documents").body()).contains("data-document=\"" + doc + "\"");
    }

    @Test
    void staleDetailsEditIsRefusedWithTheInputKeptAndBadInputIsShownAtItsField() {
        UUID client = client("Ганна", "Мороз");
        UUID doc = documentId(upload(owner, client, Map.of("folder", "other", "type", "form", "title", "Registration form",
                "name", "registration.pdf"), DocumentPagesSamples.pdf("Registration", 0)));
        String page = "/clients/" + client + "/documents/" + doc;
        String opened = owner.get(page).body();
        Map<String, String> theirs = detailsForm(opened);
        theirs.put("title", "Registration form (signed)");
        assertThat(owner.post(page, theirs).status()).isEqualTo(302);

        Map<String, String> mine = detailsForm(opened);
        mine.put("tags", "intake");
        Response stale = owner.post(page, mine);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body()).contains("Someone changed this document while you were editing", "value=\"intake\"",
                "Registration form (signed)");
        Response again = owner.post(page, detailsForm(stale.body()));
        assertThat(again.status()).isEqualTo(302);
        assertThat(owner.get(page).body()).contains("The details were saved.", "intake");

        Map<String, String> bad = detailsForm(owner.get(page).body());
        bad.put("date", "14/03/2026");
        Response refused = owner.post(page, bad);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("There is a problem — nothing was saved", "id=\"details-date-error\"",
                "Enter a real date", "aria-invalid=\"true\"", "value=\"14/03/2026\"");
    }

    /** Hostile or broken input: a refused upload says why in plain words (the checks' message) and keeps nothing. */
    @Test
    void refusedUploadSaysWhyInPlainWordsAndKeepsNothing() {
        UUID client = client("Юрій", "Семенко");
        long before = documentCount();
        byte[] archive = {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        Raw zip = upload(owner, client, Map.of("folder", "other", "type", "other", "name", "scan.pdf"), archive);
        assertThat(zip.status()).isEqualTo(422);
        assertThat(zip.text()).contains("\"field\":\"file\"", "This kind of file cannot be kept here.");
        Raw empty = upload(owner, client, Map.of("folder", "other", "type", "other", "name", "empty.pdf"), new byte[0]);
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.text()).contains("The file is empty");
        Raw folder = upload(owner, client, Map.of("folder", "no_such_folder", "type", "other", "name", "a.txt"),
                DocumentPagesSamples.text("a"));
        assertThat(folder.status()).isEqualTo(422);
        assertThat(folder.text()).contains("\"field\":\"folder\"", "Choose one of the folders in the list.");
        assertThat(documentCount()).isEqualTo(before);
    }

    /** A stored copy altered on disk: the download answers with a page saying so (nothing of the file), and the event is recorded. */
    @Test
    void damagedStoredCopyAnswersWithAPageThatSaysSoAndIsRecorded() throws IOException {
        UUID client = client("Лідія", "Романенко");
        UUID doc = documentId(upload(owner, client, Map.of("folder", "other", "type", "other", "name", "receipt.txt"),
                DocumentPagesSamples.text("Receipt for a fictitious payment, kept to be damaged.")));
        String key = jdbc.sql("SELECT storage_key FROM document_version WHERE document_id = ? AND version = 1")
                .param(doc.toString()).query(String.class).single();
        Path stored = Path.of(environment.getRequiredProperty("strongroom.data-dir"), "documents").resolve(key);
        byte[] bytes = java.nio.file.Files.readAllBytes(stored);
        bytes[bytes.length / 2] ^= 0x01;
        java.nio.file.Files.write(stored, bytes);

        Raw damaged = get(owner, "/clients/" + client + "/documents/" + doc + "/content");
        assertThat(damaged.status()).isEqualTo(500);
        assertThat(damaged.text()).contains("The stored copy is damaged", "recorded in the audit trail").doesNotContain("Receipt for");
        assertThat(damaged.headers().firstValue("content-disposition")).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'documents.damaged' AND client_id = ?")
                .param(client.toString()).query(Long.class).single()).isEqualTo(1L);
    }

    /** Cross-site request forgery: an upload or a form without the session's token stores and changes nothing. */
    @Test
    void uploadsAndFormsWithoutTheCsrfTokenAreRefused() {
        UUID client = client("Марта", "Кравчук");
        long before = documentCount();
        Raw forged = raw(owner, "POST", "/clients/" + client + "/documents/upload?folder=other&type=other&name=forged.txt",
                DocumentPagesSamples.text("forged"), false);
        assertThat(forged.status()).isEqualTo(403);
        assertThat(documentCount()).isEqualTo(before);

        UUID doc = documentId(upload(owner, client, Map.of("folder", "other", "type", "other", "name", "kept.txt"),
                DocumentPagesSamples.text("kept")));
        String page = "/clients/" + client + "/documents/" + doc;
        assertThat(owner.post(page + "/trash", Map.of("rowVersion", hidden(owner.get(page).body(), "rowVersion"))).status()).isEqualTo(403);
        assertThat(raw(owner, "POST", page + "/versions?name=v2.txt", DocumentPagesSamples.text("v2"), false).status()).isEqualTo(403);
        assertThat(status(doc)).isEqualTo("ACTIVE");
        assertThat(jdbc.sql("SELECT version_count FROM document WHERE id = ?").param(doc.toString()).query(Integer.class).single()).isEqualTo(1);
    }

    /** Probing with a document id of another client under a client one may open: the same 404 as a made-up id, on every page. */
    @Test
    void anotherClientsDocumentUnderThisClientsAddressIsNotFound() {
        UUID mine = client("Іван", "Ткач");
        UUID other = client("Софія", "Ткач");
        UUID foreign = documentId(upload(owner, other, Map.of("folder", "other", "type", "other", "name", "other-client.txt"),
                DocumentPagesSamples.text("belongs to another client")));
        UUID unknown = UUID.randomUUID();
        for (String suffix : new String[] {"", "/content", "/content?inline", "/content?version=1"}) {
            Response crossed = owner.get("/clients/" + mine + "/documents/" + foreign + suffix);
            Response none = owner.get("/clients/" + mine + "/documents/" + unknown + suffix);
            assertThat(crossed.status()).as(suffix).isEqualTo(404);
            assertThat(none.status()).as(suffix).isEqualTo(404);
            assertThat(withoutTokens(crossed.body())).as(suffix).isEqualTo(withoutTokens(none.body())).doesNotContain("other-client");
        }
        Response trash = owner.submit("/clients/" + mine + "/documents", "/clients/" + mine + "/documents/" + foreign + "/trash",
                Map.of("rowVersion", "1"));
        assertThat(trash.status()).isEqualTo(404);
        assertThat(status(foreign)).isEqualTo("ACTIVE");
        assertThat(owner.get("/clients/" + mine + "/documents/not-a-document").status()).isEqualTo(404);
        assertThat(owner.get("/clients/" + mine + "/documents/" + foreign.toString().toUpperCase() + "/content").status()).isEqualTo(404);
    }

    /** A practitioner probing a client off their care team: every documents page answers as for a client that does not exist. */
    @Test
    void practitionerOffTheCareTeamGetsTheSameNotFoundAsForAnUnknownClient() {
        UUID client = client("Назар", "Гуменюк");
        UUID doc = documentId(upload(owner, client, Map.of("folder", "other", "type", "other", "name", "nazar-note.txt"),
                DocumentPagesSamples.text("not for everyone")));
        UUID unknown = UUID.randomUUID();
        for (String suffix : new String[] {"", "/trash", "/" + doc, "/" + doc + "/content"}) {
            Response hidden = practitioner.get("/clients/" + client + "/documents" + suffix);
            String elsewhere = suffix.replace(doc.toString(), UUID.randomUUID().toString());
            Response none = practitioner.get("/clients/" + unknown + "/documents" + elsewhere);
            assertThat(hidden.status()).as(suffix).isEqualTo(404);
            assertThat(none.status()).as(suffix).isEqualTo(404);
            assertThat(withoutTokens(hidden.body())).as(suffix).isEqualTo(withoutTokens(none.body())).doesNotContain("nazar-note");
        }
        Raw upload = raw(practitioner, "POST", "/clients/" + client + "/documents/upload?folder=other&type=other&name=sneaky.txt",
                DocumentPagesSamples.text("sneaky"), true);
        assertThat(upload.status()).isEqualTo(404);
        // The client's workspace offers no documents tab to someone who cannot read them.
        assertThat(auditor.get("/clients/" + client).status()).isIn(403, 404);
    }

    /** The front desk sees a restricted document masked: it exists, nothing more — no title, no link, no bytes. */
    @Test
    void restrictedDocumentIsMaskedForTheFrontDeskWithoutLinksAndItsBytesAreRefused() {
        UUID client = client("Вікторія", "Лисенко");
        String secretTitle = "Passport Lysenko VK-448812";
        UUID passport = documentId(upload(owner, client, Map.of("folder", "identity", "type", "identity", "title", secretTitle,
                "name", "passport-vk448812.pdf"), DocumentPagesSamples.pdf("Passport", 0)));
        UUID everyday = documentId(upload(owner, client, Map.of("folder", "other", "type", "other", "title", "Parking permit",
                "name", "parking.txt"), DocumentPagesSamples.text("permit")));
        UUID clinical = documentId(upload(owner, client, Map.of("folder", "reports", "type", "report", "title", "Therapy summary",
                "sensitivity", "HIGHLY_RESTRICTED", "name", "summary.txt"), DocumentPagesSamples.text("clinical")));

        Response list = frontDesk.get("/clients/" + client + "/documents");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("Restricted document", "data-document=\"" + passport + "\"", "Parking permit",
                        "href=\"/clients/" + client + "/documents/" + everyday + "\"")
                .doesNotContain(secretTitle).doesNotContain("passport-vk448812").doesNotContain("VK-448812")
                .doesNotContain("href=\"/clients/" + client + "/documents/" + passport)
                .doesNotContain(clinical.toString()).doesNotContain("Therapy summary");
        Raw bytes = get(frontDesk, "/clients/" + client + "/documents/" + passport + "/content");
        assertThat(bytes.status()).isIn(403, 404);
        assertThat(bytes.text()).doesNotContain("Passport");
        assertThat(get(frontDesk, "/clients/" + client + "/documents/" + clinical + "/content").status()).isEqualTo(404);
        assertThat(get(frontDesk, "/clients/" + client + "/documents/" + everyday + "/content").bytes())
                .isEqualTo(DocumentPagesSamples.text("permit"));
        // The search does not reveal what a masked document is about.
        assertThat(frontDesk.get("/clients/" + client + "/documents?q=passport").body()).doesNotContain("data-document=\"" + passport + "\"");
    }

    @Test
    void foldersAreEditedBySettingsManagersOnly() {
        Response page = admin.get("/admin/documents/folders");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Document folders", "Consents &amp; agreements", "Add a folder", "name=\"label\"");
        Response added = admin.submit("/admin/documents/folders", "/admin/documents/folders",
                Map.of("key", "insurance", "label", "Insurance", "position", "7", "sensitivity", "RESTRICTED", "active", "true"));
        assertThat(added.status()).isEqualTo(302);
        assertThat(admin.get("/admin/documents/folders").body()).contains("The folder “Insurance” was saved.", "value=\"Insurance\"");
        Response bad = admin.submit("/admin/documents/folders", "/admin/documents/folders",
                Map.of("key", "Not A Key", "label", "", "position", "x", "sensitivity", "NORMAL"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("There is a problem — nothing was saved", "Enter a whole number from 0 to 9999.");
        assertThat(frontDesk.get("/admin/documents/folders").status()).isEqualTo(403);
    }

    /** Needs the security rule that lets compliance.read through to GET /admin/documents/folders (as for /admin/catalogue). */
    @Test
    void foldersAreShownReadOnlyToComplianceReaders() {
        Response readOnly = auditor.get("/admin/documents/folders");
        assertThat(readOnly.status()).isEqualTo(200);
        assertThat(readOnly.body()).contains("Consents &amp; agreements", "changing them needs the permission to manage settings")
                .doesNotContain("name=\"label\"");
        assertThat(auditor.post("/admin/documents/folders/insurance", Map.of("label", "x", "_csrf",
                HttpsClient.csrfToken(readOnly.body()))).status()).isEqualTo(403);
    }

    // --- helpers

    record Raw(int status, HttpHeaders headers, byte[] bytes) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    UUID client(String given, String family) {
        ClientResult<ClientProfile> made = clients.create(new Actor.Staff(OWNERS.get(port), StaffRole.OWNER),
                new NewClient(ClientStatus.ACTIVE, Map.of("given_name", given, "family_name", family), true));
        assertThat(made).isInstanceOf(ClientResult.Done.class);
        return ((ClientResult.Done<ClientProfile>) made).value().id();
    }

    /** One file as documents.js sends it: the raw body, metadata in the query, the CSRF token in its header. */
    Raw upload(HttpsClient who, UUID client, Map<String, String> query, byte[] body) {
        String q = query.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return raw(who, "POST", "/clients/" + client + "/documents/upload?" + q, body, true);
    }

    Raw get(HttpsClient who, String path) {
        return raw(who, "GET", path, null, false);
    }

    Raw raw(HttpsClient who, String method, String path, byte[] body, boolean withToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(who.base() + path)).timeout(Duration.ofSeconds(60))
                .header("Accept-Language", "en");
        if (body != null) {
            request.method(method, HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", "application/octet-stream")
                    .header("Accept", "application/json");
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody()).header("Accept", "*/*");
        }
        if (withToken) {
            request.header("X-CSRF-TOKEN", HttpsClient.csrfToken(who.get("/account").body()));
        }
        request.header("Cookie", who.cookies().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("; ")));
        HttpClient http = HttpClient.newBuilder().sslContext(HttpsClient.trusting(certificate()))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Raw(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static UUID documentId(Raw answer) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        Matcher m = DOCUMENT.matcher(answer.text());
        assertThat(m.find()).isTrue();
        return UUID.fromString(m.group(1));
    }

    String status(UUID document) {
        return jdbc.sql("SELECT status FROM document WHERE id = ?").param(document.toString()).query(String.class).single();
    }

    long documentCount() {
        return jdbc.sql("SELECT COUNT(*) FROM document").query(Long.class).single();
    }

    static long folderCount(String html, String folder) {
        Matcher m = Pattern.compile("data-folder=\"" + folder + "\">\\s*<span class=\"folder-name\">[^<]*</span>\\s*"
                + "<span class=\"folder-count\" aria-hidden=\"true\">(\\d+)</span>").matcher(html);
        assertThat(m.find()).as("folder " + folder).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** The details form as the browser would send it, with its CSRF token. */
    static Map<String, String> detailsForm(String html) {
        int start = html.indexOf("class=\"form details-form\"");
        assertThat(start).isPositive();
        String form = html.substring(html.lastIndexOf("<form", start), html.indexOf("</form>", start));
        Map<String, String> values = new LinkedHashMap<>();
        Matcher inputs = Pattern.compile("<input[^>]*>").matcher(form);
        while (inputs.find()) {
            Matcher name = Pattern.compile("name=\"([^\"]+)\"").matcher(inputs.group());
            Matcher value = Pattern.compile("value=\"([^\"]*)\"").matcher(inputs.group());
            if (name.find()) {
                values.put(name.group(1), value.find() ? unescape(value.group(1)) : "");
            }
        }
        Matcher selects = Pattern.compile("<select[^>]*name=\"([^\"]+)\"[^>]*>(.*?)</select>", Pattern.DOTALL).matcher(form);
        while (selects.find()) {
            Matcher chosen = Pattern.compile("<option value=\"([^\"]*)\" selected").matcher(selects.group(2));
            if (chosen.find()) {
                values.put(selects.group(1), chosen.group(1));
            }
        }
        return values;
    }

    static String hidden(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
        assertThat(m.find()).as(name).isTrue();
        return m.group(1);
    }

    static String withoutTokens(String html) {
        return html.replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "name=\"_csrf\"");
    }

    static String unescape(String text) {
        return text.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    Path certificate() {
        return Path.of(environment.getRequiredProperty("strongroom.data-dir"), "tls", "server.crt");
    }
}
