package org.strongroom.documents.internal;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.strongroom.access.AccessDecision;
import org.strongroom.access.AccessPolicy;
import org.strongroom.access.AccessRefused;
import org.strongroom.access.Actor;
import org.strongroom.access.Masking;
import org.strongroom.access.Permission;
import org.strongroom.access.Sensitivity;
import org.strongroom.access.Visibility;
import org.strongroom.clients.ClientStatus;
import org.strongroom.clients.ClientSummary;
import org.strongroom.clients.Clients;
import org.strongroom.crypto.DecryptionFailed;
import org.strongroom.crypto.DocumentContext;
import org.strongroom.crypto.DocumentStreams;
import org.strongroom.crypto.EncryptionContext;
import org.strongroom.crypto.FieldCipher;
import org.strongroom.documents.ByteRange;
import org.strongroom.documents.DocumentContent;
import org.strongroom.documents.DocumentDamaged;
import org.strongroom.documents.DocumentDetails;
import org.strongroom.documents.DocumentFolder;
import org.strongroom.documents.DocumentMetadata;
import org.strongroom.documents.DocumentQuery;
import org.strongroom.documents.DocumentResult;
import org.strongroom.documents.DocumentStatus;
import org.strongroom.documents.DocumentSummary;
import org.strongroom.documents.DocumentTypes;
import org.strongroom.documents.DocumentVersion;
import org.strongroom.documents.Documents;
import org.strongroom.documents.UploadSource;
import org.strongroom.documents.internal.checks.CheckedUpload;
import org.strongroom.documents.internal.checks.UploadChecks;
import org.strongroom.documents.internal.checks.UploadRefused;
import org.strongroom.documents.internal.storage.BlobKeys;
import org.strongroom.documents.internal.storage.BlobStore;
import org.strongroom.documents.internal.storage.BlobWriter;

/**
 * The documents service. An upload runs in three steps so that no database transaction is held
 * while bytes flow (SQLite has one writer): (1) ask the policy and check the input; (2) check and
 * encrypt the bytes into a new blob-store object, committed (durable) only when every byte
 * arrived and every check passed; (3) in one short transaction ask the policy again, record the
 * rows and the audit entry. A failure after (2) deletes the object; a crash between (2) and (3)
 * leaves an object that belongs to nothing, which {@code strongroom documents verify} finds and
 * removes. So a document is visible only when its bytes are durable, and never the other way.
 */
@Service
class DocumentService implements Documents {

    static final String METADATA_TYPE = "document";
    static final String FILE_NAME_TYPE = "document_version";
    static final int MAX_TITLE = 200;
    static final int MAX_TAGS = 20;
    static final int MAX_TAG = 40;
    /** Read ahead when a download opens, so a damaged first segment is found before any byte is sent. */
    static final int FIRST_READ = 64 * 1024;
    private static final Pattern COMBINING = Pattern.compile("\\p{M}+");
    private static final Logger log = LoggerFactory.getLogger(DocumentService.class);

    private final DocumentStore store;
    private final FolderService folders;
    private final BlobStore blobs;
    private final UploadChecks checks;
    private final DocumentStreams streams;
    private final FieldCipher cipher;
    private final AccessPolicy policy;
    private final Clients clients;
    private final org.strongroom.clients.ClientMerges merges;
    private final DocumentAudit audit;
    private final TransactionTemplate transactions;
    private final TransactionTemplate readTransactions;
    private final Clock clock;
    private final Duration trashRetention;

    DocumentService(DocumentStore store, FolderService folders, BlobStore blobs, UploadChecks checks, DocumentStreams streams,
                    FieldCipher cipher, AccessPolicy policy, Clients clients, org.strongroom.clients.ClientMerges merges, DocumentAudit audit,
                    PlatformTransactionManager transactionManager, Clock clock,
                    @Value("${strongroom.documents.trash-retention:30d}") Duration trashRetention) {
        this.store = store;
        this.folders = folders;
        this.blobs = blobs;
        this.checks = checks;
        this.streams = streams;
        this.cipher = cipher;
        this.policy = policy;
        this.clients = clients;
        this.merges = merges;
        this.audit = audit;
        this.transactions = new TransactionTemplate(transactionManager);
        this.readTransactions = new TransactionTemplate(transactionManager);
        this.readTransactions.setReadOnly(true);
        this.clock = clock;
        if (trashRetention.isNegative() || trashRetention.compareTo(Duration.ofDays(3650)) > 0) {
            throw new org.strongroom.documents.DocumentsConfigurationProblem(
                    "strongroom.documents.trash-retention must be between 0 and 3650 days, was " + trashRetention);
        }
        this.trashRetention = trashRetention;
    }

