package org.strongroom.documents.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.util.MultiValueMap;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.strongroom.access.AccessPolicy;
import org.strongroom.access.Actor;
import org.strongroom.access.Permission;
import org.strongroom.access.Sensitivity;
import org.strongroom.access.Visibility;
import org.strongroom.documents.ByteRange;
import org.strongroom.documents.DocumentContent;
import org.strongroom.documents.DocumentDamaged;
import org.strongroom.documents.DocumentDetails;
import org.strongroom.documents.DocumentFolder;
import org.strongroom.documents.DocumentFolders;
import org.strongroom.documents.DocumentMetadata;
import org.strongroom.documents.DocumentQuery;
import org.strongroom.documents.DocumentRestricted;
import org.strongroom.documents.DocumentResult;
import org.strongroom.documents.DocumentSummary;
import org.strongroom.documents.DocumentVersion;
import org.strongroom.documents.Documents;
import org.strongroom.documents.FileNames;
import org.strongroom.identity.ApiController;
import org.strongroom.identity.StaffPrincipal;

import tools.jackson.databind.node.ObjectNode;

/**
 * The documents part of the JSON API: the organisation's folders, and each client's documents —
 * list and search, metadata with every version, upload (raw body or streaming multipart, see
 * {@link DocumentsApiUploads}), download of any version with single byte ranges
 * ({@link DocumentsApiRanges}), new versions, restoring an old version, metadata changes, trash and
 * restore. Every call goes to the documents services, which ask the access policy (document
 * sensitivity included) and write the audit trail; this layer adds no rule of its own, but asks
 * the policy before it reads an upload's body or insists on a version, so a caller who may not act
 * learns nothing more than a 403 or the 404 of a client that does not exist. A document of another
 * client, a document the caller may not see, one that does not exist and an id that is not an id
 * all answer the same 404.
 *
 * <p>Changes are optimistic: a document's {@code version} (its metadata {@code ETag}) comes back as
 * {@code If-Match} or in the body — required (428 without it) to change metadata, trash, restore
 * or restore a version; optional for a new version. A stale one is 412 (If-Match) or 409 (body),
 * with the current version. Downloads carry a strong {@code ETag} made from the document id and
 * version number (never from the content), {@code Accept-Ranges: bytes}, {@code Content-Disposition:
 * attachment}, {@code X-Content-Type-Options: nosniff} and {@code Cache-Control: no-store}, as
 * every answer with personal data does.
 */
