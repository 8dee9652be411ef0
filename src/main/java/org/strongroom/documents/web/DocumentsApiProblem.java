package org.strongroom.documents.web;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * RFC 9457 problem documents of the documents API: the four members every API problem has, plus
 * what a caller needs to act — the fields at fault ({@code errors}: property or query parameter,
 * message key, English text) or the document's current version after a conflict
 * ({@code currentVersion}, also in {@code ETag}). Details are fixed English text and never echo
 * input, file names or content. Every problem is {@code Cache-Control: no-store}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record DocumentsApiProblem(String type, String title, int status, String detail, @Nullable List<FieldError> errors,
                           @Nullable Long currentVersion) {

    static final String TYPE_INVALID_REQUEST = "tag:strongroom.org,2026:problems/invalid-request";
    static final String TYPE_INVALID_PARAMETER = "tag:strongroom.org,2026:problems/invalid-parameter";
    static final String TYPE_EDIT_CONFLICT = "tag:strongroom.org,2026:problems/edit-conflict";
    static final String TYPE_PRECONDITION_REQUIRED = "tag:strongroom.org,2026:problems/precondition-required";
    static final String TYPE_DOCUMENT_TOO_LARGE = "tag:strongroom.org,2026:problems/document-too-large";
    static final String TYPE_DOCUMENT_TYPE_NOT_ALLOWED = "tag:strongroom.org,2026:problems/document-type-not-allowed";
    static final String TYPE_DOCUMENT_DAMAGED = "tag:strongroom.org,2026:problems/document-damaged";
    static final String TYPE_UNSUPPORTED_MEDIA_TYPE = "tag:strongroom.org,2026:problems/unsupported-media-type";
    static final String TYPE_REQUEST_TOO_LARGE = "tag:strongroom.org,2026:problems/request-too-large";

    static final String TYPE_UPLOAD_UNAVAILABLE = "tag:strongroom.org,2026:problems/upload-unavailable";
    static final String TYPE_DOCUMENT_RESTRICTED = "tag:strongroom.org,2026:problems/document-restricted";

    static final String TOO_LARGE_CODE = "documents.upload.tooLarge";
    static final String STORAGE_FAILED_CODE = "documents.upload.storageFailed";
    static final String SCANNER_UNAVAILABLE_CODE = "documents.upload.scannerUnavailable";
    static final String TYPE_NOT_ALLOWED_CODE = "documents.upload.typeNotAllowed";

    /** One field's problem: the JSON property or query parameter, a stable code (a message key), English text. */
    record FieldError(String field, String code, String detail) {
    }

    /** A problem answered from deep inside the reading of a request (the controller's handler sends it). */
    static final class Refusal extends RuntimeException {

        private final transient ResponseEntity<DocumentsApiProblem> answer;

        Refusal(ResponseEntity<DocumentsApiProblem> answer) {
            super("request refused with " + answer.getStatusCode().value(), null, false, false);
            this.answer = answer;
        }

        ResponseEntity<DocumentsApiProblem> answer() {
            return answer;
        }
    }

    static Refusal refusal(ResponseEntity<DocumentsApiProblem> answer) {
        return new Refusal(answer);
    }

    /**
     * A refusal by the service or by this layer's checks of values: 422, except a file over the
     * size limit (413) and a type not on the allow-list (415), which HTTP has statuses for.
     */
    static ResponseEntity<DocumentsApiProblem> rejected(Map<String, String> problems, MessageSource messages) {
        List<FieldError> errors = errors(problems, messages);
        if (problems.containsValue(STORAGE_FAILED_CODE) || problems.containsValue(SCANNER_UNAVAILABLE_CODE)) {
            // Not the sender's fault: the store or the malware scanner failed. Worth trying again later.
            return of(HttpStatus.SERVICE_UNAVAILABLE, TYPE_UPLOAD_UNAVAILABLE,
                    "The server could not store or scan the file just now; nothing was saved. Try again later.", errors, null);
        }
        if (problems.containsValue(TOO_LARGE_CODE)) {
            return of(HttpStatus.CONTENT_TOO_LARGE, TYPE_DOCUMENT_TOO_LARGE,
                    "The file is larger than this server accepts; nothing was saved.", errors, null);
        }
        if (problems.containsValue(TYPE_NOT_ALLOWED_CODE)) {
            return of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, TYPE_DOCUMENT_TYPE_NOT_ALLOWED,
                    "The file's content is of a type this server does not accept (its name and declared type do not count); "
                            + "nothing was saved.", errors, null);
        }
        return of(HttpStatus.UNPROCESSABLE_CONTENT, TYPE_INVALID_REQUEST,
                "The request was understood but some values are not accepted; nothing was saved.", errors, null);
    }

    /** 400: a query parameter that cannot be used. */
    static ResponseEntity<DocumentsApiProblem> badParameters(Map<String, String> problems, MessageSource messages) {
        return of(HttpStatus.BAD_REQUEST, TYPE_INVALID_PARAMETER, "Some query parameters are not accepted.",
                errors(problems, messages), null);
    }

    /**
     * The document changed since the version sent: 412 when it came as {@code If-Match} (a failed
     * precondition), 409 when it came in the body. Either way the current version is in
     * {@code ETag} and {@code currentVersion}.
     */
    static ResponseEntity<DocumentsApiProblem> conflict(long currentVersion, boolean fromIfMatch) {
        HttpStatus status = fromIfMatch ? HttpStatus.PRECONDITION_FAILED : HttpStatus.CONFLICT;
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).cacheControl(CacheControl.noStore())
                .eTag(DocumentsApiController.etag(currentVersion))
                .body(new DocumentsApiProblem(TYPE_EDIT_CONFLICT, status.getReasonPhrase(), status.value(),
                        "The document changed since the version sent; nothing was saved. Read it again and send the change "
                                + "with the current version.", null, currentVersion));
    }

    /** 428: a change to an existing document needs the version read ({@code If-Match} or the body's {@code version}). */
    static ResponseEntity<DocumentsApiProblem> versionRequired() {
        return of(HttpStatus.PRECONDITION_REQUIRED, TYPE_PRECONDITION_REQUIRED,
                "Send the version of the document you read, as If-Match (its ETag) or as \"version\" in a JSON body; nothing was changed.",
                null, null);
    }

    /** 403: the role sees the document only masked, so may not read its bytes or change it. */
    static ResponseEntity<DocumentsApiProblem> restricted() {
        return of(HttpStatus.FORBIDDEN, TYPE_DOCUMENT_RESTRICTED,
                "The token's account sees this document only masked: it may not read its content or change it.", null, null);
    }

    static ResponseEntity<DocumentsApiProblem> damaged() {
        return of(HttpStatus.INTERNAL_SERVER_ERROR, TYPE_DOCUMENT_DAMAGED,
                "The stored copy of this document is damaged; the event was recorded.", null, null);
    }

    static ResponseEntity<DocumentsApiProblem> unsupported(String detail) {
        return of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, TYPE_UNSUPPORTED_MEDIA_TYPE, detail, null, null);
    }

    static ResponseEntity<DocumentsApiProblem> tooLargeBody() {
        return of(HttpStatus.CONTENT_TOO_LARGE, TYPE_REQUEST_TOO_LARGE, "The JSON body is larger than this request accepts.", null, null);
    }

    static ResponseEntity<DocumentsApiProblem> tooLargeUpload() {
        return of(HttpStatus.CONTENT_TOO_LARGE, TYPE_DOCUMENT_TOO_LARGE,
                "The request announces more bytes than this server accepts for one file; nothing was read or saved.",
                List.of(new FieldError("file", TOO_LARGE_CODE, "The file is larger than this server accepts.")), null);
    }

    /** 400 with a fixed detail of this layer (a malformed upload). */
    static ResponseEntity<DocumentsApiProblem> malformed(String detail) {
        return of(HttpStatus.BAD_REQUEST, "about:blank", detail, null, null);
    }

    private static List<FieldError> errors(Map<String, String> problems, MessageSource messages) {
        return problems.entrySet().stream()
                .map(p -> new FieldError(p.getKey(), p.getValue(),
                        messages.getMessage(p.getValue(), null, "The value is not accepted.", Locale.ENGLISH)))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
    }

    private static ResponseEntity<DocumentsApiProblem> of(HttpStatus status, String type, String detail,
                                                          @Nullable List<FieldError> errors, @Nullable Long currentVersion) {
        HttpHeaders headers = new HttpHeaders();
        headers.setCacheControl(CacheControl.noStore());
        return ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(new DocumentsApiProblem(type, status.getReasonPhrase(), status.value(), detail, errors, currentVersion));
    }
}
