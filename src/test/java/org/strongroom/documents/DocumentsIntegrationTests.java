package org.strongroom.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.strongroom.access.AccessRefused;
import org.strongroom.access.Actor;
import org.strongroom.access.Sensitivity;
import org.strongroom.access.Visibility;
import org.strongroom.clients.ClientMerges;
import org.strongroom.clients.ClientProfile;
import org.strongroom.clients.MergeRecord;
import org.strongroom.clients.ClientResult;
import org.strongroom.clients.ClientStatus;
import org.strongroom.clients.Clients;
import org.strongroom.clients.NewClient;
import org.strongroom.crypto.ClientKeys;
import org.strongroom.documents.internal.DocumentSweep;
import org.strongroom.documents.internal.storage.BlobStore;
import org.strongroom.documents.internal.storage.BlobWriter;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffRole;
import org.strongroom.identity.StaffStatus;
import org.strongroom.identity.internal.Accounts;
import org.strongroom.testing.MutableClock;
import org.strongroom.testing.TestFolders;

/**
 * Documents against a real database (SQLite here; PostgreSQL and S3 in the subclasses), real
 * client keys, a real blob store and the real upload checks: bytes round-trip exactly through
 * the encrypted store, ranges decrypt only what they need, versions and the trash keep what they
 * promise, a damaged object is refused and recorded, nothing plain reaches the disk, and every
 * call asks the access policy.
 */
@Import(DocumentsIntegrationTests.Clocks.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "strongroom.data-dir=target/test-data/documents-core", "strongroom.audit.checkpoint-poll=1h",
        "strongroom.audit.verify-schedule=-", "strongroom.documents.sweep-interval=1000d",
        "strongroom.documents.trash-retention=30d"})
class DocumentsIntegrationTests {

    static {
        TestFolders.fresh("documents-core");
    }

    static final int SEGMENT = 1 << 20;

    @Autowired
    Documents documents;
    @Autowired
    DocumentVerification verification;
    @Autowired
    DocumentFolders folders;
    @Autowired
    DocumentSweep sweep;
    @Autowired
    BlobStore blobs;
    @Autowired
    Clients clients;
    @Autowired
    ClientMerges merges;
    @Autowired
    ClientKeys keys;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;
    @Value("${strongroom.data-dir}")
    String dataDir;

    Actor owner;
    Actor administrator;
    Actor practitioner;
    Actor colleague;
    Actor frontDesk;
    Actor auditor;
    UUID client;

    @BeforeEach
    void people() {
        owner = person(StaffRole.OWNER, "olha.owner");
        administrator = person(StaffRole.ADMINISTRATOR, "andrii.admin");
        practitioner = person(StaffRole.PRACTITIONER, "petro.practitioner");
        colleague = person(StaffRole.PRACTITIONER, "kira.colleague");
        frontDesk = person(StaffRole.STAFF, "fiona.frontdesk");
        auditor = person(StaffRole.AUDITOR, "artem.auditor");
        client = newClient(practitioner);
    }

    Actor person(StaffRole role, String handle) {
        StaffId id = StaffId.random();
        accounts.insert(id, handle + "." + id.toString().substring(0, 8) + "@example.org", handle.replace('.', ' '), null, role,
                StaffStatus.ACTIVE, clock.instant());
        return new Actor.Staff(id, role);
    }

    UUID newClient(Actor creator) {
        ClientResult<ClientProfile> made = clients.create(creator, new NewClient(ClientStatus.ACTIVE,
                Map.of("given_name", "Mariia", "family_name", "Testenko" + UUID.randomUUID().toString().substring(0, 5)), true));
        assertThat(made).isInstanceOf(ClientResult.Done.class);
        return ((ClientResult.Done<ClientProfile>) made).value().id();
    }

    /** A PDF-looking body of {@code size} bytes (the checks detect type by content). */
    static byte[] pdf(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        byte[] header = "%PDF-1.7\n%\u00e2\u00e3\n".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(header, 0, bytes, 0, Math.min(size, header.length));
        return bytes;
    }

