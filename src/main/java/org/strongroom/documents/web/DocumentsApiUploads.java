package org.strongroom.documents.web;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;

import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.strongroom.access.Sensitivity;
import org.strongroom.documents.DocumentMetadata;
import org.strongroom.documents.UploadSource;

/**
 * Reads an upload — a new document or a new version — from the raw request, in one of two forms,
 * without ever holding the file whole or writing it anywhere:
 * <ul>
 * <li>{@code multipart/form-data}: a {@code metadata} part (JSON, read strictly) first, then one
 * {@code file} part whose bytes stream straight from the request into the service (commons-fileupload's
 * streaming iterator; Spring's multipart support, which spools parts to temporary files, is off).
 * A file before the metadata, a second file, a part of any other name, or metadata sent twice is
 * refused — a part after the file is found when the file's bytes end, before anything is recorded;</li>
 * <li>any other content type: the body is the file, the metadata comes from query parameters, the
 * file name from {@code Content-Disposition: attachment; filename*=UTF-8''…} or {@code ?fileName=},
 * and {@code Content-Length} is the length the sender promised (fewer bytes is a truncated upload).
 * {@code application/x-www-form-urlencoded} is refused: it is what {@code curl --data-binary} sends
 * unless told otherwise, and the servlet container would parse such a body as form fields.</li>
 * </ul>
 * Query parameters are read from the raw query string only, so the body is never parsed as a form.
 */
final class DocumentsApiUploads {

    /** The {@code metadata} part of a new document (and the same names as query parameters). */
    record UploadMetadata(@Nullable String folder, @Nullable String type, @Nullable String title, @Nullable String date,
                          @Nullable List<String> tags, @Nullable String sensitivity, @Nullable Boolean stripImageMetadata) {
        @Override
        public String toString() {
            return "UploadMetadata[" + folder + "]";
        }
    }

    /** The {@code metadata} part of a new version: whether to strip image metadata, and the document version read. */
    record VersionMetadata(@Nullable Boolean stripImageMetadata, @Nullable Long version) {
    }

    /**
     * An upload ready for the service.
     *
     * @param metadata for a new document; {@code null} for a new version
     * @param version  for a new version: the {@code version} of the metadata part, if sent
     */
    record Received(@Nullable DocumentMetadata metadata, UploadSource source, @Nullable Long version) {
    }

    static final String DEFAULT_TYPE = "other";
    static final int MAX_NAME_HEADER = 2048;
    /** Room for the metadata part, boundaries and part headers besides the file itself. */
    static final long MULTIPART_OVERHEAD = DocumentsApiBodies.MAX_BYTES + 64 * 1024;

    private static final Set<String> DOCUMENT_PARAMETERS = Set.of("folder", "type", "title", "date", "tags", "sensitivity",
            "stripImageMetadata", "fileName");
    private static final Set<String> VERSION_PARAMETERS = Set.of("stripImageMetadata", "fileName");

    private final long maxSize;
    private final MessageSource messages;

    DocumentsApiUploads(long maxSize, MessageSource messages) {
        this.maxSize = maxSize;
        this.messages = messages;
    }

    /**
     * Reads the upload's form and metadata, then hands it to {@code store} while the file's bytes
     * are still arriving; returns what {@code store} returns.
     *
     * @param newDocument a new document (metadata required) rather than a new version
     * @throws DocumentsApiProblem.Refusal for a malformed or refused request (nothing was stored)
     */
    <R> R receive(HttpServletRequest request, boolean newDocument, Function<Received, R> store) {
        String contentType = request.getContentType();
        MediaType type = null;
        if (contentType != null) {
            try {
                type = MediaType.parseMediaType(contentType);
            } catch (RuntimeException e) {
                throw DocumentsApiProblem.refusal(DocumentsApiProblem.unsupported("The Content-Type header cannot be read."));
            }
        }
        if (type != null && MediaType.APPLICATION_FORM_URLENCODED.equalsTypeAndSubtype(type)) {
            throw DocumentsApiProblem.refusal(DocumentsApiProblem.unsupported(
                    "Send the file as the body with its own type (for example application/pdf or application/octet-stream), "
                            + "or as multipart/form-data; application/x-www-form-urlencoded is not accepted."));
        }
        if (type != null && MediaType.MULTIPART_FORM_DATA.equalsTypeAndSubtype(type)) {
            return multipart(request, newDocument, store);
        }
        return raw(request, newDocument, store);
    }