    // ---------------------------------------------------------------------------------- reads

    @Override
    public List<DocumentSummary> list(Actor actor, UUID clientId, DocumentQuery query) {
        return transactions.execute(tx -> {
            AccessDecision decision = policy.require(actor, Permission.DOCUMENT_READ, clientId);
            DocumentStatus status = query.trash() ? DocumentStatus.TRASHED : DocumentStatus.ACTIVE;
            List<DocumentRows.Document> rows = new ArrayList<>(store.ofClient(clientId, status));
            for (UUID merged : absorbed(actor, clientId)) {
                rows.addAll(store.ofClient(merged, status));
            }
            rows.sort(Comparator.comparingLong(DocumentRows.Document::updatedAt).reversed());
            List<DocumentSummary> out = summaries(rows, decision);
            if (query.folder() != null && !query.folder().isBlank()) {
                out = out.stream().filter(d -> d.folder().equals(query.folder())).toList();
            }
            if (query.text() != null && !query.text().isBlank()) {
                List<String> words = words(query.text());
                out = out.stream().filter(d -> d.visibility() == Visibility.FULL && matches(d, words)).toList();
            }
            audit.client(actor, query.trash() ? "documents.trash_listed" : "documents.listed", clientId, decision.reason());
            return out;
        });
    }

    @Override
    public DocumentDetails get(Actor actor, UUID clientId, UUID documentId) {
        return transactions.execute(tx -> {
            AccessDecision decision = policy.require(actor, Permission.DOCUMENT_READ, clientId);
            DocumentRows.Document row = visibleRow(actor, clientId, documentId, decision);
            DocumentDetails details = details(row, decision);
            audit.document(actor, "documents.viewed", clientId, documentId, decision.reason());
            return details;
        });
    }

    @Override
    public long maxUploadSize() {
        return checks.maxSize();
    }

    @Override
    public Optional<DocumentSummary> peek(Actor actor, UUID clientId, UUID documentId) {
        return readTransactions.execute(tx -> {
            AccessDecision decision = policy.decide(actor, Permission.DOCUMENT_READ, clientId);
            if (!decision.allowed()) {
                return Optional.<DocumentSummary>empty();
            }
            return store.find(documentId).filter(r -> r.clientId().equals(clientId) && r.status() != DocumentStatus.DESTROYED)
                    .filter(r -> decision.visibility(r.sensitivity()) != Visibility.HIDDEN)
                    .map(r -> summaries(List.of(r), decision).get(0));
        });
    }

    @Override
    public DocumentContent download(Actor actor, UUID clientId, UUID documentId, @Nullable Integer version, @Nullable ByteRange range,
                                    boolean preview) {
        Prepared prepared = transactions.execute(tx -> {
            AccessDecision decision = policy.require(actor, Permission.DOCUMENT_READ, clientId);
            DocumentRows.Document row = visibleRow(actor, clientId, documentId, decision);
            if (row.status() != DocumentStatus.ACTIVE) {
                throw absent();
            }
            if (decision.visibility(row.sensitivity()) != Visibility.FULL) {
                throw new org.strongroom.documents.DocumentRestricted(documentId);
            }
            int wanted = version == null ? row.currentVersion() : version;
            DocumentRows.Version v = store.version(documentId, wanted).orElseThrow(DocumentService::absent);
            DocumentRows.Version stream = v.streamVersion() == v.version() ? v
                    : store.version(documentId, v.streamVersion()).orElseThrow(() -> new DocumentDamaged(documentId, wanted));
            if (range != null && range.last() >= v.size()) {
                throw new IllegalArgumentException("range beyond the end");
            }
            String fileName = v.fileName() == null ? "document" : decryptName(row.clientId(), documentId, v.version(), v.fileName());
            audit.document(actor, preview ? "documents.previewed" : "documents.downloaded", clientId, documentId,
                    decision.reason() + (wanted == row.currentVersion() ? "" : ":v" + wanted));
            return new Prepared(fileName, v, stream, row.clientId());
        });
        DocumentRows.Version v = prepared.version();
        DocumentRows.Version source = prepared.stream();
        if (source.storageKey() == null) {
            throw new DocumentDamaged(documentId, v.version());
        }
        DocumentContext context = new DocumentContext(documentId, source.version());
        UUID owner = prepared.owner();
        DocumentContent.Opener opener = () -> open(actor, clientId, owner, documentId, v.version(), source.storageKey(), context, range,
                v.size());
        return new DocumentContent(prepared.fileName(), v.mediaType(), v.size(), v.version(), range, opener);
    }