    static DocumentMetadata meta(String folder, String title, String... tags) {
        return new DocumentMetadata(folder, "report", title, null, null, List.of(tags));
    }

    DocumentDetails uploaded(Actor actor, UUID clientId, DocumentMetadata metadata, byte[] content, String name) {
        DocumentResult<DocumentDetails> result = documents.upload(actor, clientId, metadata,
                new UploadSource(new ByteArrayInputStream(content), name, (long) content.length, false));
        assertThat(result).as("upload of %s", name).isInstanceOf(DocumentResult.Done.class);
        return ((DocumentResult.Done<DocumentDetails>) result).value();
    }

    static byte[] read(DocumentContent content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        content.writeTo(out);
        return out.toByteArray();
    }

    List<String> actions() {
        return jdbc.sql("SELECT action FROM audit_entry ORDER BY seq").query(String.class).list();
    }

    List<String> keysOf(UUID documentId) throws IOException {
        List<String> out = new ArrayList<>();
        blobs.forEach(b -> {
            if (b.key().contains(documentId.toString())) {
                out.add(b.key());
            }
        });
        return out;
    }

    long objects() throws IOException {
        long[] n = {0};
        blobs.forEach(b -> n[0]++);
        return n[0];
    }

    @Test
    void documentsOfEverySizeAroundTheSegmentBoundariesComeBackByteForByte() throws IOException {
        for (int size : new int[] {1, 100, SEGMENT - 41, SEGMENT - 40, SEGMENT - 39, SEGMENT, SEGMENT + 1, 3 * SEGMENT + 17}) {
            byte[] content = pdf(Math.max(size, 16), size);
            DocumentDetails made = uploaded(practitioner, client, meta("reports", "Size " + size), content, "size-" + size + ".pdf");
            assertThat(made.document().size()).isEqualTo(content.length);
            assertThat(made.document().mediaType()).isEqualTo("application/pdf");
            DocumentContent back = documents.download(practitioner, client, made.document().id(), null, null, false);
            assertThat(read(back)).as("size %d", size).isEqualTo(content);
        }
    }

    @Test
    void aRangeReturnsExactlyThoseBytesAcrossSegmentBoundaries() throws IOException {
        byte[] content = pdf(3 * SEGMENT + 1234, 7);
        UUID id = uploaded(practitioner, client, meta("reports", "Ranges"), content, "ranges.pdf").document().id();
        long[][] ranges = {{0, 0}, {0, 99}, {SEGMENT - 100, SEGMENT + 100}, {SEGMENT - 40, SEGMENT - 40}, {2 * SEGMENT, 3 * SEGMENT + 5},
                {content.length - 1, content.length - 1}, {1_048_000, 1_049_000}, {5, content.length - 1}};
        for (long[] r : ranges) {
            DocumentContent part = documents.download(practitioner, client, id, null, new ByteRange(r[0], r[1]), false);
            assertThat(part.length()).isEqualTo(r[1] - r[0] + 1);
            assertThat(read(part)).as("range %d-%d", r[0], r[1]).isEqualTo(Arrays.copyOfRange(content, (int) r[0], (int) r[1] + 1));
        }
    }

    @Test
    void metadataIsEncryptedAndSearchableWithinTheClientsFolder() {
        uploaded(practitioner, client, meta("consents", "Згода на обробку даних", "підписано", "2026"), pdf(500, 1), "zghoda.pdf");
        uploaded(practitioner, client, meta("reports", "Initial assessment", "intake"), pdf(500, 2), "assessment-final.pdf");
        assertThat(documents.list(practitioner, client, new DocumentQuery(null, "згода", false))).extracting(DocumentSummary::title)
                .containsExactly("Згода на обробку даних");
        assertThat(documents.list(practitioner, client, new DocumentQuery(null, "INTAKE", false))).hasSize(1);
        assertThat(documents.list(practitioner, client, new DocumentQuery(null, "assessment final", false))).hasSize(1);
        assertThat(documents.list(practitioner, client, new DocumentQuery("consents", null, false))).hasSize(1);
        assertThat(documents.list(practitioner, client, new DocumentQuery(null, "nothing-like-this", false))).isEmpty();
        List<byte[]> stored = jdbc.sql("SELECT metadata FROM document WHERE client_id = ?").param(client.toString()).query(byte[].class).list();
        assertThat(stored).hasSize(2).allSatisfy(b -> assertThat(new String(b, StandardCharsets.UTF_8)).doesNotContain("assessment", "Згода"));
    }

