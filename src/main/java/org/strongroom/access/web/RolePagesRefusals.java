package org.strongroom.access.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.strongroom.access.AccessRefused;

/**
 * Answers a refusal by the access policy on the role, review and break-the-glass pages with the
 * ordinary error page: 404 when the refusal must look like a record that does not exist, 403
 * otherwise. The reason never reaches the page; the policy has already put it in the audit trail.
 */
@ControllerAdvice(assignableTypes = {RolesController.class, ReviewQueueController.class, BreakGlassController.class})
class RolePagesRefusals {

    @ExceptionHandler(AccessRefused.class)
    void refused(AccessRefused refused, HttpServletResponse response) throws IOException {
        response.sendError(refused.looksAbsent() ? HttpServletResponse.SC_NOT_FOUND : HttpServletResponse.SC_FORBIDDEN);
    }
}
