package org.strongroom.web.internal;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Writes the security headers on every response before anything else runs — pages, API answers,
 * refusals, firewall rejections and error pages alike — so no path out of the server lacks them.
 * {@code Cache-Control: no-store} is the default; only static assets replace it with a cache
 * lifetime. Runs for error dispatches too.
 */
final class SecurityHeadersFilter extends OncePerRequestFilter {

    /** No inline script or style, no plugins, no framing, no base-tag or form hijacking. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    static final String PERMISSIONS_POLICY = "accelerometer=(), autoplay=(), camera=(), display-capture=(), "
            + "encrypted-media=(), fullscreen=(self), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
            + "midi=(), payment=(), picture-in-picture=(), publickey-credentials-get=(self), screen-wake-lock=(), "
            + "sync-xhr=(), usb=(), xr-spatial-tracking=()";

    /** Two years, the preload list's expectation. */
    static final String STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        write(response);
        chain.doFilter(request, response);
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    static void write(HttpServletResponse response) {
        response.setHeader("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        response.setHeader("Cross-Origin-Resource-Policy", "same-origin");
        response.setHeader("Cache-Control", "no-store");
    }
}
