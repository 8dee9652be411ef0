package org.strongroom.access.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.HandlerMethod;
import org.strongroom.access.AccessRefused;
import org.strongroom.identity.ApiController;

/**
 * Every refusal by the access policy, from any module's pages or API: 404 when the refusal must
 * look like a record that does not exist (a client out of reach), else 403 — the ordinary error
 * page for pages, an RFC 9457 problem for the API, never the reason (the policy has already put it
 * in the audit trail). Ordered first, so no catch-all handler turns a refusal into a 500.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class AccessRefusals {

    @ExceptionHandler(AccessRefused.class)
    ResponseEntity<AccessApiProblem> refused(AccessRefused refused, HandlerMethod handler, HttpServletResponse response)
            throws IOException {
        if (handler.getBeanType().isAnnotationPresent(ApiController.class)) {
            return AccessApiProblem.refused(refused);
        }
        response.sendError(refused.looksAbsent() ? HttpServletResponse.SC_NOT_FOUND : HttpServletResponse.SC_FORBIDDEN);
        return null;
    }
}