    @Test
    void aNewVersionKeepsTheOldOnesAndARestoreBringsOldBytesBackAsTheNewest() throws IOException {
        byte[] first = pdf(2000, 11);
        byte[] second = pdf(3000, 12);
        DocumentDetails made = uploaded(practitioner, client, meta("reports", "Versions"), first, "v1.pdf");
        UUID id = made.document().id();
        DocumentResult<DocumentDetails> added = documents.addVersion(practitioner, client, id, made.document().rowVersion(),
                new UploadSource(new ByteArrayInputStream(second), "v2.pdf", null, false));
        assertThat(added).isInstanceOf(DocumentResult.Done.class);
        DocumentDetails now = ((DocumentResult.Done<DocumentDetails>) added).value();
        assertThat(now.document().currentVersion()).isEqualTo(2);
        assertThat(now.versions()).extracting(DocumentVersion::number).containsExactly(2, 1);
        assertThat(read(documents.download(practitioner, client, id, null, null, false))).isEqualTo(second);
        assertThat(read(documents.download(practitioner, client, id, 1, null, false))).isEqualTo(first);

        DocumentResult<DocumentDetails> restored = documents.restoreVersion(practitioner, client, id, 1, now.document().rowVersion());
        DocumentDetails after = ((DocumentResult.Done<DocumentDetails>) restored).value();
        assertThat(after.document().currentVersion()).isEqualTo(3);
        assertThat(after.versions().get(0).restoredFrom()).isEqualTo(1);
        assertThat(after.versions().get(0).fileName()).isEqualTo("v1.pdf");
        assertThat(read(documents.download(practitioner, client, id, null, null, false))).isEqualTo(first);
        assertThat(actions()).contains("documents.uploaded", "documents.version_added", "documents.version_restored", "documents.downloaded");
        // a stale row version changes nothing
        assertThat(documents.restoreVersion(practitioner, client, id, 2, now.document().rowVersion()))
                .isInstanceOf(DocumentResult.Conflict.class);
    }

