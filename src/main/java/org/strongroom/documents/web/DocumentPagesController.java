package org.strongroom.documents.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.strongroom.access.AccessPolicy;
import org.strongroom.access.Actor;
import org.strongroom.access.Permission;
import org.strongroom.access.Sensitivity;
import org.strongroom.access.Visibility;
import org.strongroom.clients.ClientSummary;
import org.strongroom.clients.Clients;
import org.strongroom.documents.DocumentContent;
import org.strongroom.documents.DocumentDamaged;
import org.strongroom.documents.DocumentDetails;
import org.strongroom.documents.DocumentFolder;
import org.strongroom.documents.DocumentFolders;
import org.strongroom.documents.DocumentMetadata;
import org.strongroom.documents.DocumentQuery;
import org.strongroom.documents.DocumentRestricted;
import org.strongroom.documents.DocumentResult;
import org.strongroom.documents.DocumentStatus;
import org.strongroom.documents.DocumentSummary;
import org.strongroom.documents.DocumentTypes;
import org.strongroom.documents.DocumentVersion;
import org.strongroom.documents.Documents;
import org.strongroom.documents.FileNames;
import org.strongroom.documents.UploadSource;
import org.strongroom.documents.web.DocumentPagesRows.Choice;
import org.strongroom.documents.web.DocumentPagesRows.DocumentRow;
import org.strongroom.documents.web.DocumentPagesRows.FolderEntry;
import org.strongroom.documents.web.DocumentPagesRows.VersionRow;
import org.strongroom.identity.StaffDirectory;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffPrincipal;
import org.strongroom.identity.StaffProfile;

/**
 * The documents tab of a client's workspace: the folders with their counts, a search, the list;
 * uploads (several files, each sent by documents.js as its own raw request body and streamed into
 * the service — never multipart, never buffered whole, never written to disk here); one
 * document's page (details with optimistic version, versions, new version, restore a version,
 * move to the trash); downloads and in-browser previews of PDFs and images; and the trash.
 *
 * <p>Every decision is the service's: a client out of reach, a document of another client or
 * one the role may not see at all is the same refusal as a missing one (404). A document the role
 * sees masked is listed as "Restricted document", without title, file name or links, and its
 * bytes are refused by the service. This controller only decides which buttons to offer.
 */
@Controller
@RequestMapping("/clients/{clientId}/documents")
class DocumentPagesController {

    /**
     * The preview's own policy: nothing runs or loads but the file itself, it cannot be framed,
     * and it is sandboxed. Checked in Chromium 156 (DocumentPagesBrowserTests, and by hand with
     * screenshots): a PDF renders in the browser's viewer and a PNG shows under exactly these
     * headers with {@code X-Frame-Options: DENY}. {@code plugin-types} is left out: browsers dropped it.
     */
    static final String PREVIEW_POLICY = "default-src 'none'; img-src 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'; sandbox";

    /** A download: nothing in it runs at all. */
    static final String DOWNLOAD_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; sandbox";

    private final Documents documents;
    private final DocumentFolders folders;
    private final Clients clients;
    private final AccessPolicy policy;
    private final StaffDirectory staff;
    private final MessageSource messages;
    private final DataSize maxUpload;

    DocumentPagesController(Documents documents, DocumentFolders folders, Clients clients, AccessPolicy policy, StaffDirectory staff,
                            MessageSource messages, @Value("${strongroom.documents.max-size:100MB}") DataSize maxUpload) {
        this.maxUpload = maxUpload;
        this.documents = documents;
        this.folders = folders;
        this.clients = clients;
        this.policy = policy;
        this.staff = staff;
        this.messages = messages;
    }

    // --- the list