    private record Prepared(String fileName, DocumentRows.Version version, DocumentRows.Version stream, UUID owner) {
    }

    /** Opens the plaintext and reads its first bytes at once, so that a missing or damaged object fails before a response starts. */
    private InputStream open(Actor actor, UUID clientId, UUID owner, UUID documentId, int version, String key, DocumentContext context,
                             @Nullable ByteRange range, long size) throws IOException {
        InputStream plaintext;
        try {
            if (range == null || range.first() == 0) {
                plaintext = streams.decrypting(owner, context, blobs.open(key));
            } else {
                SeekableByteChannel channel = blobs.openChannel(key);
                plaintext = streams.decrypting(owner, context, channel, range.first());
            }
        } catch (NoSuchFileException e) {
            damaged(actor, clientId, documentId, "missing");
            throw new DocumentDamaged(documentId, version);
        } catch (DecryptionFailed e) {
            damaged(actor, clientId, documentId, "decrypt");
            throw new DocumentDamaged(documentId, version);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        long length = range == null ? size : range.length();
        InputStream checked = new CheckedPlaintext(plaintext, actor, clientId, documentId, version, length);
        byte[] first = checked.readNBytes((int) Math.min(FIRST_READ, length));
        return new SequenceInputStream(new ByteArrayInputStream(first), checked);
    }

    private void damaged(Actor actor, UUID clientId, UUID documentId, String reason) {
        try {
            audit.failureOnItsOwn(actor, "documents.damaged", clientId, documentId, reason);
        } catch (RuntimeException e) {
            log.warn("Could not record a damaged document in the audit trail ({})", e.getClass().getSimpleName());
        }
    }

    /**
     * The plaintext of a download: stops at the expected length, reports a stream that fails or
     * ends early as damaged (once), and never lets a decryption failure pass for an I/O error.
     */
    private final class CheckedPlaintext extends FilterInputStream {
        private final Actor actor;
        private final UUID clientId;
        private final UUID documentId;
        private final int version;
        private long remaining;
        private boolean reported;

        CheckedPlaintext(InputStream in, Actor actor, UUID clientId, UUID documentId, int version, long length) {
            super(in);
            this.actor = actor;
            this.clientId = clientId;
            this.documentId = documentId;
            this.version = version;
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n;
            try {
                n = in.read(b, off, (int) Math.min(len, remaining));
            } catch (DecryptionFailed e) {
                throw fail("decrypt");
            }
            if (n < 0) {
                throw fail("truncated");
            }
            remaining -= n;
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buffer = new byte[8192];
            long skipped = 0;
            while (skipped < n) {
                int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
                if (read < 0) {
                    break;
                }
                skipped += read;
            }
            return skipped;
        }

        private DocumentDamaged fail(String reason) {
            if (!reported) {
                reported = true;
                damaged(actor, clientId, documentId, reason);
            }
            return new DocumentDamaged(documentId, version);
        }
    }

    // --------------------------------------------------------------------------------- uploads

    @Override
    public DocumentResult<DocumentDetails> upload(Actor actor, UUID clientId, DocumentMetadata metadata, UploadSource source) {
        Checked checkedInput = readTransactions.execute(tx -> {
            policy.require(actor, Permission.DOCUMENT_UPLOAD, clientId);
            return checkMetadata(actor, clientId, metadata, null);
        });
        if (checkedInput.rejected() != null) {
            return checkedInput.rejected();
        }
        UUID documentId = UUID.randomUUID();
        Stored stored;
        try {
            stored = storeBytes(clientId, documentId, 1, source);
        } catch (UploadRefused e) {
            recordRefusal(actor, clientId, e.code());
            return DocumentResult.rejected("file", e.code());
        }
        try {
            DocumentDetails details = transactions.execute(tx -> {
                AccessDecision decision = policy.require(actor, Permission.DOCUMENT_UPLOAD, clientId);
                long now = clock.millis();
                String by = actor.id();
                String title = checkedInput.title() == null ? stripExtension(stored.fileName()) : checkedInput.title();
                byte[] encryptedMetadata = encryptMetadata(clientId, documentId,
                        new MetadataCodec.Plain(title, metadata.type(), metadata.date(), checkedInput.tags()));
                store.insert(new DocumentRows.Document(documentId, clientId, metadata.folder(), checkedInput.sensitivity(),
                        DocumentStatus.ACTIVE, 1, 1, encryptedMetadata, now, by, now, by, null, null, 1));
                store.insert(versionRow(clientId, documentId, 1, stored, now, by, null));
                audit.document(actor, "documents.uploaded", clientId, documentId, decision.reason());
                return details(store.find(documentId).orElseThrow(), decision);
            });
            return new DocumentResult.Done<>(details);
        } catch (RuntimeException e) {
            forget(stored.key());
            throw e;
        }
    }

    @Override
    public DocumentResult<DocumentDetails> addVersion(Actor actor, UUID clientId, UUID documentId, @Nullable Long expectedRowVersion,
                                                      UploadSource source) {
        DocumentRows.Document before = readTransactions.execute(tx -> {
            AccessDecision decision = policy.require(actor, Permission.DOCUMENT_UPLOAD, clientId);
            DocumentRows.Document row = visibleRow(actor, clientId, documentId, decision);
            requireFull(decision, row);
            return row;
        });
        if (before.status() != DocumentStatus.ACTIVE) {
            return DocumentResult.rejected("status", "documents.notActive");
        }
        Optional<DocumentResult<DocumentDetails>> merged = refuseMerged(actor, clientId);
        if (merged.isPresent()) {
            return merged.get();
        }
        if (expectedRowVersion != null && before.rowVersion() != expectedRowVersion) {
            return new DocumentResult.Conflict<>(get(actor, clientId, documentId));
        }
        int next = before.versionCount() + 1;
        Stored stored;
        try {
            stored = storeBytes(before.clientId(), documentId, next, source);
        } catch (UploadRefused e) {
            recordRefusal(actor, clientId, e.code());
            return DocumentResult.rejected("file", e.code());
        }
        try {
            Optional<DocumentDetails> details = transactions.execute(tx -> {
                AccessDecision decision = policy.require(actor, Permission.DOCUMENT_UPLOAD, clientId);
                long now = clock.millis();
                if (!store.advanceVersion(documentId, before.versionCount(), expectedRowVersion, next, now, actor.id())) {
                    return Optional.<DocumentDetails>empty();
                }
                store.insert(versionRow(before.clientId(), documentId, next, stored, now, actor.id(), null));
                audit.document(actor, "documents.version_added", clientId, documentId, decision.reason());
                return Optional.of(details(store.find(documentId).orElseThrow(), decision));
            });
            if (details.isEmpty()) {
                forget(stored.key());
                return new DocumentResult.Conflict<>(get(actor, clientId, documentId));
            }
            return new DocumentResult.Done<>(details.get());
        } catch (RuntimeException e) {
            forget(stored.key());
            throw e;
        }
    }

    @Override
    public DocumentResult<DocumentDetails> restoreVersion(Actor actor, UUID clientId, UUID documentId, int version, long expectedRowVersion) {
        DocumentResult<DocumentDetails> result = transactions.execute(tx -> {
            AccessDecision decision = policy.require(actor, Permission.DOCUMENT_UPLOAD, clientId);
            DocumentRows.Document row = visibleRow(actor, clientId, documentId, decision);
            requireFull(decision, row);
            if (row.status() != DocumentStatus.ACTIVE) {
                return DocumentResult.<DocumentDetails>rejected("status", "documents.notActive");
            }
            if (row.rowVersion() != expectedRowVersion) {
                return null;
            }
            DocumentRows.Version old = store.version(documentId, version).orElse(null);
            if (old == null) {
                return DocumentResult.<DocumentDetails>rejected("version", "documents.version.unknown");
            }
            if (version == row.currentVersion()) {
                return DocumentResult.<DocumentDetails>rejected("version", "documents.version.alreadyCurrent");
            }
            int next = row.versionCount() + 1;
            long now = clock.millis();
            if (!store.advanceVersion(documentId, row.versionCount(), expectedRowVersion, next, now, actor.id())) {
                return null;
            }
            byte[] name = old.fileName() == null ? null
                    : encryptName(row.clientId(), documentId, next, decryptName(row.clientId(), documentId, old.version(), old.fileName()));
            store.insert(new DocumentRows.Version(documentId, next, old.storageKey(), old.streamVersion(), old.size(), old.storedSize(),
                    old.mediaType(), name, old.metadataStripped(), old.scanned(), version, now, actor.id()));
            audit.document(actor, "documents.version_restored", clientId, documentId, decision.reason() + ":v" + version);
            return new DocumentResult.Done<>(details(store.find(documentId).orElseThrow(), decision));
        });
        return result != null ? result : new DocumentResult.Conflict<>(get(actor, clientId, documentId));
    }

    @Override
    public DocumentResult<DocumentDetails> update(Actor actor, UUID clientId, UUID documentId, long expectedRowVersion,
                                                  DocumentMetadata metadata) {
        DocumentResult<DocumentDetails> result = transactions.execute(tx -> {
            AccessDecision decision = policy.require(actor, Permission.DOCUMENT_UPLOAD, clientId);
            DocumentRows.Document row = visibleRow(actor, clientId, documentId, decision);
            requireFull(decision, row);
            if (row.status() != DocumentStatus.ACTIVE) {
                return DocumentResult.<DocumentDetails>rejected("status", "documents.notActive");
            }
            Checked checked = checkMetadata(actor, clientId, metadata, row.folder());
            if (checked.rejected() != null) {
                return checked.rejected();
            }
            if (decision.visibility(checked.sensitivity()) != Visibility.FULL) {
                // nobody may file a document where they themselves could no longer read it
                return DocumentResult.<DocumentDetails>rejected("sensitivity", "documents.sensitivity.beyondOwn");
            }
            MetadataCodec.Plain current = MetadataCodec.decode(decryptMetadata(row));
            String title = checked.title() == null ? current.title() : checked.title();
            byte[] encrypted = encryptMetadata(row.clientId(), documentId, new MetadataCodec.Plain(title, metadata.type(), metadata.date(),
                    checked.tags()));
            if (!store.updateMetadata(documentId, expectedRowVersion, metadata.folder(), checked.sensitivity(), encrypted,
                    clock.millis(), actor.id())) {
                return null;
            }
            audit.document(actor, "documents.updated", clientId, documentId, decision.reason());
            return new DocumentResult.Done<>(details(store.find(documentId).orElseThrow(), decision));
        });
        return result != null ? result : new DocumentResult.Conflict<>(get(actor, clientId, documentId));
    }

    @Override
    public DocumentResult<DocumentDetails> trash(Actor actor, UUID clientId, UUID documentId, long expectedRowVersion) {
        DocumentResult<DocumentDetails> result = transactions.execute(tx -> {
            AccessDecision decision = policy.require(actor, Permission.DOCUMENT_DELETE, clientId);
            DocumentRows.Document row = visibleRow(actor, clientId, documentId, decision);
            requireFull(decision, row);
            if (row.status() != DocumentStatus.ACTIVE) {
                return DocumentResult.<DocumentDetails>rejected("status", "documents.notActive");
            }
            long now = clock.millis();
            if (!store.trash(documentId, expectedRowVersion, now, now + trashRetention.toMillis(), actor.id())) {
                return null;
            }
            audit.document(actor, "documents.trashed", clientId, documentId, decision.reason());
            return new DocumentResult.Done<>(details(store.find(documentId).orElseThrow(), decision));
        });
        return result != null ? result : new DocumentResult.Conflict<>(get(actor, clientId, documentId));
    }

    @Override
    public DocumentResult<DocumentDetails> restore(Actor actor, UUID clientId, UUID documentId, long expectedRowVersion) {
        DocumentResult<DocumentDetails> result = transactions.execute(tx -> {
            AccessDecision decision = policy.require(actor, Permission.DOCUMENT_DELETE, clientId);
            DocumentRows.Document row = visibleRow(actor, clientId, documentId, decision);
            requireFull(decision, row);
            if (row.status() != DocumentStatus.TRASHED) {
                return DocumentResult.<DocumentDetails>rejected("status", "documents.notInTrash");
            }
            if (!store.untrash(documentId, expectedRowVersion, clock.millis(), actor.id())) {
                return null;
            }
            audit.document(actor, "documents.restored", clientId, documentId, decision.reason());
            return new DocumentResult.Done<>(details(store.find(documentId).orElseThrow(), decision));
        });
        return result != null ? result : new DocumentResult.Conflict<>(get(actor, clientId, documentId));
    }

    // ------------------------------------------------------------------------------ internals

    /** Input checked against the folders and limits; {@code rejected} set when it is not acceptable. */
    private record Checked(@Nullable DocumentResult<DocumentDetails> rejected, @Nullable String title, List<String> tags,
                           Sensitivity sensitivity) {
        static Checked no(String field, String code) {
            return new Checked(DocumentResult.rejected(field, code), null, List.of(), Sensitivity.NORMAL);
        }
    }

    private Checked checkMetadata(Actor actor, UUID clientId, DocumentMetadata metadata, @Nullable String currentFolder) {
        Optional<DocumentFolder> folder = metadata.folder() == null ? Optional.empty() : folders.find(metadata.folder());
        if (folder.isEmpty() || (!folder.get().active() && !folder.get().key().equals(currentFolder))) {
            return Checked.no("folder", "documents.folder.unknown");
        }
        if (metadata.type() == null || !DocumentTypes.known(metadata.type())) {
            return Checked.no("type", "documents.type.unknown");
        }
        String title = metadata.title() == null ? null : Normalizer.normalize(metadata.title().strip(), Normalizer.Form.NFC);
        if (title != null && title.isEmpty()) {
            title = null;
        }
        if (title != null && (title.codePointCount(0, title.length()) > MAX_TITLE || hasControl(title))) {
            return Checked.no("title", "documents.title.invalid");
        }
        if (metadata.date() != null && (metadata.date().getYear() < 1800 || metadata.date().isAfter(java.time.LocalDate.now(clock).plusYears(1)))) {
            return Checked.no("date", "documents.date.invalid");
        }
        List<String> tags = new ArrayList<>();
        for (String raw : metadata.tags()) {
            String tag = raw == null ? "" : Normalizer.normalize(raw.strip(), Normalizer.Form.NFC);
            if (tag.isEmpty()) {
                continue;
            }
            if (tag.codePointCount(0, tag.length()) > MAX_TAG || hasControl(tag)) {
                return Checked.no("tags", "documents.tags.invalid");
            }
            if (tags.stream().noneMatch(t -> t.equalsIgnoreCase(tag))) {
                tags.add(tag);
            }
        }
        if (tags.size() > MAX_TAGS) {
            return Checked.no("tags", "documents.tags.tooMany");
        }
        Sensitivity sensitivity = metadata.sensitivity() == null ? folder.get().defaultSensitivity() : metadata.sensitivity();
        Optional<ClientSummary> client = clients.summary(actor, clientId);
        if (client.isPresent() && client.get().status() == ClientStatus.MERGED) {
            return Checked.no("client", "documents.client.merged");
        }
        // Someone may file a document they will see only masked (front desk scanning an id card),
        // never one they could not see at all.
        AccessDecision decision = policy.decide(actor, Permission.DOCUMENT_UPLOAD, clientId);
        if (decision.visibility(sensitivity) == Visibility.HIDDEN) {
            return Checked.no("sensitivity", "documents.sensitivity.beyondOwn");
        }
        return new Checked(null, title, List.copyOf(tags), sensitivity);
    }

    private Optional<DocumentResult<DocumentDetails>> refuseMerged(Actor actor, UUID clientId) {
        Optional<ClientSummary> client = readTransactions.execute(tx -> clients.summary(actor, clientId));
        if (client != null && client.isPresent() && client.get().status() == ClientStatus.MERGED) {
            return Optional.of(DocumentResult.rejected("client", "documents.client.merged"));
        }
        return Optional.empty();
    }

    private static boolean hasControl(String value) {
        return value.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL || Character.getType(c) == Character.FORMAT);
    }

