package org.strongroom.identity.internal;

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;
import org.strongroom.identity.ApiTokens;
import org.strongroom.identity.AuthenticatedApiToken;

/**
 * Reads {@code Authorization: Bearer <token>} (RFC 6750 header form only — never a query parameter
 * or form field, never a cookie) and, for a usable token, authenticates this one request. A
 * presented but refused token, or more than one Authorization header, ends the request with the
 * same 401. Without the header the request stays anonymous and the authorization rules answer 401.
 * Not a bean: it is added to the API chain only, never to the servlet container's filters.
 */
final class ApiTokenAuthenticationFilter extends OncePerRequestFilter {

    private static final String SCHEME = "Bearer";
    /** Far above a token's length; longer headers are refused without any work. */
    private static final int MAX_HEADER_LENGTH = 512;

    private final ApiTokens tokens;
    private final AuthenticationEntryPoint entryPoint;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();
    private final SecurityContextRepository repository = new RequestAttributeSecurityContextRepository();

    ApiTokenAuthenticationFilter(ApiTokens tokens, AuthenticationEntryPoint entryPoint) {
        this.tokens = tokens;
        this.entryPoint = entryPoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<String> headers = Collections.list(request.getHeaders("Authorization"));
        if (headers.isEmpty() || (headers.size() == 1 && !isBearer(headers.get(0)))) {
            chain.doFilter(request, response);
            return;
        }
        Optional<AuthenticatedApiToken> accepted = headers.size() == 1 && headers.get(0).length() <= MAX_HEADER_LENGTH
                ? tokens.authenticate(headers.get(0).substring(SCHEME.length()).strip())
                : Optional.empty();
        if (accepted.isEmpty()) {
            contexts.clearContext();
            request.setAttribute(ApiProblems.TOKEN_REFUSED, Boolean.TRUE);
            entryPoint.commence(request, response, new BadCredentialsException("token refused"));
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(new ApiTokenAuthentication(accepted.get()));
        contexts.setContext(context);
        repository.saveContext(context, request, response);
        chain.doFilter(request, response);
    }

    /** The scheme is case-insensitive (RFC 9110); a bare "Bearer" counts as a refused attempt. */
    private static boolean isBearer(String header) {
        return header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                && (header.length() == SCHEME.length() || Character.isWhitespace(header.charAt(SCHEME.length())));
    }
}
