package org.strongroom.identity.internal;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The error path of the JSON API: when a request under {@code /api/} ends in an error dispatch
 * (unknown address, wrong method, unacceptable media type, an exception outside any controller),
 * answers with problem+json instead of the HTML error page. Headers set before the error (such as
 * {@code Allow} on a 405) stay. Runs for error dispatches only, after the security headers.
 */
final class ApiErrorDispatchFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!isApi(request) || response.isCommitted()) {
            chain.doFilter(request, response);
            return;
        }
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 500;
        if (status < 400) {
            status = 500;
        }
        response.resetBuffer();
        ApiProblems.write(response, status, "about:blank", ApiProblems.detailFor(status));
    }

    static boolean isApi(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (!(uri instanceof String path)) {
            return false;
        }
        String api = request.getContextPath() + "/api";
        return path.equals(api) || path.startsWith(api + "/");
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return false;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }
}