    /** The bytes of one version, checked and stored: the object key and what the checks found. */
    private record Stored(String key, long size, long storedSize, String mediaType, String fileName, boolean stripped,
                          boolean scanned) {
    }

    private Stored storeBytes(UUID clientId, UUID documentId, int version, UploadSource source) {
        String key = BlobKeys.of(clientId, documentId, UUID.randomUUID());
        try (CheckedUpload upload = checks.begin(source.body(), source.fileName(), source.stripImageMetadata());
             BlobWriter writer = blobs.create(key)) {
            long copied;
            try (OutputStream encrypting = streams.encrypting(clientId, new DocumentContext(documentId, version),
                    new KeepOpen(writer.stream()))) {
                copied = upload.content().transferTo(encrypting);
            }
            CheckedUpload.Passed passed = upload.finish();
            if (!upload.mediaType().startsWith("image/") || !passed.metadataStripped()) {
                if (source.declaredLength() != null && copied != source.declaredLength()) {
                    throw new UploadRefused("documents.upload.truncated");
                }
            }
            long storedSize = writer.commit();
            return new Stored(key, copied, storedSize, upload.mediaType(), upload.fileName(), passed.metadataStripped(), passed.scanned());
        } catch (IOException e) {
            // the sender went away or the store failed: nothing was committed
            throw new UploadRefused(e instanceof java.nio.file.FileSystemException ? "documents.upload.storageFailed"
                    : "documents.upload.interrupted");
        } catch (UncheckedIOException e) {
            throw new UploadRefused("documents.upload.storageFailed");
        }
    }

