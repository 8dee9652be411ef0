package org.strongroom.web.internal;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.strongroom.crypto.KeyManagement;

/**
 * While the key vault is sealed, answers every request with 503 except health probes, the unseal
 * page, the language switch and static assets. Nothing behind it — sign-in, sessions of signed-in
 * people, any page that would need a key — runs until the vault is unsealed. Placed right after
 * {@link SecurityHeadersFilter}, so the refusal carries the security headers.
 *
 * <p>Paths are compared on the servlet path, which the container has already decoded and
 * normalised: {@code /assets/../login} or {@code /unseal;x} do not slip through.
 */
final class SealedVaultFilter extends OncePerRequestFilter {

    static final Set<String> OPEN_PATHS = Set.of("/unseal", "/actuator/health", "/favicon.svg", "/favicon.ico",
            "/preferences/language");
    static final Set<String> OPEN_PREFIXES = Set.of("/actuator/health/", "/assets/", "/webjars/");

    private final KeyManagement keys;
    private final MessageSource messages;
    private final LocaleResolver locales;

    SealedVaultFilter(KeyManagement keys, MessageSource messages, LocaleResolver locales) {
        this.keys = keys;
        this.messages = messages;
        this.locales = locales;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!keys.isSealed() || isOpen(path(request))) {
            chain.doFilter(request, response);
            return;
        }
        Locale locale = LocaleConfiguration.supported(locales.resolveLocale(request));
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", "60");
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write("503 " + messages.getMessage("sealed.unavailable", null, locale) + "\n");
    }

    static String path(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        return (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
    }

    static boolean isOpen(String path) {
        return OPEN_PATHS.contains(path) || OPEN_PREFIXES.stream().anyMatch(path::startsWith);
    }
}