    // --- raw body ------------------------------------------------------------------------------

    private <R> R raw(HttpServletRequest request, boolean newDocument, Function<Received, R> store) {
        long declared = request.getContentLengthLong();
        if (declared > maxSize) {
            throw DocumentsApiProblem.refusal(tooLarge(request));
        }
        Map<String, List<String>> query = query(request.getQueryString());
        Map<String, String> parameterProblems = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> p : query.entrySet()) {
            if (!(newDocument ? DOCUMENT_PARAMETERS : VERSION_PARAMETERS).contains(p.getKey())) {
                parameterProblems.put("parameters", "documentapi.parameter.unknown");
            } else if (p.getValue().size() > 1 && !p.getKey().equals("tags")) {
                parameterProblems.put(p.getKey(), "documentapi.parameter.repeated");
            }
        }
        Boolean strip = bool(first(query, "stripImageMetadata"), "stripImageMetadata", parameterProblems);
        if (!parameterProblems.isEmpty()) {
            throw DocumentsApiProblem.refusal(DocumentsApiProblem.badParameters(parameterProblems, messages));
        }
        Map<String, String> problems = new LinkedHashMap<>();
        String fileName = fileName(request.getHeader(HttpHeaders.CONTENT_DISPOSITION), first(query, "fileName"), problems);
        DocumentMetadata metadata = null;
        if (newDocument) {
            metadata = metadata(new UploadMetadata(first(query, "folder"), first(query, "type"), first(query, "title"),
                    first(query, "date"), query.getOrDefault("tags", List.of()), first(query, "sensitivity"), strip), problems);
        }
        if (!problems.isEmpty()) {
            throw DocumentsApiProblem.refusal(DocumentsApiProblem.rejected(problems, messages));
        }
        InputStream body;
        try {
            body = request.getInputStream();
        } catch (IOException e) {
            throw DocumentsApiProblem.refusal(DocumentsApiProblem.malformed("The body could not be read."));
        }
        return store.apply(new Received(metadata, new UploadSource(body, fileName, declared < 0 ? null : declared,
                Boolean.TRUE.equals(strip)), null));
    }

    /**
     * The sender's file name: {@code Content-Disposition} ({@code filename*} preferred to
     * {@code filename}, as RFC 6266 says) or {@code ?fileName=}; both may be sent if they agree.
     */
    static @Nullable String fileName(@Nullable String disposition, @Nullable String parameter, Map<String, String> problems) {
        String fromHeader = null;
        if (disposition != null) {
            if (disposition.length() > MAX_NAME_HEADER || disposition.chars().anyMatch(c -> c < 0x20 && c != '\t')) {
                throw DocumentsApiProblem.refusal(DocumentsApiProblem.malformed(
                        "The Content-Disposition header cannot be read; send attachment; filename*=UTF-8''<percent-encoded name>."));
            }
            try {
                fromHeader = ContentDisposition.parse(disposition).getFilename();
            } catch (RuntimeException e) {
                throw DocumentsApiProblem.refusal(DocumentsApiProblem.malformed(
                        "The Content-Disposition header cannot be read; send attachment; filename*=UTF-8''<percent-encoded name>."));
            }
        }
        if (fromHeader != null && parameter != null && !fromHeader.equals(parameter)) {
            problems.put("fileName", "documentapi.fileName.mismatch");
            return null;
        }
        String name = fromHeader != null ? fromHeader : parameter;
        if (name == null || name.isBlank()) {
            problems.put("fileName", "documentapi.fileName.required");
            return null;
        }
        if (name.length() > MAX_NAME_HEADER) {
            problems.put("fileName", "documentapi.fileName.long");
            return null;
        }
        return name;
    }

    /**
     * 413 before a byte of the body is read. Over HTTP/1.1 the connection is closed after the
     * answer, so the server neither reads nor waits for the bytes the sender announced (HTTP/2
     * ends the stream by itself).
     */
    private static org.springframework.http.ResponseEntity<DocumentsApiProblem> tooLarge(HttpServletRequest request) {
        org.springframework.http.ResponseEntity<DocumentsApiProblem> answer = DocumentsApiProblem.tooLargeUpload();
        if ("HTTP/1.1".equals(request.getProtocol()) || "HTTP/1.0".equals(request.getProtocol())) {
            return org.springframework.http.ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
                    .header(HttpHeaders.CONNECTION, "close").body(answer.getBody());
        }
        return answer;
    }

    // --- multipart -----------------------------------------------------------------------------

    private <R> R multipart(HttpServletRequest request, boolean newDocument, Function<Received, R> store) {
        long declared = request.getContentLengthLong();
        if (declared > maxSize + MULTIPART_OVERHEAD) {
            throw DocumentsApiProblem.refusal(tooLarge(request));
        }
        if (request.getQueryString() != null && !request.getQueryString().isEmpty()) {
            throw DocumentsApiProblem.refusal(DocumentsApiProblem.malformed(
                    "A multipart upload carries its metadata in its metadata part; query parameters are not accepted with it."));
        }
        JakartaServletFileUpload<DiskFileItem, DiskFileItemFactory> upload = new JakartaServletFileUpload<>();
        upload.setHeaderCharset(StandardCharsets.UTF_8);
        FileItemInputIterator parts;
        FileItemInput file;
        UploadMetadata documentMetadata = null;
        VersionMetadata versionMetadata = null;
        try {
            parts = upload.getItemIterator(request);
            if (!parts.hasNext()) {
                throw refuse("The multipart body has no parts; send a metadata part and then a file part.");
            }
            FileItemInput part = parts.next();
            if ("metadata".equals(part.getFieldName())) {
                try (InputStream in = part.getInputStream()) {
                    if (newDocument) {
                        documentMetadata = DocumentsApiBodies.readPart(in, UploadMetadata.class);
                    } else {
                        versionMetadata = DocumentsApiBodies.readPart(in, VersionMetadata.class);
                    }
                }
                if (part.getContentType() != null && !DocumentsApiBodies.json(part.getContentType())
                        && !part.getContentType().toLowerCase(Locale.ROOT).startsWith("text/plain")) {
                    throw refuse("The metadata part must be JSON (application/json).");
                }
                if (!parts.hasNext()) {
                    throw refuse("The multipart body has no file part after its metadata part.");
                }
                part = parts.next();
            } else if (newDocument && "file".equals(part.getFieldName())) {
                throw refuse("The metadata part must come before the file part.");
            }
            if ("metadata".equals(part.getFieldName())) {
                throw refuse("The multipart body has more than one metadata part.");
            }
            if (!"file".equals(part.getFieldName())) {
                throw refuse("The multipart body has a part other than metadata and file.");
            }
            file = part;
        } catch (IOException e) {
            throw refuse("The multipart body is malformed or ended early.");
        }

        Map<String, String> problems = new LinkedHashMap<>();
        String fileName = file.getName();
        if (fileName == null || fileName.isBlank()) {
            problems.put("fileName", "documentapi.fileName.required");
        } else if (fileName.length() > MAX_NAME_HEADER) {
            problems.put("fileName", "documentapi.fileName.long");
        }
        DocumentMetadata metadata = null;
        boolean strip;
        Long version = null;
        if (newDocument) {
            metadata = metadata(documentMetadata, problems);
            strip = documentMetadata != null && Boolean.TRUE.equals(documentMetadata.stripImageMetadata());
        } else {
            strip = versionMetadata != null && Boolean.TRUE.equals(versionMetadata.stripImageMetadata());
            version = versionMetadata == null ? null : versionMetadata.version();
        }
        if (!problems.isEmpty()) {
            throw DocumentsApiProblem.refusal(DocumentsApiProblem.rejected(problems, messages));
        }
        OnlyPart body;
        try {
            body = new OnlyPart(file.getInputStream(), parts);
        } catch (IOException e) {
            throw refuse("The multipart body is malformed or ended early.");
        }
        R result;
        try {
            result = store.apply(new Received(metadata, new UploadSource(body, fileName, null, strip), version));
        } catch (RuntimeException e) {
            if (body.anotherPart) {
                throw refuse("The multipart body has a part after its file; send one file per upload.");
            }
            throw e;
        }
        if (body.anotherPart) {
            // The service saw the stream fail and kept nothing; say why in this layer's words.
            throw refuse("The multipart body has a part after its file; send one file per upload.");
        }
        return result;
    }

    /**
     * The file part's bytes. When they end, looks for a further part before saying so: a second
     * file (or anything else) then fails the read, and the service keeps nothing.
     */
    static final class OnlyPart extends FilterInputStream {

        private final FileItemInputIterator parts;
        private boolean ended;
        volatile boolean anotherPart;

        OnlyPart(InputStream in, FileItemInputIterator parts) {
            super(in);
            this.parts = parts;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (ended) {
                return -1;
            }
            int n = super.read(b, off, len);
            if (n < 0) {
                if (parts.hasNext()) {
                    anotherPart = true;
                    throw new IOException("the multipart body has a part after its file");
                }
                ended = true;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buffer = new byte[(int) Math.min(8192, Math.max(1, n))];
            int read = read(buffer, 0, (int) Math.min(buffer.length, n));
            return Math.max(0, read);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }

    // --- metadata ------------------------------------------------------------------------------

    /** The metadata as the service takes it; problems (property → message key) for values this layer can judge. */
    static @Nullable DocumentMetadata metadata(@Nullable UploadMetadata sent, Map<String, String> problems) {
        if (sent == null || sent.folder() == null || sent.folder().isBlank()) {
            problems.put("folder", "documentapi.folder.required");
            return null;
        }
        LocalDate date = date(sent.date(), problems);
        Sensitivity sensitivity = sensitivity(sent.sensitivity(), problems);
        List<String> tags = new ArrayList<>();
        if (sent.tags() != null) {
            for (String tag : sent.tags()) {
                if (tag == null) {
                    problems.put("tags", "documentapi.tags.null");
                } else {
                    tags.add(tag);
                }
            }
        }
        String type = sent.type() == null || sent.type().isBlank() ? DEFAULT_TYPE : sent.type();
        if (!problems.isEmpty()) {
            return null;
        }
        return new DocumentMetadata(sent.folder(), type, sent.title(), date, sensitivity, tags);
    }

    static @Nullable LocalDate date(@Nullable String text, Map<String, String> problems) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (text.length() == 10) {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                // falls through to the problem
            }
        }
        problems.put("date", "documentapi.date.format");
        return null;
    }

    static @Nullable Sensitivity sensitivity(@Nullable String text, Map<String, String> problems) {
        if (text == null) {
            return null;
        }
        for (Sensitivity s : Sensitivity.values()) {
            if (s.name().equals(text)) {
                return s;
            }
        }
        problems.put("sensitivity", "documentapi.sensitivity");
        return null;
    }

    // --- query string --------------------------------------------------------------------------

    /** The raw query string's parameters in order, percent-decoded as UTF-8 ({@code +} is a space). */
    static Map<String, List<String>> query(@Nullable String queryString) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (queryString == null || queryString.isEmpty()) {
            return parameters;
        }
        for (String pair : queryString.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    private static String decode(String text) {
        try {
            String decoded = URLDecoder.decode(text, StandardCharsets.UTF_8);
            if (decoded.indexOf('\uFFFD') >= 0 && text.indexOf('\uFFFD') < 0) {
                throw new IllegalArgumentException("not UTF-8");
            }
            return decoded;
        } catch (IllegalArgumentException e) {
            throw DocumentsApiProblem.refusal(DocumentsApiProblem.malformed(
                    "The query string is not percent-encoded UTF-8."));
        }
    }

    private static @Nullable String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static @Nullable Boolean bool(@Nullable String text, String name, Map<String, String> problems) {
        if (text == null) {
            return null;
        }
        if (text.equals("true") || text.equals("false")) {
            return Boolean.valueOf(text);
        }
        problems.put(name, "documentapi.parameter.boolean");
        return null;
    }

    private static DocumentsApiProblem.Refusal refuse(String detail) {
        return DocumentsApiProblem.refusal(DocumentsApiProblem.malformed(detail));
    }
}