    private DocumentRows.Version versionRow(UUID clientId, UUID documentId, int version, Stored stored, long now, String by,
                                            @Nullable Integer restoredFrom) {
        return new DocumentRows.Version(documentId, version, stored.key(), version, stored.size(), stored.storedSize(),
                stored.mediaType(), encryptName(clientId, documentId, version, stored.fileName()), stored.stripped(), stored.scanned(),
                restoredFrom, now, by);
    }

    private void recordRefusal(Actor actor, UUID clientId, String code) {
        try {
            // audit reasons are lower-case codes: documents.upload.tooLarge -> documents.upload.too_large
            audit.failureOnItsOwn(actor, "documents.upload_refused", clientId, null,
                    code.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT));
        } catch (RuntimeException e) {
            log.warn("Could not record a refused upload in the audit trail ({})", e.getClass().getSimpleName());
        }
    }

    private void forget(String key) {
        try {
            blobs.delete(key);
        } catch (IOException | RuntimeException e) {
            log.warn("Could not delete an unrecorded document object; `strongroom documents verify` will ({})", e.getClass().getSimpleName());
        }
    }

    private DocumentRows.Document visibleRow(Actor actor, UUID clientId, UUID documentId, AccessDecision decision) {
        DocumentRows.Document row = store.find(documentId).orElseThrow(DocumentService::absent);
        boolean belongs = row.clientId().equals(clientId) || absorbed(actor, clientId).contains(row.clientId());
        if (!belongs || row.status() == DocumentStatus.DESTROYED
                || decision.visibility(row.sensitivity()) == Visibility.HIDDEN) {
            throw absent();
        }
        return row;
    }

    /**
     * The records merged into this client (merges not undone): their documents are shown with the
     * surviving record's, under its access decision, and stay encrypted under their own keys.
     */
    private java.util.Set<UUID> absorbed(Actor actor, UUID clientId) {
        return java.util.Set.copyOf(merges.mergedInto(clientId));
    }

    private static void requireFull(AccessDecision decision, DocumentRows.Document row) {
        if (decision.visibility(row.sensitivity()) != Visibility.FULL) {
            throw new org.strongroom.documents.DocumentRestricted(row.id());
        }
    }

    static AccessRefused absent() {
        return new AccessRefused(AccessDecision.deny("document", "no_such_client", null));
    }

    private List<DocumentSummary> summaries(List<DocumentRows.Document> rows, AccessDecision decision) {
        List<DocumentRows.Document> visible = rows.stream().filter(r -> decision.visibility(r.sensitivity()) != Visibility.HIDDEN).toList();
        Map<UUID, DocumentRows.Version> current = new HashMap<>();
        store.currentVersions(visible.stream().map(DocumentRows.Document::id).toList()).forEach(v -> current.put(v.documentId(), v));
        List<DocumentSummary> out = new ArrayList<>(visible.size());
        for (DocumentRows.Document row : visible) {
            out.add(summary(row, current.get(row.id()), decision));
        }
        return out;
    }

    private DocumentSummary summary(DocumentRows.Document row, DocumentRows.@Nullable Version current, AccessDecision decision) {
        Visibility visibility = decision.visibility(row.sensitivity());
        String title = null;
        String type = null;
        java.time.LocalDate date = null;
        List<String> tags = List.of();
        String fileName = null;
        if (row.metadata() != null) {
            MetadataCodec.Plain plain = MetadataCodec.decode(decryptMetadata(row));
            type = plain.type();
            if (visibility == Visibility.FULL) {
                title = plain.title();
                date = plain.date();
                tags = plain.tags();
                fileName = current == null || current.fileName() == null ? null
                        : decryptName(row.clientId(), row.id(), current.version(), current.fileName());
            } else {
                title = Masking.apply(visibility, plain.title());
            }
        }
        return new DocumentSummary(row.id(), row.clientId(), row.folder(), type, title, date, tags, row.sensitivity(), visibility,
                row.status(), row.currentVersion(), row.versionCount(), current == null ? 0 : current.size(),
                current == null ? "application/octet-stream" : current.mediaType(), fileName, Instant.ofEpochMilli(row.createdAt()),
                Instant.ofEpochMilli(row.updatedAt()), row.updatedBy(), row.trashedAt() == null ? null : Instant.ofEpochMilli(row.trashedAt()),
                row.purgeAfter() == null ? null : Instant.ofEpochMilli(row.purgeAfter()), row.rowVersion());
    }

    private DocumentDetails details(DocumentRows.Document row, AccessDecision decision) {
        List<DocumentRows.Version> versions = store.versions(row.id());
        DocumentRows.Version current = versions.stream().filter(v -> v.version() == row.currentVersion()).findFirst().orElse(null);
        DocumentSummary summary = summary(row, current, decision);
        boolean full = summary.visibility() == Visibility.FULL;
        List<DocumentVersion> out = versions.stream().sorted(Comparator.comparingInt(DocumentRows.Version::version).reversed())
                .map(v -> new DocumentVersion(v.version(), v.size(), v.mediaType(),
                        full && v.fileName() != null ? decryptName(row.clientId(), row.id(), v.version(), v.fileName()) : null,
                        Instant.ofEpochMilli(v.createdAt()), v.createdBy(), v.restoredFrom(), v.metadataStripped(), v.scanned()))
                .toList();
        return new DocumentDetails(summary, out);
    }

    private byte[] encryptMetadata(UUID clientId, UUID documentId, MetadataCodec.Plain plain) {
        return cipher.encrypt(clientId, MetadataCodec.encode(plain), new EncryptionContext(METADATA_TYPE, documentId.toString(), "metadata"));
    }

    private byte[] decryptMetadata(DocumentRows.Document row) {
        return cipher.decrypt(row.clientId(), row.metadata(), new EncryptionContext(METADATA_TYPE, row.id().toString(), "metadata"));
    }

    private byte[] encryptName(UUID clientId, UUID documentId, int version, String name) {
        return cipher.encrypt(clientId, name.getBytes(StandardCharsets.UTF_8),
                new EncryptionContext(FILE_NAME_TYPE, documentId + ":" + version, "file_name"));
    }

    private String decryptName(UUID clientId, UUID documentId, int version, byte[] encrypted) {
        return new String(cipher.decrypt(clientId, encrypted, new EncryptionContext(FILE_NAME_TYPE, documentId + ":" + version, "file_name")),
                StandardCharsets.UTF_8);
    }

    private static String stripExtension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String title = dot > 0 ? fileName.substring(0, dot) : fileName;
        return title.length() > MAX_TITLE ? title.substring(0, MAX_TITLE) : title;
    }

    static List<String> words(String text) {
        return List.of(fold(text).split("\\s+")).stream().filter(w -> !w.isEmpty()).toList();
    }

    static String fold(String text) {
        return COMBINING.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("").toLowerCase(Locale.ROOT);
    }

    private static boolean matches(DocumentSummary d, List<String> words) {
        String haystack = fold(String.join(" ", d.title() == null ? "" : d.title(), d.fileName() == null ? "" : d.fileName(),
                String.join(" ", d.tags())));
        return words.stream().allMatch(haystack::contains);
    }

    /** An output stream whose close() only flushes: the blob writer decides when the object is finished. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

}
