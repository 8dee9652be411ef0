package org.strongroom.access.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.strongroom.access.AccessRefused;

/**
 * RFC 9457 problem documents of the access API, with the same four members (and the same fixed
 * details) as the rest of the API. A refusal by the access policy says nothing about why: a
 * client out of reach is answered exactly like an address with nothing at it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record AccessApiProblem(String type, String title, int status, String detail, @Nullable List<FieldError> errors) {

    static final String TYPE_INVALID_REQUEST = "tag:strongroom.org,2026:problems/invalid-request";

    /** One field's problem: the JSON property (or path part), a stable code and English text. */
    record FieldError(String field, String code, String detail) {
    }

    static ResponseEntity<AccessApiProblem> notFound() {
        return plain(HttpStatus.NOT_FOUND, "There is nothing at this address.");
    }

    static ResponseEntity<AccessApiProblem> forbidden() {
        return plain(HttpStatus.FORBIDDEN, "The token's account may not do this.");
    }

    static ResponseEntity<AccessApiProblem> refused(AccessRefused refused) {
        return refused.looksAbsent() ? notFound() : forbidden();
    }

    /**
     * 422 with the fields at fault. {@code problems} maps service field names to message keys;
     * {@code fields} renames them to the API's property names.
     */
    static ResponseEntity<AccessApiProblem> invalid(Map<String, String> problems, Map<String, String> fields,
                                                    MessageSource messages) {
        List<FieldError> errors = problems.entrySet().stream()
                .map(p -> new FieldError(fields.getOrDefault(p.getKey(), p.getKey()), p.getValue(),
                        messages.getMessage(p.getValue(), null, "The value is not accepted.", Locale.ENGLISH)))
                .toList();
        AccessApiProblem body = new AccessApiProblem(TYPE_INVALID_REQUEST, HttpStatus.UNPROCESSABLE_CONTENT.getReasonPhrase(),
                422, "The request was understood but some values are not accepted; nothing was changed.", errors);
        return ResponseEntity.status(422).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    private static ResponseEntity<AccessApiProblem> plain(HttpStatus status, String detail) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(new AccessApiProblem("about:blank", status.getReasonPhrase(), status.value(), detail, null));
    }
}
