package org.strongroom.clients.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * RFC 9457 problem documents of the clients API: the four members every API problem has, plus
 * the extension members a caller needs to act — the fields at fault ({@code errors}), the records
 * that may be the same person ({@code candidates}), or what changed since the caller read the
 * record ({@code changedFields}, {@code currentVersion}). Details are fixed English text and never
 * echo input; field messages come from the message bundles. Candidates carry names, so every
 * problem is sent with {@code Cache-Control: no-store}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ClientsApiProblem(String type, String title, int status, String detail, @Nullable List<FieldError> errors,
                         @Nullable List<ClientsApiController.Summary> candidates, @Nullable List<String> changedFields,
                         @Nullable Long currentVersion) {

    static final String TYPE_INVALID_REQUEST = "tag:strongroom.org,2026:problems/invalid-request";
    static final String TYPE_INVALID_PARAMETER = "tag:strongroom.org,2026:problems/invalid-parameter";
    static final String TYPE_POSSIBLE_DUPLICATES = "tag:strongroom.org,2026:problems/possible-duplicates";
    static final String TYPE_EDIT_CONFLICT = "tag:strongroom.org,2026:problems/edit-conflict";
    static final String TYPE_NOT_CLOSED = "tag:strongroom.org,2026:problems/not-closed";

    /** One field's problem: the JSON property ({@code values.email}, {@code version}, a query parameter), a stable code, English text. */
    record FieldError(String field, String code, String detail) {
    }

    /**
     * 422: the request was well-formed but some values are not accepted; nothing was saved.
     * {@code problems} maps the service's field names (catalogue keys, {@code status},
     * {@code version}) to message keys.
     */
    static ResponseEntity<ClientsApiProblem> invalid(Map<String, String> problems, MessageSource messages) {
        return of(HttpStatus.UNPROCESSABLE_CONTENT, TYPE_INVALID_REQUEST,
                "The request was understood but some values are not accepted; nothing was saved.",
                errors(problems, messages, true), null, null, null);
    }

    /** 400: a query parameter that cannot be used (an unknown status, a limit out of range …). */
    static ResponseEntity<ClientsApiProblem> badParameters(Map<String, String> problems, MessageSource messages) {
        return of(HttpStatus.BAD_REQUEST, TYPE_INVALID_PARAMETER, "Some query parameters are not accepted.",
                errors(problems, messages, false), null, null, null);
    }

    static ResponseEntity<ClientsApiProblem> duplicates(List<ClientsApiController.Summary> candidates) {
        return of(HttpStatus.CONFLICT, TYPE_POSSIBLE_DUPLICATES,
                "Records that may be the same person already exist; nothing was saved. Compare them, and create anyway "
                        + "with \"acknowledgeDuplicates\": true if this is someone else.", null, candidates, null, null);
    }

    static ResponseEntity<ClientsApiProblem> conflict(List<String> changedFields, long currentVersion) {
        return of(HttpStatus.CONFLICT, TYPE_EDIT_CONFLICT,
                "The record changed since the version sent; nothing was saved. Read it again, check the changed fields, "
                        + "and send the change with the current version.", null, null, changedFields, currentVersion);
    }

    static ResponseEntity<ClientsApiProblem> notClosed() {
        return of(HttpStatus.CONFLICT, TYPE_NOT_CLOSED, "Only a closed record can be reopened; nothing was changed.",
                null, null, null, null);
    }

    private static List<FieldError> errors(Map<String, String> problems, MessageSource messages, boolean values) {
        return problems.entrySet().stream()
                .map(p -> new FieldError(property(p.getKey(), values), p.getValue(),
                        messages.getMessage(p.getValue(), null, "The value is not accepted.", Locale.ENGLISH)))
                .sorted(java.util.Comparator.comparing(FieldError::field))
                .toList();
    }

    private static final java.util.Set<String> TOP_LEVEL = java.util.Set.of("status", "version", "values", "If-Match",
            "acknowledgeDuplicates");

    /** The service's {@code status} and {@code version} are top-level properties; catalogue keys live under {@code values}. */
    private static String property(String key, boolean values) {
        if (!values || TOP_LEVEL.contains(key)) {
            return key;
        }
        return "values." + key;
    }

    private static ResponseEntity<ClientsApiProblem> of(HttpStatus status, String type, String detail,
                                                        @Nullable List<FieldError> errors,
                                                        @Nullable List<ClientsApiController.Summary> candidates,
                                                        @Nullable List<String> changedFields, @Nullable Long currentVersion) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).cacheControl(CacheControl.noStore())
                .body(new ClientsApiProblem(type, status.getReasonPhrase(), status.value(), detail, errors, candidates,
                        changedFields, currentVersion));
    }
}
