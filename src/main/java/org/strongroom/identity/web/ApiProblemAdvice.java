package org.strongroom.identity.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingRequestValueException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.strongroom.identity.ApiController;
import org.strongroom.identity.internal.ApiProblems;

/**
 * Errors raised inside {@link ApiController API controllers}, as RFC 9457 problem+json. Details
 * are fixed per status and never echo input or internals. (Errors with no controller — unknown
 * address, wrong method — take the error path, where the API's error-dispatch filter answers in
 * the same form.) Pages keep their HTML error page: this advice applies to API controllers only.
 */
@RestControllerAdvice(annotations = ApiController.class)
// After the access module's refusal handler (which is first), before everything else.
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ApiProblemAdvice {

    /**
     * The same four members the security chain and the error path write (Spring's
     * {@code ProblemDetail} would add the request path as {@code instance} and drop an
     * {@code about:blank} type).
     */
    record Problem(String type, String title, int status, String detail) {
    }

    private static final Logger log = LoggerFactory.getLogger(ApiProblemAdvice.class);

    @ExceptionHandler({HttpMessageNotReadableException.class, TypeMismatchException.class, MissingRequestValueException.class,
            IllegalArgumentException.class})
    ResponseEntity<Problem> malformed(Exception exception) {
        return problem(HttpStatusCode.valueOf(400), HttpHeaders.EMPTY);
    }

    /** Left to Spring Security, whose API chain answers them with the bearer challenges. */
    @ExceptionHandler({AccessDeniedException.class, AuthenticationException.class})
    void security(RuntimeException exception) {
        throw exception;
    }

    /**
     * Spring's own HTTP errors (405, 406, 415, missing parameters, ResponseStatusException…) keep
     * their status and headers; anything else is a 500 whose cause goes to the log only.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Problem> failure(Exception exception) {
        if (exception instanceof org.springframework.web.server.ResponseStatusException refused && refused.getReason() != null
                && refused.getStatusCode().value() == 400) {
            // a reason set by our own body readers: fixed words, never the input
            return problem(refused.getStatusCode(), refused.getHeaders(), refused.getReason());
        }
        if (exception instanceof ErrorResponse error) {
            return problem(error.getStatusCode(), error.getHeaders());
        }
        log.error("API request failed ({})", exception.getClass().getName(), exception);
        return problem(HttpStatusCode.valueOf(500), HttpHeaders.EMPTY);
    }

    static ResponseEntity<Problem> problem(HttpStatusCode status, HttpHeaders headers) {
        return problem(status, headers, ApiProblems.detailFor(status.value()));
    }

    static ResponseEntity<Problem> problem(HttpStatusCode status, HttpHeaders headers, String detail) {
        HttpStatus known = HttpStatus.resolve(status.value());
        Problem body = new Problem("about:blank", known == null ? "Error" : known.getReasonPhrase(), status.value(), detail);
        return ResponseEntity.status(status)
                .headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }
}
