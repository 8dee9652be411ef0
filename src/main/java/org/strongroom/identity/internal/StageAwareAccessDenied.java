package org.strongroom.identity.internal;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.stereotype.Component;
import org.strongroom.identity.SignInStage;

/**
 * Someone half-way through signing in who asks for any other page is sent to the step they
 * still owe (second factor or enrolment), and the page is remembered for afterwards — for a
 * GET only. Everyone else gets the plain 403.
 */
@Component("stageAwareAccessDenied")
public class StageAwareAccessDenied implements AccessDeniedHandler {

    private final AccessDeniedHandler plain = new AccessDeniedHandlerImpl();
    private final HttpSessionRequestCache requests = new HttpSessionRequestCache();

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException, ServletException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String next = null;
        if (authentication != null) {
            for (var authority : authentication.getAuthorities()) {
                if (SignInStage.SECOND_FACTOR_DUE.equals(authority.getAuthority())) {
                    next = "/mfa/challenge";
                } else if (SignInStage.ENROLMENT_DUE.equals(authority.getAuthority())) {
                    next = "/mfa/enrol";
                }
            }
        }
        if (next == null) {
            plain.handle(request, response, denied);
            return;
        }
        if ("GET".equals(request.getMethod())) {
            requests.saveRequest(request, response);
        }
        response.sendRedirect(next);
    }
}