    @Test
    void twoNewVersionsRacingForTheSameNumberLeaveOneWinnerAndNoStrayBytes() throws Exception {
        DocumentDetails made = uploaded(practitioner, client, meta("reports", "Race"), pdf(1000, 20), "race.pdf");
        UUID id = made.document().id();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<DocumentResult<DocumentDetails>>> calls = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                byte[] body = pdf(2 * SEGMENT, 30 + i);
                calls.add(() -> documents.addVersion(practitioner, client, id, null, new UploadSource(new ByteArrayInputStream(body),
                        "racer.pdf", null, false)));
            }
            List<DocumentResult<DocumentDetails>> results = new ArrayList<>();
            for (Future<DocumentResult<DocumentDetails>> f : pool.invokeAll(calls)) {
                results.add(f.get());
            }
            long done = results.stream().filter(r -> r instanceof DocumentResult.Done).count();
            assertThat(done).isBetween(1L, 2L);
            DocumentDetails now = documents.get(practitioner, client, id);
            assertThat(now.document().versionCount()).isEqualTo(1 + (int) done);
            assertThat(keysOf(id)).hasSize(1 + (int) done);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theTrashKeepsADocumentRestorableUntilItsTimeThenItsBytesAreDestroyed() throws IOException {
        DocumentDetails made = uploaded(practitioner, client, meta("other", "To bin"), pdf(5000, 40), "bin.pdf");
        UUID id = made.document().id();
        DocumentDetails trashed = ((DocumentResult.Done<DocumentDetails>) documents.trash(practitioner, client, id,
                made.document().rowVersion())).value();
        assertThat(trashed.document().status()).isEqualTo(DocumentStatus.TRASHED);
        assertThat(trashed.document().purgeAfter()).isEqualTo(clock.instant().plus(Duration.ofDays(30)));
        assertThat(documents.list(practitioner, client, DocumentQuery.all())).extracting(DocumentSummary::id).doesNotContain(id);
        assertThat(documents.list(practitioner, client, new DocumentQuery(null, null, true))).extracting(DocumentSummary::id).contains(id);
        assertThatThrownBy(() -> documents.download(practitioner, client, id, null, null, false)).isInstanceOf(AccessRefused.class);

        DocumentDetails back = ((DocumentResult.Done<DocumentDetails>) documents.restore(practitioner, client, id,
                trashed.document().rowVersion())).value();
        assertThat(back.document().status()).isEqualTo(DocumentStatus.ACTIVE);
        long version = documents.trash(practitioner, client, id, back.document().rowVersion()) instanceof DocumentResult.Done<DocumentDetails> d
                ? d.value().document().rowVersion() : -1;
        assertThat(version).isPositive();

        clock.advance(Duration.ofDays(29));
        sweep.sweep();
        assertThat(keysOf(id)).hasSize(1);
        clock.advance(Duration.ofDays(2));
        assertThat(sweep.sweep().trashExpired()).isGreaterThanOrEqualTo(1);
        assertThat(keysOf(id)).isEmpty();
        assertThat(jdbc.sql("SELECT status FROM document WHERE id = ?").param(id.toString()).query(String.class).single()).isEqualTo("DESTROYED");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM document WHERE id = ? AND metadata IS NULL").param(id.toString()).query(Long.class).single())
                .isEqualTo(1);
        assertThatThrownBy(() -> documents.get(practitioner, client, id)).isInstanceOf(AccessRefused.class);
        assertThat(actions()).contains("documents.trashed", "documents.restored", "documents.destroyed");
    }

    @Test
    void erasingAClientMakesItsDocumentsUnreadableAtOnceAndTheSweepDeletesTheirBytes() throws IOException {
        UUID erased = newClient(practitioner);
        UUID id = uploaded(practitioner, erased, meta("other", "Soon gone"), pdf(4000, 50), "gone.pdf").document().id();
        assertThat(keysOf(id)).hasSize(1);
        keys.destroy(erased);
        assertThatThrownBy(() -> read(documents.download(owner, erased, id, null, null, false))).isInstanceOf(RuntimeException.class);
        sweep.sweep();
        assertThat(keysOf(id)).isEmpty();
        assertThat(jdbc.sql("SELECT status FROM document WHERE id = ?").param(id.toString()).query(String.class).single()).isEqualTo("DESTROYED");
    }

    /** Attack: an insider out of reach, or a document id put under another client's URL, learns nothing (looks absent). */
    @Test
    void documentsOfClientsOutOfReachOrOfAnotherClientLookAbsent() {
        UUID id = uploaded(practitioner, client, meta("reports", "Mine"), pdf(800, 60), "mine.pdf").document().id();
        UUID other = newClient(owner);
        assertThatThrownBy(() -> documents.list(colleague, client, DocumentQuery.all()))
                .isInstanceOfSatisfying(AccessRefused.class, e -> assertThat(e.looksAbsent()).isTrue());
        assertThatThrownBy(() -> documents.download(colleague, client, id, null, null, false))
                .isInstanceOfSatisfying(AccessRefused.class, e -> assertThat(e.looksAbsent()).isTrue());
        assertThatThrownBy(() -> documents.get(owner, other, id))
                .isInstanceOfSatisfying(AccessRefused.class, e -> assertThat(e.looksAbsent()).isTrue());
        assertThatThrownBy(() -> documents.download(owner, other, id, null, null, false))
                .isInstanceOfSatisfying(AccessRefused.class, e -> assertThat(e.looksAbsent()).isTrue());
        assertThatThrownBy(() -> documents.list(auditor, client, DocumentQuery.all())).isInstanceOf(AccessRefused.class);
        assertThatThrownBy(() -> documents.upload(colleague, client, meta("reports", "x"),
                new UploadSource(new ByteArrayInputStream(pdf(100, 1)), "x.pdf", null, false)))
                .isInstanceOfSatisfying(AccessRefused.class, e -> assertThat(e.looksAbsent()).isTrue());
    }