    @GetMapping
    String list(@PathVariable String clientId, @RequestParam(required = false) @Nullable String folder,
                @RequestParam(required = false) @Nullable String q, @AuthenticationPrincipal StaffPrincipal me, Model model,
                Locale locale) {
        UUID id = clientId(clientId);
        Actor actor = Actor.of(me);
        String text = DocumentPagesFormat.blankToNull(q);
        if (text != null && text.length() > 200) {
            text = text.substring(0, 200);
        }
        // One read (and one audit entry): the counts beside the folders are of what the search matches.
        List<DocumentSummary> found = documents.list(actor, id, new DocumentQuery(null, text, false));
        List<DocumentFolder> all = folders.all();
        String current = folder != null && all.stream().anyMatch(f -> f.key().equals(folder)) ? folder : null;
        Map<String, Long> counts = found.stream().collect(Collectors.groupingBy(DocumentSummary::folder, Collectors.counting()));
        List<FolderEntry> entries = new ArrayList<>();
        for (DocumentFolder f : all) {
            long count = counts.getOrDefault(f.key(), 0L);
            if (f.active() || count > 0 || f.key().equals(current)) {
                entries.add(new FolderEntry(f.key(), f.label(), count, f.key().equals(current), f.active()));
            }
        }
        Map<String, String> labels = labels(all);
        Map<String, String> names = new HashMap<>();
        List<DocumentRow> rows = found.stream().filter(d -> current == null || d.folder().equals(current))
                .map(d -> row(d, labels, names, locale)).toList();
        model.addAttribute("folders", entries);
        model.addAttribute("currentFolder", current);
        model.addAttribute("currentFolderLabel", current == null ? null : labels.get(current));
        model.addAttribute("q", text == null ? "" : text);
        model.addAttribute("rows", rows);
        model.addAttribute("total", found.size());
        uploadChoices(model, locale, current);
        return page(actor, id, "documents/list", model);
    }

    @GetMapping("/trash")
    String trash(@PathVariable String clientId, @AuthenticationPrincipal StaffPrincipal me, Model model, Locale locale) {
        UUID id = clientId(clientId);
        Actor actor = Actor.of(me);
        List<DocumentSummary> trashed = documents.list(actor, id, new DocumentQuery(null, null, true));
        Map<String, String> labels = labels(folders.all());
        Map<String, String> names = new HashMap<>();
        model.addAttribute("rows", trashed.stream().map(d -> row(d, labels, names, locale)).toList());
        return page(actor, id, "documents/trash", model);
    }

    // --- uploads (raw bodies from documents.js)

    /** The answer to one file's upload, read by documents.js: where the document is, or why it was refused (in words). */
    record UploadAnswer(@Nullable String location, @Nullable String error, @Nullable String field) {
    }

