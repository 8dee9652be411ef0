package org.strongroom.access.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.strongroom.access.AccessRefused;

/**
 * A refusal by the access policy on the access pages becomes the ordinary error page: 404 when
 * the client is out of reach (exactly as for a client that does not exist), otherwise 403 —
 * never the reason, which the policy has already written to the audit trail.
 */
@ControllerAdvice(assignableTypes = ClientAccessPagesController.class)
class ClientAccessPageAdvice {

    @ExceptionHandler(AccessRefused.class)
    void refused(AccessRefused refused, HttpServletResponse response) throws IOException {
        response.sendError(refused.looksAbsent() ? HttpServletResponse.SC_NOT_FOUND : HttpServletResponse.SC_FORBIDDEN);
    }
}