    @Test
    void aRoleThatSeesALevelMaskedSeesThatTheDocumentExistsButNotItsNameOrBytes() {
        UUID id = uploaded(practitioner, client, new DocumentMetadata("identity", "identity", "Passport scan", null, null, List.of("passport")),
                pdf(900, 70), "passport-scan.pdf").document().id();
        DocumentSummary seen = documents.list(frontDesk, client, DocumentQuery.all()).stream().filter(d -> d.id().equals(id)).findFirst()
                .orElseThrow();
        assertThat(seen.sensitivity()).isEqualTo(Sensitivity.RESTRICTED);
        assertThat(seen.visibility()).isEqualTo(Visibility.MASKED);
        assertThat(seen.title()).isNotEqualTo("Passport scan");
        assertThat(seen.fileName()).isNull();
        assertThat(seen.tags()).isEmpty();
        assertThat(seen.readable()).isFalse();
        assertThat(documents.list(frontDesk, client, new DocumentQuery(null, "passport", false))).isEmpty();
        assertThatThrownBy(() -> documents.download(frontDesk, client, id, null, null, false)).isInstanceOf(DocumentRestricted.class);
        // front desk may file an id copy it will then see masked, but nothing it could not see at all
        assertThat(documents.upload(frontDesk, client, new DocumentMetadata("identity", "identity", "ID card", null, null, List.of()),
                new UploadSource(new ByteArrayInputStream(pdf(300, 71)), "id.pdf", null, false))).isInstanceOf(DocumentResult.Done.class);
        assertThat(documents.upload(frontDesk, client, new DocumentMetadata("reports", "report", "Therapy", null, Sensitivity.HIGHLY_RESTRICTED,
                List.of()), new UploadSource(new ByteArrayInputStream(pdf(300, 72)), "t.pdf", null, false)))
                .isEqualTo(DocumentResult.rejected("sensitivity", "documents.sensitivity.beyondOwn"));
        UUID hidden = uploaded(practitioner, client, new DocumentMetadata("reports", "report", "Process notes", null,
                Sensitivity.HIGHLY_RESTRICTED, List.of()), pdf(300, 73), "notes.pdf").document().id();
        assertThat(documents.list(frontDesk, client, DocumentQuery.all())).extracting(DocumentSummary::id).doesNotContain(hidden);
        assertThatThrownBy(() -> documents.get(frontDesk, client, hidden))
                .isInstanceOfSatisfying(AccessRefused.class, e -> assertThat(e.looksAbsent()).isTrue());
    }