    /**
     * One file as the raw request body, its metadata in the query; answered in JSON whatever the
     * request accepts (no {@code produces}: a mapping narrowed by the Accept header would let a
     * page request fall through to {@code /{documentId}}). The body goes to the service as
     * a stream; {@code Content-Length} is the declared length (fewer bytes: a truncated upload,
     * refused by the service, nothing kept).
     */
    @PostMapping("/upload")
    @ResponseBody
    ResponseEntity<UploadAnswer> upload(@PathVariable String clientId, @RequestParam(defaultValue = "") String folder,
                                        @RequestParam(defaultValue = "") String type, @RequestParam(defaultValue = "") String name,
                                        @RequestParam(required = false) @Nullable String title,
                                        @RequestParam(required = false) @Nullable String date,
                                        @RequestParam(required = false) @Nullable String tags,
                                        @RequestParam(required = false) @Nullable String sensitivity,
                                        @RequestParam(defaultValue = "false") boolean strip, @AuthenticationPrincipal StaffPrincipal me,
                                        HttpServletRequest request, Locale locale) throws IOException {
        UUID id = clientId(clientId);
        Actor actor = Actor.of(me);
        Optional<Optional<LocalDate>> day = DocumentPagesFormat.parseDate(date);
        if (day.isEmpty()) {
            return refused("date", "documentpages.date.invalid", locale);
        }
        if (sensitivity != null && !sensitivity.isBlank() && DocumentPagesFormat.parseSensitivity(sensitivity) == null) {
            return refused("sensitivity", "documentpages.choose", locale);
        }
        DocumentMetadata metadata = new DocumentMetadata(folder, type, DocumentPagesFormat.blankToNull(title), day.get().orElse(null),
                DocumentPagesFormat.parseSensitivity(sensitivity), DocumentPagesFormat.tags(tags));
        DocumentResult<DocumentDetails> result;
        try (InputStream body = request.getInputStream()) {
            result = documents.upload(actor, id, metadata, source(body, name, request, strip));
        }
        if (result instanceof DocumentResult.Done<DocumentDetails> done) {
            String location = "/clients/" + id + "/documents/" + done.value().document().id();
            return ResponseEntity.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON)
                    .body(new UploadAnswer(location, null, null));
        }
        return refusedResult(result, locale);
    }

    /** A new version of a document: as an upload, guarded by the document's version as the page showed it. */
    @PostMapping("/{documentId}/versions")
    @ResponseBody
    ResponseEntity<UploadAnswer> addVersion(@PathVariable String clientId, @PathVariable String documentId,
                                            @RequestParam(defaultValue = "") String name,
                                            @RequestParam(required = false) @Nullable Long rowVersion,
                                            @RequestParam(defaultValue = "false") boolean strip,
                                            @AuthenticationPrincipal StaffPrincipal me, HttpServletRequest request, Locale locale)
            throws IOException {
        UUID id = clientId(clientId);
        UUID doc = documentId(documentId);
        Actor actor = Actor.of(me);
        DocumentResult<DocumentDetails> result;
        try (InputStream body = request.getInputStream()) {
            result = documents.addVersion(actor, id, doc, rowVersion, source(body, name, request, strip));
        }
        if (result instanceof DocumentResult.Done<DocumentDetails>) {
            return ResponseEntity.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON)
                    .body(new UploadAnswer("/clients/" + id + "/documents/" + doc + "?versionAdded", null, null));
        }
        return refusedResult(result, locale);
    }

    private static UploadSource source(InputStream body, String name, HttpServletRequest request, boolean strip) {
        long declared = request.getContentLengthLong();
        return new UploadSource(body, name, declared >= 0 ? declared : null, strip);
    }

    private ResponseEntity<UploadAnswer> refusedResult(DocumentResult<DocumentDetails> result, Locale locale) {
        if (result instanceof DocumentResult.Conflict<DocumentDetails>) {
            return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_JSON)
                    .body(new UploadAnswer(null, messages.getMessage("documentpages.version.stale", null, locale), "file"));
        }
        if (result instanceof DocumentResult.Rejected<DocumentDetails> rejected && !rejected.problems().isEmpty()) {
            Map.Entry<String, String> first = rejected.problems().entrySet().iterator().next();
            return refused(first.getKey(), first.getValue(), locale);
        }
        return refused("file", "documentpages.upload.failed", locale);
    }

    private ResponseEntity<UploadAnswer> refused(String field, String key, Locale locale) {
        // The size limit's message names the limit; the others take no arguments (and must not be run through MessageFormat).
        Object[] args = "documents.upload.tooLarge".equals(key) ? new Object[] {maxUpload.toMegabytes()} : null;
        String text = messages.getMessage(key, args, messages.getMessage("documentpages.upload.failed", null, locale), locale);
        return ResponseEntity.unprocessableContent().contentType(MediaType.APPLICATION_JSON)
                .body(new UploadAnswer(null, text, field));
    }

    // --- one document

    @GetMapping("/{documentId}")
    String document(@PathVariable String clientId, @PathVariable String documentId,
                    @RequestParam(required = false) @Nullable String versionAdded, @AuthenticationPrincipal StaffPrincipal me,
                    Model model, Locale locale) {
        UUID id = clientId(clientId);
        UUID doc = documentId(documentId);
        Actor actor = Actor.of(me);
        DocumentDetails details = documents.get(actor, id, doc);
        if (versionAdded != null && !model.containsAttribute("done")) {
            model.addAttribute("done", "documentpages.versions.added");
        }
        return documentPage(actor, id, details, null, Map.of(), model, locale);
    }

    /** Saves the details (folder, type, title, date, sensitivity, tags); a stale version answers 409 with the form kept. */
    @PostMapping("/{documentId}")
    String update(@PathVariable String clientId, @PathVariable String documentId, @RequestParam Map<String, String> form,
                  @AuthenticationPrincipal StaffPrincipal me, Model model, HttpServletResponse response, RedirectAttributes redirect,
                  Locale locale) {
        UUID id = clientId(clientId);
        UUID doc = documentId(documentId);
        Actor actor = Actor.of(me);
        DetailsForm input = DetailsForm.read(form);
        Map<String, String> problems = new LinkedHashMap<>();
        Optional<Optional<LocalDate>> day = DocumentPagesFormat.parseDate(input.date());
        if (day.isEmpty()) {
            problems.put("date", "documentpages.date.invalid");
        }
        if (!input.sensitivity().isBlank() && DocumentPagesFormat.parseSensitivity(input.sensitivity()) == null) {
            problems.put("sensitivity", "documentpages.choose");
        }
        long rowVersion = parseLong(form.get("rowVersion"));
        if (problems.isEmpty()) {
            DocumentMetadata metadata = new DocumentMetadata(input.folder(), input.type(), DocumentPagesFormat.blankToNull(input.title()),
                    day.get().orElse(null), DocumentPagesFormat.parseSensitivity(input.sensitivity()),
                    DocumentPagesFormat.tags(input.tags()));
            DocumentResult<DocumentDetails> result = documents.update(actor, id, doc, rowVersion, metadata);
            if (result instanceof DocumentResult.Done<DocumentDetails>) {
                redirect.addFlashAttribute("done", "documentpages.details.saved");
                return "redirect:/clients/" + id + "/documents/" + doc;
            }
            if (result instanceof DocumentResult.Conflict<DocumentDetails> conflict) {
                response.setStatus(HttpStatus.CONFLICT.value());
                model.addAttribute("refused", "documentpages.details.stale");
                // The person's input stays; the form now carries the current version, so saving again overwrites on purpose.
                return documentPage(actor, id, conflict.current(), input, Map.of(), model, locale);
            }
            if (result instanceof DocumentResult.Rejected<DocumentDetails> rejected) {
                problems.putAll(rejected.problems());
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        if (problems.isEmpty()) {
            problems.put("form", "documentpages.notSaved");
        }
        model.addAttribute("formRowVersion", rowVersion);
        return documentPage(actor, id, documents.get(actor, id, doc), input, problems, model, locale);
    }

    @PostMapping("/{documentId}/versions/{version}/restore")
    String restoreVersion(@PathVariable String clientId, @PathVariable String documentId, @PathVariable String version,
                          @RequestParam(defaultValue = "-1") String rowVersion, @AuthenticationPrincipal StaffPrincipal me,
                          RedirectAttributes redirect) {
        UUID id = clientId(clientId);
        UUID doc = documentId(documentId);
        int number = (int) Math.min(Integer.MAX_VALUE, Math.max(0, parseLong(version)));
        DocumentResult<DocumentDetails> result = documents.restoreVersion(Actor.of(me), id, doc, number, parseLong(rowVersion));
        flash(result, redirect, "documentpages.versions.restored");
        return "redirect:/clients/" + id + "/documents/" + doc;
    }

    @PostMapping("/{documentId}/trash")
    String moveToTrash(@PathVariable String clientId, @PathVariable String documentId, @RequestParam(defaultValue = "-1") String rowVersion,
                       @AuthenticationPrincipal StaffPrincipal me, RedirectAttributes redirect) {
        UUID id = clientId(clientId);
        UUID doc = documentId(documentId);
        DocumentResult<DocumentDetails> result = documents.trash(Actor.of(me), id, doc, parseLong(rowVersion));
        flash(result, redirect, "documentpages.trash.moved");
        return result instanceof DocumentResult.Done<DocumentDetails> ? "redirect:/clients/" + id + "/documents"
                : "redirect:/clients/" + id + "/documents/" + doc;
    }

    @PostMapping("/{documentId}/restore")
    String restoreFromTrash(@PathVariable String clientId, @PathVariable String documentId,
                            @RequestParam(defaultValue = "-1") String rowVersion, @AuthenticationPrincipal StaffPrincipal me,
                            RedirectAttributes redirect) {
        UUID id = clientId(clientId);
        UUID doc = documentId(documentId);
        DocumentResult<DocumentDetails> result = documents.restore(Actor.of(me), id, doc, parseLong(rowVersion));
        flash(result, redirect, "documentpages.trash.restored");
        return "redirect:/clients/" + id + "/documents/trash";
    }

    private static void flash(DocumentResult<DocumentDetails> result, RedirectAttributes redirect, String done) {
        if (result instanceof DocumentResult.Done<DocumentDetails>) {
            redirect.addFlashAttribute("done", done);
        } else if (result instanceof DocumentResult.Conflict<DocumentDetails>) {
            redirect.addFlashAttribute("refused", "documentpages.version.stale");
        } else if (result instanceof DocumentResult.Rejected<DocumentDetails> rejected && !rejected.problems().isEmpty()) {
            redirect.addFlashAttribute("refused", rejected.code());
        } else {
            redirect.addFlashAttribute("refused", "documentpages.notSaved");
        }
    }

    // --- bytes

    /**
     * Downloads a version (the current one unless {@code version} says), or with {@code inline}
     * shows a PDF or raster image in the browser. The bytes are decrypted while they are copied to
     * the response: nothing is held whole or written to disk. A stored copy found damaged before
     * the first byte answers with a page that says so (the service has recorded the event); damage
     * found later can only break off the transfer.
     */
    @GetMapping("/{documentId}/content")
    @Nullable String content(@PathVariable String clientId, @PathVariable String documentId,
                             @RequestParam(required = false) @Nullable String version,
                             @RequestParam(required = false) @Nullable String inline, @AuthenticationPrincipal StaffPrincipal me,
                             HttpServletResponse response, Model model) throws IOException {
        UUID id = clientId(clientId);
        UUID doc = documentId(documentId);
        Integer number = null;
        if (version != null && !version.isBlank()) {
            long parsed = parseLong(version);
            if (parsed < 1 || parsed > Integer.MAX_VALUE) {
                throw notFound();
            }
            number = (int) parsed;
        }
        Actor actor = Actor.of(me);
        // Recorded as a preview only when it will be one: what the browser cannot show inline is a download.
        boolean preview = inline != null
                && documents.peek(actor, id, doc).map(d -> DocumentPagesFormat.previewable(d.mediaType())).orElse(false);
        DocumentContent content;
        InputStream in;
        try {
            content = documents.download(actor, id, doc, number, null, preview);
            in = content.open();
        } catch (DocumentDamaged damaged) {
            response.setStatus(HttpStatus.INTERNAL_SERVER_ERROR.value());
            model.addAttribute("documentsUrl", "/clients/" + id + "/documents/" + doc);
            return "documents/damaged";
        }
        try (in) {
            boolean showInline = preview && DocumentPagesFormat.previewable(content.mediaType());
            response.setStatus(HttpStatus.OK.value());
            response.setContentType(content.mediaType().isBlank() ? MediaType.APPLICATION_OCTET_STREAM_VALUE : content.mediaType());
            response.setContentLengthLong(content.length());
            response.setHeader("Content-Disposition", FileNames.contentDisposition(content.fileName(), showInline));
            response.setHeader("Content-Security-Policy", showInline ? PREVIEW_POLICY : DOWNLOAD_POLICY);
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("Cache-Control", "no-store");
            OutputStream out = response.getOutputStream();
            in.transferTo(out);
            out.flush();
        }
        return null;
    }

    /**
     * A document the asker's role sees only masked: it exists for them, but they may not read or
     * change it — 403, the ordinary error page, nothing about the document.
     */
    @ExceptionHandler(DocumentRestricted.class)
    void restricted(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_FORBIDDEN);
    }

    // --- page assembly

    private String documentPage(Actor actor, UUID id, DocumentDetails details, @Nullable DetailsForm input, Map<String, String> problems,
                                Model model, Locale locale) {
        List<DocumentFolder> all = folders.all();
        Map<String, String> labels = labels(all);
        Map<String, String> names = new HashMap<>();
        DocumentSummary d = details.document();
        DocumentRow row = row(d, labels, names, locale);
        List<VersionRow> versions = new ArrayList<>();
        for (DocumentVersion v : details.versions()) {
            versions.add(new VersionRow(v.number(), v.fileName(), DocumentPagesFormat.size(v.size(), messages, locale), v.mediaType(),
                    v.createdAt(), name(v.createdBy(), names, locale), v.restoredFrom(), v.metadataStripped(), v.scanned(),
                    v.number() == d.currentVersion(), DocumentPagesFormat.previewable(v.mediaType())));
        }
        versions.sort(Comparator.comparingInt(VersionRow::number).reversed());
        model.addAttribute("doc", row);
        model.addAttribute("docStatus", d.status().name());
        model.addAttribute("trashed", d.status() == DocumentStatus.TRASHED);
        model.addAttribute("versions", versions);
        model.addAttribute("form", input != null ? input : DetailsForm.of(d));
        model.addAttribute("problems", problems);
        if (!model.containsAttribute("formRowVersion")) {
            model.addAttribute("formRowVersion", d.rowVersion());
        }
        uploadChoices(model, locale, d.folder());
        // A folder retired since stays choosable for the document that is in it.
        List<Choice> folderChoices = new ArrayList<>();
        for (DocumentFolder f : all) {
            if (f.active() || f.key().equals(d.folder())) {
                folderChoices.add(new Choice(f.key(), f.label()));
            }
        }
        model.addAttribute("folderChoices", folderChoices);
        return page(actor, id, "documents/document", model);
    }

    /** What the upload form offers: active folders, the types, the sensitivity levels. */
    private void uploadChoices(Model model, Locale locale, @Nullable String folder) {
        List<Choice> active = folders.active().stream().map(f -> new Choice(f.key(), f.label())).toList();
        model.addAttribute("uploadFolders", active);
        model.addAttribute("uploadFolder", folder != null ? folder : "");
        model.addAttribute("folderDefaults", folders.active().stream()
                .collect(Collectors.toMap(DocumentFolder::key,
                        f -> DocumentPagesFormat.sensitivityLabel(f.defaultSensitivity(), messages, locale), (a, b) -> a, LinkedHashMap::new)));
        model.addAttribute("types", DocumentTypes.CODES.stream()
                .map(c -> new Choice(c, DocumentPagesFormat.typeLabel(c, messages, locale))).toList());
        List<Choice> levels = new ArrayList<>();
        for (Sensitivity level : Sensitivity.values()) {
            levels.add(new Choice(level.name(), DocumentPagesFormat.sensitivityLabel(level, messages, locale)));
        }
        model.addAttribute("sensitivities", levels);
        model.addAttribute("maxUploadBytes", maxUpload.toBytes());
        model.addAttribute("maxUploadSize", DocumentPagesFormat.size(maxUpload.toBytes(), messages, locale));
    }

    /** The workspace around a documents page: the client's header and tabs, and what the asker may do here. */
    private String page(Actor actor, UUID id, String view, Model model) {
        Set<Permission> permitted = policy.permitted(actor, id);
        Optional<ClientSummary> client = clients.summary(actor, id);
        model.addAttribute("clientId", id);
        model.addAttribute("client", client.orElse(null));
        model.addAttribute("tabs", DocumentPagesTabs.of(id, permitted, policy.decide(actor, Permission.AUDIT_READ).allowed()));
        model.addAttribute("mayUpload", permitted.contains(Permission.DOCUMENT_UPLOAD));
        model.addAttribute("mayDelete", permitted.contains(Permission.DOCUMENT_DELETE));
        return view;
    }

    private DocumentRow row(DocumentSummary d, Map<String, String> folderLabels, Map<String, String> names, Locale locale) {
        boolean masked = d.visibility() != Visibility.FULL;
        return new DocumentRow(d.id(), masked, masked ? null : d.title(), masked ? null : d.fileName(),
                masked ? "" : DocumentPagesFormat.typeLabel(d.type(), messages, locale),
                masked ? "" : DocumentPagesFormat.date(d.date(), locale), DocumentPagesFormat.size(d.size(), messages, locale),
                d.currentVersion(), d.versionCount(), d.updatedAt(), name(d.updatedBy(), names, locale),
                folderLabels.getOrDefault(d.folder(), d.folder()), DocumentPagesFormat.sensitivityLabel(d.sensitivity(), messages, locale),
                masked ? List.of() : d.tags(), !masked && DocumentPagesFormat.previewable(d.mediaType()), d.trashedAt(), d.purgeAfter(),
                d.rowVersion());
    }

    private static Map<String, String> labels(List<DocumentFolder> all) {
        Map<String, String> labels = new LinkedHashMap<>();
        all.forEach(f -> labels.put(f.key(), f.label()));
        return labels;
    }

    private @Nullable String name(@Nullable String staffId, Map<String, String> cache, Locale locale) {
        if (staffId == null) {
            return null;
        }
        return cache.computeIfAbsent(staffId, s -> {
            try {
                return staff.find(StaffId.parse(s)).map(StaffProfile::displayName)
                        .orElseGet(() -> messages.getMessage("documentpages.formerStaff", null, locale));
            } catch (IllegalArgumentException e) {
                return messages.getMessage("documentpages.formerStaff", null, locale);
            }
        });
    }

    private static long parseLong(@Nullable String text) {
        if (text == null || !text.matches("-?\\d{1,18}")) {
            return -1;
        }
        return Long.parseLong(text);
    }

    private static UUID clientId(String text) {
        return DocumentPagesFormat.uuid(text).orElseThrow(DocumentPagesController::notFound);
    }

    private static UUID documentId(String text) {
        return DocumentPagesFormat.uuid(text).orElseThrow(DocumentPagesController::notFound);
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }

    /** The details form as typed: strings, so bad input comes back as it was entered. */
    record DetailsForm(String folder, String type, String title, String date, String tags, String sensitivity) {

        static DetailsForm of(DocumentSummary d) {
            boolean masked = d.visibility() != Visibility.FULL;
            return new DetailsForm(d.folder(), masked || d.type() == null ? "" : d.type(), masked || d.title() == null ? "" : d.title(),
                    masked || d.date() == null ? "" : d.date().toString(), masked ? "" : String.join(", ", d.tags()), d.sensitivity().name());
        }

        static DetailsForm read(Map<String, String> form) {
            return new DetailsForm(form.getOrDefault("folder", ""), form.getOrDefault("type", ""), cut(form.getOrDefault("title", ""), 400),
                    form.getOrDefault("date", ""), cut(form.getOrDefault("tags", ""), 2000), form.getOrDefault("sensitivity", ""));
        }

        private static String cut(String text, int max) {
            return text.length() > max ? text.substring(0, max) : text;
        }

        @Override
        public String toString() {
            return "DetailsForm[" + folder + "]";
        }
    }
}
