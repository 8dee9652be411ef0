package org.strongroom.web.internal;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses every HTTP method the application does not use (TRACE, OPTIONS, CONNECT, WebDAV verbs…)
 * with 405 before security or any controller sees it. Runs after {@link SecurityHeadersFilter}
 * (and {@link SealedVaultFilter}), so refusals carry the security headers too.
 */
final class AllowedMethodsFilter extends OncePerRequestFilter {

    static final Set<String> ALLOWED = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");
    static final String ALLOW_HEADER = "GET, HEAD, POST, PUT, PATCH, DELETE";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!ALLOWED.contains(request.getMethod())) {
            response.setHeader("Allow", ALLOW_HEADER);
            response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write("405 Method Not Allowed\n");
            return;
        }
        chain.doFilter(request, response);
    }
}