    @Test
    void badInputIsRefusedWithAReasonAndLeavesNoRowAndNoBytes() throws IOException {
        long rowsBefore = jdbc.sql("SELECT COUNT(*) FROM document").query(Long.class).single();
        long objectsBefore = objects();
        byte[] exe = new byte[4096];
        exe[0] = 'M';
        exe[1] = 'Z';
        assertThat(documents.upload(practitioner, client, meta("reports", "x"), new UploadSource(new ByteArrayInputStream(exe),
                "harmless.pdf", null, false))).isEqualTo(DocumentResult.rejected("file", "documents.upload.typeNotAllowed"));
        assertThat(documents.upload(practitioner, client, meta("reports", "x"), new UploadSource(new ByteArrayInputStream(new byte[0]),
                "empty.pdf", 0L, false))).isEqualTo(DocumentResult.rejected("file", "documents.upload.empty"));
        assertThat(documents.upload(practitioner, client, meta("no_such_folder", "x"), new UploadSource(new ByteArrayInputStream(pdf(10, 1)),
                "x.pdf", null, false))).isEqualTo(DocumentResult.rejected("folder", "documents.folder.unknown"));
        assertThat(documents.upload(practitioner, client, new DocumentMetadata("reports", "nonsense", null, null, null, List.of()),
                new UploadSource(new ByteArrayInputStream(pdf(10, 1)), "x.pdf", null, false)))
                .isEqualTo(DocumentResult.rejected("type", "documents.type.unknown"));
        assertThat(documents.upload(practitioner, client, meta("reports", "bad\u0000title"), new UploadSource(new ByteArrayInputStream(pdf(10, 1)),
                "x.pdf", null, false))).isEqualTo(DocumentResult.rejected("title", "documents.title.invalid"));
        // a sender that announced more than it sent
        assertThat(documents.upload(practitioner, client, meta("reports", "short"), new UploadSource(new ByteArrayInputStream(pdf(1000, 3)),
                "short.pdf", 5000L, false))).isEqualTo(DocumentResult.rejected("file", "documents.upload.truncated"));
        // a sender that went away half-way
        InputStream dying = new InputStream() {
            final InputStream start = new ByteArrayInputStream(pdf(3 * SEGMENT, 4));

            @Override
            public int read() throws IOException {
                int b = start.read();
                if (b < 0) {
                    throw new IOException("connection reset");
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = start.read(b, off, len);
                if (n < 0) {
                    throw new IOException("connection reset");
                }
                return n;
            }
        };
        assertThat(documents.upload(practitioner, client, meta("reports", "cut"), new UploadSource(dying, "cut.pdf", null, false)))
                .isEqualTo(DocumentResult.rejected("file", "documents.upload.interrupted"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM document").query(Long.class).single()).isEqualTo(rowsBefore);
        assertThat(objects()).isEqualTo(objectsBefore);
        assertThat(verification.verify(false, (a, b) -> { }).orphans()).isEmpty();
        assertThat(jdbc.sql("SELECT reason FROM audit_entry WHERE action = 'documents.upload_refused'").query(String.class).list())
                .contains("documents.upload.type_not_allowed", "documents.upload.empty", "documents.upload.truncated",
                        "documents.upload.interrupted");
    }

    /** Attack: altered, cut and swapped stored objects are refused with a clear error and recorded, never served. */
    @Test
    void aTamperedTruncatedOrSwappedObjectFailsToDownloadAndIsRecorded() throws IOException {
        byte[] content = pdf(2 * SEGMENT + 500, 80);
        UUID a = uploaded(practitioner, client, meta("reports", "A"), content, "a.pdf").document().id();
        UUID b = uploaded(practitioner, client, meta("reports", "B"), pdf(2 * SEGMENT + 500, 81), "b.pdf").document().id();
        String keyA = keysOf(a).get(0);
        String keyB = keysOf(b).get(0);
        byte[] stored = readObject(keyA);

        byte[] flipped = stored.clone();
        flipped[200] ^= 1;
        writeObject(keyA, flipped);
        assertThatThrownBy(() -> documents.download(practitioner, client, a, null, null, false).open())
                .isInstanceOf(DocumentDamaged.class);

        // damage in a later segment: the download breaks off there, never hands out altered bytes
        byte[] late = stored.clone();
        late[SEGMENT + 4000] ^= 1;
        writeObject(keyA, late);
        DocumentContent partly = documents.download(practitioner, client, a, null, null, false);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        assertThatThrownBy(() -> partly.writeTo(sink)).isInstanceOf(DocumentDamaged.class);
        assertThat(sink.size()).isLessThan(content.length);
        assertThat(Arrays.copyOf(content, sink.size())).isEqualTo(sink.toByteArray());

        writeObject(keyA, Arrays.copyOf(stored, stored.length - SEGMENT));
        assertThatThrownBy(() -> read(documents.download(practitioner, client, a, null, null, false))).isInstanceOf(DocumentDamaged.class);

        writeObject(keyA, readObject(keyB));
        assertThatThrownBy(() -> read(documents.download(practitioner, client, a, null, null, false))).isInstanceOf(DocumentDamaged.class);

        blobs.delete(keyA);
        assertThatThrownBy(() -> documents.download(practitioner, client, a, null, null, false).open()).isInstanceOf(DocumentDamaged.class);

        assertThat(actions().stream().filter("documents.damaged"::equals).count()).isGreaterThanOrEqualTo(5);
        DocumentVerification.Report report = verification.verify(false, (x, y) -> { });
        assertThat(report.damaged()).extracting(DocumentVerification.Damage::documentId).contains(a).doesNotContain(b);
    }

    @Test
    void verificationFindsOrphanedBytesLeftByACrashAndCleansThemWhenAsked() throws IOException {
        uploaded(practitioner, client, meta("reports", "Fine"), pdf(3000, 90), "fine.pdf");
        String orphan = "clients/" + client + "/" + UUID.randomUUID() + "/" + UUID.randomUUID();
        writeObject(orphan, pdf(100, 91));
        clock.set(Instant.now());
        DocumentVerification.Report fresh = verification.verify(true, (x, y) -> { });
        assertThat(fresh.orphans()).as("an hour's grace for uploads in progress").doesNotContain(orphan);
        clock.advance(Duration.ofHours(2));
        DocumentVerification.Report report = verification.verify(false, (x, y) -> { });
        assertThat(report.orphans()).contains(orphan);
        assertThat(report.healthy()).isFalse();
        DocumentVerification.Report cleaned = verification.verify(true, (x, y) -> { });
        assertThat(cleaned.orphansRemoved()).isGreaterThanOrEqualTo(1);
        assertThat(blobs.size(orphan)).isEmpty();
    }

    /** Canary: content, file names, titles and tags never reach the disk (database, WAL, document store) in clear. */
    @Test
    void noCanaryFromAFileItsNameTitleOrTagsIsStoredInClear() throws Exception {
        String canary = "Zqdoccanary" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        byte[] text = ("Session letter for " + canary + "\n").repeat(2000).getBytes(StandardCharsets.UTF_8);
        DocumentDetails made = uploaded(practitioner, client, new DocumentMetadata("correspondence", "letter", canary + " title", null, null,
                List.of(canary + "tag")), text, canary + "-letter.txt");
        assertThat(made.document().mediaType()).startsWith("text/plain");
        assertThat(read(documents.download(practitioner, client, made.document().id(), null, null, false))).isEqualTo(text);
        List<Path> files = new ArrayList<>(storedFiles());
        files.addAll(databaseFiles());
        byte[] needle = canary.getBytes(StandardCharsets.UTF_8);
        boolean storeSeen = false;
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            assertThat(indexOf(bytes, needle)).as("canary in %s", file).isNegative();
            storeSeen |= indexOf(bytes, made.document().id().toString().getBytes(StandardCharsets.US_ASCII)) >= 0
                    || file.toString().contains(made.document().id().toString());
        }
        assertThat(storeSeen).as("the scan sees where documents are kept").isTrue();
    }

    @Test
    void documentsOfARecordMergedIntoAnotherAreShownAndOpenedWithTheSurvivorsUntilTheMergeIsUndone() throws IOException {
        UUID survivor = newClient(owner);
        UUID merged = newClient(owner);
        byte[] content = pdf(2500, 100);
        UUID id = uploaded(owner, merged, meta("consents", "Consent from the other record"), content, "consent.pdf").document().id();
        long survivorVersion = clients.profile(owner, survivor).version();
        long mergedVersion = clients.profile(owner, merged).version();
        ClientResult<MergeRecord> merge = merges.merge(owner, survivor, survivorVersion, merged, mergedVersion, Map.of());
        assertThat(merge).isInstanceOf(ClientResult.Done.class);
        assertThat(documents.list(owner, survivor, DocumentQuery.all())).extracting(DocumentSummary::id).contains(id);
        assertThat(read(documents.download(owner, survivor, id, null, null, false))).isEqualTo(content);
        assertThat(documents.upload(owner, merged, meta("consents", "late"), new UploadSource(new ByteArrayInputStream(pdf(100, 1)),
                "late.pdf", null, false))).isEqualTo(DocumentResult.rejected("client", "documents.client.merged"));
        assertThat(merges.unmerge(owner, ((ClientResult.Done<MergeRecord>) merge).value().id())).isInstanceOf(ClientResult.Done.class);
        assertThat(documents.list(owner, survivor, DocumentQuery.all())).extracting(DocumentSummary::id).doesNotContain(id);
        assertThatThrownBy(() -> documents.get(owner, survivor, id)).isInstanceOf(AccessRefused.class);
        assertThat(read(documents.download(owner, merged, id, null, null, false))).isEqualTo(content);
    }

    @Test
    void foldersAreTheOrganisationsAndOnlySettingsManagersChangeThem() {
        assertThat(folders.active()).extracting(DocumentFolder::key).startsWith("identity", "consents", "correspondence", "reports",
                "financial", "other");
        String key = "court_" + UUID.randomUUID().toString().substring(0, 6);
        assertThatThrownBy(() -> folders.save(practitioner, key, "Court papers", 7, Sensitivity.RESTRICTED, true, null))
                .isInstanceOf(AccessRefused.class);
        DocumentResult<DocumentFolder> made = folders.save(administrator, key, "Court papers", 7, Sensitivity.RESTRICTED, true, null);
        DocumentFolder folder = ((DocumentResult.Done<DocumentFolder>) made).value();
        assertThat(folders.save(owner, key, "Court papers", 7, Sensitivity.RESTRICTED, true, null))
                .isEqualTo(DocumentResult.rejected("key", "documents.folder.keyTaken"));
        assertThat(folders.save(owner, "Bad Key!", "x", 1, Sensitivity.NORMAL, true, null))
                .isEqualTo(DocumentResult.rejected("key", "documents.folder.keyInvalid"));
        assertThat(folders.save(owner, key, "Court\nletters", 7, Sensitivity.RESTRICTED, true, folder.version()))
                .isEqualTo(DocumentResult.rejected("label", "documents.folder.labelInvalid"));
        DocumentFolder retired = ((DocumentResult.Done<DocumentFolder>) folders.save(owner, key, "Court letters", 7, Sensitivity.RESTRICTED,
                false, folder.version())).value();
        assertThat(retired.active()).isFalse();
        assertThat(folders.save(owner, key, "Court letters", 7, Sensitivity.RESTRICTED, true, folder.version()))
                .isEqualTo(DocumentResult.rejected("version", "documents.folder.stale"));
        assertThat(documents.upload(practitioner, client, meta(key, "x"), new UploadSource(new ByteArrayInputStream(pdf(100, 1)), "x.pdf",
                null, false))).isEqualTo(DocumentResult.rejected("folder", "documents.folder.unknown"));
        assertThat(actions()).contains("documents.folder_saved");
    }

    List<Path> storedFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(Path.of(dataDir))) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    List<Path> databaseFiles() throws Exception {
        return List.of();
    }

    byte[] readObject(String key) throws IOException {
        try (InputStream in = blobs.open(key)) {
            return in.readAllBytes();
        }
    }

    void writeObject(String key, byte[] bytes) throws IOException {
        try (BlobWriter writer = blobs.create(key)) {
            OutputStream out = writer.stream();
            out.write(bytes);
            writer.commit();
        }
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Clocks {
        @Bean
        @Primary
        MutableClock movableClock() {
            return new MutableClock(Instant.parse("2026-11-30T09:00:00Z"));
        }
    }
}