@ApiController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class DocumentsApiController {

    record Folder(String key, String label, int position, String defaultSensitivity, boolean active) {
    }

    record Folders(List<Folder> folders) {
    }

    /**
     * A document as the caller may see it; {@code masked} when the caller's role sees its
     * sensitivity masked (title, file name and tags are then masked and the bytes cannot be read).
     * {@code version} is the metadata's version (its ETag), {@code currentVersion} the number of
     * the file version downloads give.
     */
    record Summary(String id, String clientId, String folder, @Nullable String type, @Nullable String title, @Nullable String date,
                   List<String> tags, String sensitivity, boolean masked, String status, int currentVersion, int versionCount,
                   long size, String mediaType, @Nullable String fileName, String createdAt, String updatedAt,
                   @Nullable String updatedBy, @Nullable String trashedAt, @Nullable String purgeAfter, long version) {
        @Override
        public String toString() {
            return "Summary[" + id + "]";
        }
    }

    record Listing(List<Summary> documents) {
    }

    record Version(int number, long size, String mediaType, @Nullable String fileName, String createdAt, @Nullable String createdBy,
                   @Nullable Integer restoredFrom, boolean metadataStripped, boolean scanned) {
        @Override
        public String toString() {
            return "Version[" + number + "]";
        }
    }

    record Details(Summary document, List<Version> versions) {
    }

    /** Body of a metadata change: the version read, and the properties to change (left out: kept; null: cleared). */
    record MetadataChange(@Nullable Long version, @Nullable String folder, @Nullable String type, @Nullable String title,
                          @Nullable String date, @Nullable List<String> tags, @Nullable String sensitivity) {
        @Override
        public String toString() {
            return "MetadataChange[v" + version + "]";
        }
    }

    /** Body of trash, restore and restore-a-version (optional when If-Match is sent). */
    record VersionBody(@Nullable Long version) {
    }

    /** The version a change is made against, and where it came from. */
    record Expected(long version, boolean fromIfMatch) {
    }

    static final int MAX_QUERY = 200;

    /** Ids as this API writes them: lower-case canonical UUID text, nothing else. */
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern ETAG = Pattern.compile("\"([0-9]{1,18})\"");
    private static final Pattern VERSION_NUMBER = Pattern.compile("[1-9][0-9]{0,8}");
    private static final Pattern FOLDER_KEY = Pattern.compile("[a-z][a-z0-9_]{1,39}");
    private static final Set<String> LIST_PARAMETERS = Set.of("folder", "q", "trash");
    private static final Set<String> CHANGE_PROPERTIES = Set.of("version", "folder", "type", "title", "date", "tags", "sensitivity");

    private final Documents documents;
    private final DocumentFolders folders;
    private final AccessPolicy policy;
    private final MessageSource messages;
    private final DocumentsApiUploads uploads;

    DocumentsApiController(Documents documents, DocumentFolders folders, AccessPolicy policy, MessageSource messages,
                           @Value("${strongroom.documents.max-size:100MB}") DataSize maxSize) {
        this.documents = documents;
        this.folders = folders;
        this.policy = policy;
        this.messages = messages;
        this.uploads = new DocumentsApiUploads(maxSize.toBytes(), messages);
    }

    // --- folders -------------------------------------------------------------------------------

    /** The organisation's folders, retired ones included. Describes the structure, holds no personal data. */
    @GetMapping("/document-folders")
    ResponseEntity<Folders> folders() {
        List<Folder> all = folders.all().stream()
                .map(f -> new Folder(f.key(), f.label(), f.position(), f.defaultSensitivity().name(), f.active()))
                .toList();
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new Folders(all));
    }

    // --- a client's documents ------------------------------------------------------------------

    /** The client's documents (or its trash) the caller may see, newest change first; {@code q} searches titles, file names and tags. */
    @GetMapping("/clients/{id}/documents")
    ResponseEntity<?> list(@PathVariable String id, @RequestParam MultiValueMap<String, String> parameters,
                           @AuthenticationPrincipal StaffPrincipal me) {
        UUID client = id(id);
        Map<String, String> problems = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> p : parameters.entrySet()) {
            if (!LIST_PARAMETERS.contains(p.getKey())) {
                problems.put("parameters", "documentapi.parameter.unknown");
            } else if (p.getValue().size() > 1) {
                problems.put(p.getKey(), "documentapi.parameter.repeated");
            }
        }
        String folder = parameters.getFirst("folder");
        if (folder != null && !FOLDER_KEY.matcher(folder).matches()) {
            problems.put("folder", "documentapi.parameter.folder");
        }
        String q = parameters.getFirst("q");
        if (q != null && (q.isBlank() || q.length() > MAX_QUERY || q.chars().anyMatch(Character::isISOControl))) {
            problems.put("q", "documentapi.parameter.q");
        }
        String trash = parameters.getFirst("trash");
        if (trash != null && !trash.equals("true") && !trash.equals("false")) {
            problems.put("trash", "documentapi.parameter.boolean");
        }
        if (!problems.isEmpty()) {
            return DocumentsApiProblem.badParameters(problems, messages);
        }
        List<DocumentSummary> found = documents.list(Actor.of(me), client,
                new DocumentQuery(folder, q == null ? null : q.strip(), "true".equals(trash)));
        return personal(HttpStatus.OK).body(new Listing(found.stream().map(DocumentsApiController::summary).toList()));
    }

    /**
     * Uploads a new document: {@code multipart/form-data} (metadata part, then file part) or the
     * file as the raw body with the metadata in query parameters. Needs {@code document.upload} on
     * the client, asked before a byte of the body is read.
     */
    @PostMapping("/clients/{id}/documents")
    ResponseEntity<?> upload(@PathVariable String id, @AuthenticationPrincipal StaffPrincipal me, HttpServletRequest request) {
        UUID client = id(id);
        Actor actor = Actor.of(me);
        policy.require(actor, Permission.DOCUMENT_UPLOAD, client);
        DocumentResult<DocumentDetails> result = uploads.receive(request, true,
                received -> documents.upload(actor, client, received.metadata(), received.source()));
        if (result instanceof DocumentResult.Done<DocumentDetails> done) {
            DocumentSummary made = done.value().document();
            return personal(HttpStatus.CREATED).location(URI.create(path(client, made.id())))
                    .eTag(etag(made.rowVersion())).body(details(done.value()));
        }
        return unsaved(result, false);
    }

    // --- one document --------------------------------------------------------------------------

    /** The document's metadata and every version, newest first. Recorded as {@code documents.viewed}. */
    @GetMapping("/clients/{id}/documents/{documentId}")
    ResponseEntity<Details> document(@PathVariable String id, @PathVariable String documentId, @AuthenticationPrincipal StaffPrincipal me) {
        DocumentDetails details = documents.get(Actor.of(me), id(id), id(documentId));
        return personal(HttpStatus.OK).eTag(etag(details.document().rowVersion())).body(details(details));
    }

    /**
     * Changes folder, type, title, date, tags or sensitivity; properties left out stay as they
     * are, {@code null} clears title, date or tags (and sets the folder's default sensitivity).
     */
    @PatchMapping(path = "/clients/{id}/documents/{documentId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> change(@PathVariable String id, @PathVariable String documentId,
                             @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
                             @AuthenticationPrincipal StaffPrincipal me, HttpServletRequest request) {
        UUID client = id(id);
        UUID document = id(documentId);
        Actor actor = Actor.of(me);
        policy.require(actor, Permission.DOCUMENT_UPLOAD, client);
        DocumentSummary now = visible(actor, client, document);
        ObjectNode sent = DocumentsApiBodies.readObject(request, CHANGE_PROPERTIES);
        MetadataChange change = DocumentsApiBodies.bind(sent, MetadataChange.class);
        Map<String, String> problems = new LinkedHashMap<>();
        Expected expected = expected(change.version(), ifMatch, problems);
        if (now.visibility() != Visibility.FULL) {
            // Masked values cannot be merged into a change; the service refuses such a change anyway.
            throw new DocumentRestricted(document);
        }
        String folder = sent.has("folder") ? change.folder() : now.folder();
        if (folder == null || folder.isBlank()) {
            problems.put("folder", "documentapi.folder.required");
        }
        String type = sent.has("type") ? change.type() : now.type();
        if (type == null || type.isBlank()) {
            type = DocumentsApiUploads.DEFAULT_TYPE;
        }
        String title = sent.has("title") ? change.title() : now.title();
        var date = sent.has("date") ? DocumentsApiUploads.date(change.date(), problems) : now.date();
        Sensitivity sensitivity = sent.has("sensitivity") ? DocumentsApiUploads.sensitivity(change.sensitivity(), problems)
                : now.sensitivity();
        List<String> tags = new ArrayList<>();
        List<String> sentTags = sent.has("tags") ? change.tags() : now.tags();
        if (sentTags != null) {
            for (String tag : sentTags) {
                if (tag == null) {
                    problems.put("tags", "documentapi.tags.null");
                } else {
                    tags.add(tag);
                }
            }
        }
        if (!problems.isEmpty()) {
            return DocumentsApiProblem.rejected(problems, messages);
        }
        if (expected == null) {
            return DocumentsApiProblem.versionRequired();
        }
        DocumentMetadata metadata = new DocumentMetadata(folder, type, title, date, sensitivity, tags);
        return answer(documents.update(actor, client, document, expected.version(), metadata), expected.fromIfMatch());
    }

    /** Moves the document to the trash (kept for the configured period, then destroyed). */
    @DeleteMapping("/clients/{id}/documents/{documentId}")
    ResponseEntity<?> trash(@PathVariable String id, @PathVariable String documentId,
                            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
                            @AuthenticationPrincipal StaffPrincipal me, HttpServletRequest request) {
        return guardedChange(id, documentId, Permission.DOCUMENT_DELETE, ifMatch, me, request, documents::trash);
    }

    /** Takes the document out of the trash. */
    @PostMapping("/clients/{id}/documents/{documentId}/restore")
    ResponseEntity<?> restore(@PathVariable String id, @PathVariable String documentId,
                              @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
                              @AuthenticationPrincipal StaffPrincipal me, HttpServletRequest request) {
        return guardedChange(id, documentId, Permission.DOCUMENT_DELETE, ifMatch, me, request, documents::restore);
    }

    /** A change to one document that needs its version: out of reach is a 404 before a missing version is a 428. */
    private ResponseEntity<?> guardedChange(String id, String documentId, Permission permission, @Nullable String ifMatch,
                                            StaffPrincipal me, HttpServletRequest request, Change change) {
        UUID client = id(id);
        UUID document = id(documentId);
        Actor actor = Actor.of(me);
        policy.require(actor, permission, client);
        visible(actor, client, document);
        Expected expected = required(request, ifMatch);
        return answer(change.apply(actor, client, document, expected.version()), expected.fromIfMatch());
    }

    @FunctionalInterface
    private interface Change {
        DocumentResult<DocumentDetails> apply(Actor actor, UUID client, UUID document, long expectedVersion);
    }

    // --- versions ------------------------------------------------------------------------------

    /** Adds a new version (same two forms as an upload); the old versions stay. If-Match is optional here. */
    @PostMapping("/clients/{id}/documents/{documentId}/versions")
    ResponseEntity<?> addVersion(@PathVariable String id, @PathVariable String documentId,
                                 @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
                                 @AuthenticationPrincipal StaffPrincipal me, HttpServletRequest request) {
        UUID client = id(id);
        UUID document = id(documentId);
        Actor actor = Actor.of(me);
        policy.require(actor, Permission.DOCUMENT_UPLOAD, client);
        visible(actor, client, document);
        Map<String, String> problems = new LinkedHashMap<>();
        // The header is judged before the body is read; a version in the multipart metadata is judged with it below.
        Expected fromHeader = expected(null, ifMatch, problems);
        if (!problems.isEmpty()) {
            return DocumentsApiProblem.rejected(problems, messages);
        }
        boolean[] guardedByHeader = {fromHeader != null};
        DocumentResult<DocumentDetails> result = uploads.receive(request, false, received -> {
            Expected expected = fromHeader;
            if (received.version() != null) {
                Map<String, String> bodyProblems = new LinkedHashMap<>();
                expected = expected(received.version(), ifMatch, bodyProblems);
                if (!bodyProblems.isEmpty()) {
                    throw DocumentsApiProblem.refusal(DocumentsApiProblem.rejected(bodyProblems, messages));
                }
                guardedByHeader[0] = false;
            }
            return documents.addVersion(actor, client, document, expected == null ? null : expected.version(), received.source());
        });
        if (result instanceof DocumentResult.Done<DocumentDetails> done) {
            DocumentSummary now = done.value().document();
            return personal(HttpStatus.CREATED)
                    .location(URI.create(path(client, document) + "/versions/" + now.currentVersion() + "/content"))
                    .eTag(etag(now.rowVersion())).body(details(done.value()));
        }
        return unsaved(result, guardedByHeader[0]);
    }

    /** Makes an older version current again, as a new version carrying its bytes. */
    @PostMapping("/clients/{id}/documents/{documentId}/versions/{number}/restore")
    ResponseEntity<?> restoreVersion(@PathVariable String id, @PathVariable String documentId, @PathVariable String number,
                                     @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
                                     @AuthenticationPrincipal StaffPrincipal me, HttpServletRequest request) {
        int version = number(number);
        return guardedChange(id, documentId, Permission.DOCUMENT_UPLOAD, ifMatch, me, request,
                (actor, client, document, expected) -> documents.restoreVersion(actor, client, document, version, expected));
    }

    // --- downloads -----------------------------------------------------------------------------

    /** The current version's bytes (whole, or one range). Recorded as {@code documents.downloaded}. */
    @GetMapping(path = "/clients/{id}/documents/{documentId}/content", produces = MediaType.ALL_VALUE)
    void content(@PathVariable String id, @PathVariable String documentId, @AuthenticationPrincipal StaffPrincipal me,
                 HttpServletRequest request, HttpServletResponse response) throws IOException {
        download(Actor.of(me), id(id), id(documentId), null, request, response);
    }

    /** One version's bytes (whole, or one range). Recorded as {@code documents.downloaded}. */
    @GetMapping(path = "/clients/{id}/documents/{documentId}/versions/{number}/content", produces = MediaType.ALL_VALUE)
    void versionContent(@PathVariable String id, @PathVariable String documentId, @PathVariable String number,
                        @AuthenticationPrincipal StaffPrincipal me, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        UUID client = id(id);
        UUID document = id(documentId);
        download(Actor.of(me), client, document, number(number), request, response);
    }

    private void download(Actor actor, UUID client, UUID document, @Nullable Integer number, HttpServletRequest request,
                          HttpServletResponse response) throws IOException {
        // Asked first, so a role without document.read is refused (403) before the document is looked for.
        policy.require(actor, Permission.DOCUMENT_READ, client);
        if ("HEAD".equals(request.getMethod())) {
            head(actor, client, document, number, response);
            return;
        }
        String rangeHeader = request.getHeader(HttpHeaders.RANGE);
        int version;
        long size;
        if (number == null) {
            // The current version, pinned: a version added meanwhile cannot change what a range or If-Range refers to.
            DocumentSummary now = visible(actor, client, document);
            version = now.currentVersion();
            size = now.size();
        } else {
            version = number;
            size = -1;
        }
        String etag = contentEtag(document, version);
        String ifRange = request.getHeader(HttpHeaders.IF_RANGE);
        if (ifRange != null && !ifRange.strip().equals(etag)) {
            rangeHeader = null; // RFC 9110 §13.1.5: a condition that fails means the whole representation
        }
        if (rangeHeader != null && size < 0) {
            // A range is resolved against the size of the version asked for: read it first (recorded as a view).
            size = versionOf(documents.get(actor, client, document), version).size();
        }
        ByteRange range = null;
        if (rangeHeader != null) {
            DocumentsApiRanges.Answer answer = DocumentsApiRanges.resolve(rangeHeader, size);
            if (answer instanceof DocumentsApiRanges.Unsatisfiable) {
                // Nothing is read; the caller learns the size it may ask within.
                DocumentSummary seen = documents.peek(actor, client, document).orElseThrow(DocumentsApiController::nothingHere);
                if (!seen.readable()) {
                    throw new DocumentRestricted(document);
                }
                unsatisfiable(response, size, etag);
                return;
            }
            if (answer instanceof DocumentsApiRanges.Part part) {
                range = part.range();
            }
        }
        DocumentContent content = documents.download(actor, client, document, version, range, false);
        InputStream in = content.open();
        try {
            response.setStatus(content.range() == null ? HttpServletResponse.SC_OK : HttpServletResponse.SC_PARTIAL_CONTENT);
            contentHeaders(response, content.fileName(), content.mediaType(), etag);
            response.setContentLengthLong(content.length());
            if (content.range() != null) {
                response.setHeader(HttpHeaders.CONTENT_RANGE,
                        "bytes " + content.range().first() + "-" + content.range().last() + "/" + content.size());
            }
            copy(in, response.getOutputStream());
        } finally {
            in.close();
        }
    }

    /**
     * Copies the plaintext out. A stored copy that fails after the first byte (the status line is
     * gone) breaks the connection off; a client that went away ends the copy quietly.
     */
    private static void copy(InputStream in, OutputStream out) {
        byte[] buffer = new byte[64 * 1024];
        while (true) {
            int n;
            try {
                n = in.read(buffer);
            } catch (IOException | RuntimeException broken) {
                throw new BrokenOff(broken);
            }
            if (n < 0) {
                return;
            }
            try {
                out.write(buffer, 0, n);
            } catch (IOException clientGone) {
                return;
            }
        }
    }

    /** {@code HEAD}: the headers a download would carry, without reading or recording a download (recorded as a view). */
    private void head(Actor actor, UUID client, UUID document, @Nullable Integer number, HttpServletResponse response) {
        DocumentDetails details = documents.get(actor, client, document);
        if (!details.document().readable()) {
            throw new DocumentRestricted(document);
        }
        DocumentVersion version = versionOf(details, number == null ? details.document().currentVersion() : number);
        response.setStatus(HttpServletResponse.SC_OK);
        contentHeaders(response, version.fileName() == null ? FileNames.FALLBACK : version.fileName(), version.mediaType(),
                contentEtag(document, version.number()));
        response.setContentLengthLong(version.size());
    }

    private static void unsatisfiable(HttpServletResponse response, long size, String etag) throws IOException {
        response.setStatus(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE.value());
        response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + size);
        response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
        response.setHeader(HttpHeaders.ETAG, etag);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Range Not Satisfiable\",\"status\":416,"
                + "\"detail\":\"The range asked for starts past the end of the file; Content-Range gives its size.\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static void contentHeaders(HttpServletResponse response, String fileName, String mediaType, String etag) {
        response.setContentType(mediaType(mediaType));
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, disposition(fileName));
        response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
        response.setHeader(HttpHeaders.ETAG, etag);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
    }

    /** The detected type as a header value, or {@code application/octet-stream} when it does not parse as one. */
    static String mediaType(@Nullable String detected) {
        if (detected == null || detected.isBlank()) {
            return MediaType.APPLICATION_OCTET_STREAM_VALUE;
        }
        try {
            MediaType type = MediaType.parseMediaType(detected);
            if (type.isWildcardType() || type.isWildcardSubtype()) {
                return MediaType.APPLICATION_OCTET_STREAM_VALUE;
            }
            return type.toString();
        } catch (RuntimeException e) {
            return MediaType.APPLICATION_OCTET_STREAM_VALUE;
        }
    }

    /** RFC 6266 {@code attachment} with an ASCII fallback name and the UTF-8 name (RFC 8187); no CR, LF or other controls can pass. */
    static String disposition(String fileName) {
        return FileNames.contentDisposition(fileName, false);
    }

    /** A strong entity tag for one version's bytes, made from ids only: the same bytes always, so never from the content. */
    static String contentEtag(UUID document, int version) {
        return "\"" + document + "." + version + "\"";
    }

    static String etag(long rowVersion) {
        return "\"" + rowVersion + "\"";
    }

    /** Thrown when a download breaks off after its first byte: no handler may write anything more. */
    static final class BrokenOff extends RuntimeException {
        BrokenOff(Throwable cause) {
            super("download broken off", cause, false, false);
        }
    }

    // --- errors this controller answers itself -------------------------------------------------

    @ExceptionHandler(DocumentsApiProblem.Refusal.class)
    ResponseEntity<DocumentsApiProblem> refused(DocumentsApiProblem.Refusal refusal) {
        return refusal.answer();
    }

    /** A document the caller's role sees masked: it knows the document exists, but may not read its bytes or change it. */
    @ExceptionHandler(DocumentRestricted.class)
    ResponseEntity<DocumentsApiProblem> restricted(DocumentRestricted restricted) {
        return DocumentsApiProblem.restricted();
    }

    @ExceptionHandler(DocumentDamaged.class)
    ResponseEntity<DocumentsApiProblem> damaged(DocumentDamaged damaged) {
        return DocumentsApiProblem.damaged();
    }

    /**
     * Rethrown on purpose: the response is committed with fewer bytes than its Content-Length, and
     * the container then closes the connection, so the client sees a broken download rather than
     * a complete-looking one with an error document appended.
     */
    @ExceptionHandler(BrokenOff.class)
    void brokenOff(BrokenOff broken) {
        throw broken;
    }

    // --- answers -------------------------------------------------------------------------------

    private ResponseEntity<?> answer(DocumentResult<DocumentDetails> result, boolean fromIfMatch) {
        if (result instanceof DocumentResult.Done<DocumentDetails> done) {
            return personal(HttpStatus.OK).eTag(etag(done.value().document().rowVersion())).body(details(done.value()));
        }
        return unsaved(result, fromIfMatch);
    }

    private ResponseEntity<?> unsaved(DocumentResult<DocumentDetails> result, boolean fromIfMatch) {
        if (result instanceof DocumentResult.Conflict<DocumentDetails> conflict) {
            return DocumentsApiProblem.conflict(conflict.current().document().rowVersion(), fromIfMatch);
        }
        if (result instanceof DocumentResult.Rejected<DocumentDetails> rejected) {
            return DocumentsApiProblem.rejected(rejected.problems(), messages);
        }
        throw new IllegalStateException("unexpected result " + result.getClass().getSimpleName());
    }

    private static ResponseEntity.BodyBuilder personal(HttpStatus status) {
        return ResponseEntity.status(status).cacheControl(CacheControl.noStore());
    }

    static Details details(DocumentDetails d) {
        return new Details(summary(d.document()), d.versions().stream().map(DocumentsApiController::version).toList());
    }

    static Summary summary(DocumentSummary s) {
        return new Summary(s.id().toString(), s.clientId().toString(), s.folder(), s.type(), s.title(),
                s.date() == null ? null : s.date().toString(), s.tags(), s.sensitivity().name(), s.visibility() == Visibility.MASKED,
                s.status().name(), s.currentVersion(), s.versionCount(), s.size(), s.mediaType(), s.fileName(),
                s.createdAt().toString(), s.updatedAt().toString(), s.updatedBy(), text(s.trashedAt()), text(s.purgeAfter()),
                s.rowVersion());
    }

    static Version version(DocumentVersion v) {
        return new Version(v.number(), v.size(), v.mediaType(), v.fileName(), v.createdAt().toString(), v.createdBy(),
                v.restoredFrom(), v.metadataStripped(), v.scanned());
    }

    private static @Nullable String text(@Nullable Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static String path(UUID client, UUID document) {
        return "/api/v1/clients/" + client + "/documents/" + document;
    }

    // --- input ---------------------------------------------------------------------------------

    /** The document as the caller sees it, for a change: one the caller may not see is the 404 of one that does not exist. */
    private DocumentSummary visible(Actor actor, UUID client, UUID document) {
        return documents.peek(actor, client, document).orElseThrow(DocumentsApiController::nothingHere);
    }

    private static DocumentVersion versionOf(DocumentDetails details, int number) {
        for (DocumentVersion v : details.versions()) {
            if (v.number() == number) {
                return v;
            }
        }
        throw nothingHere();
    }

    /** The version for a change that needs one: from the body ({@code {"version": n}}, optional) or If-Match; 428 without. */
    private Expected required(HttpServletRequest request, @Nullable String ifMatch) {
        Long inBody = DocumentsApiBodies.readOptional(request, VersionBody.class).map(VersionBody::version).orElse(null);
        Map<String, String> problems = new LinkedHashMap<>();
        Expected expected = expected(inBody, ifMatch, problems);
        if (!problems.isEmpty()) {
            throw DocumentsApiProblem.refusal(DocumentsApiProblem.rejected(problems, messages));
        }
        if (expected == null) {
            throw DocumentsApiProblem.refusal(DocumentsApiProblem.versionRequired());
        }
        return expected;
    }

    /**
     * The version the caller read: the body's {@code version} or the {@code If-Match} entity tag
     * (both may be sent; they must agree). {@code null} when neither was sent.
     */
    static @Nullable Expected expected(@Nullable Long inBody, @Nullable String ifMatch, Map<String, String> problems) {
        Long fromHeader = null;
        if (ifMatch != null) {
            Matcher m = ETAG.matcher(ifMatch.strip());
            if (!m.matches()) {
                problems.put("If-Match", "documentapi.ifMatch");
                return null;
            }
            fromHeader = Long.parseLong(m.group(1));
        }
        if (inBody != null && fromHeader != null && !inBody.equals(fromHeader)) {
            problems.put("version", "documentapi.version.mismatch");
            return null;
        }
        Long version = inBody != null ? inBody : fromHeader;
        if (version == null) {
            return null;
        }
        if (version < 1) {
            problems.put(inBody != null ? "version" : "If-Match", "documentapi.version.positive");
            return null;
        }
        return new Expected(version, inBody == null);
    }

    /** A path id: the canonical lower-case form only; anything else is an address with nothing at it. */
    private static UUID id(String id) {
        if (!ID.matcher(id).matches()) {
            throw nothingHere();
        }
        return UUID.fromString(id);
    }

    private static int number(String number) {
        if (!VERSION_NUMBER.matcher(number).matches()) {
            throw nothingHere();
        }
        return Integer.parseInt(number);
    }

    private static ResponseStatusException nothingHere() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
}
