package org.strongroom.audit.internal;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.filter.OncePerRequestFilter;
import org.strongroom.audit.AuditEvent;
import org.strongroom.audit.HashedValue;
import org.strongroom.crypto.AuditKeys;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Gives every HTTP request an id (sent back as {@code X-Request-Id}, so a person reporting a
 * problem can quote it) and stamps audit entries written during a request with that id, the
 * client's address and a keyed hash of its user agent — whichever the caller did not set itself.
 * The user agent is never stored in the clear: together with the address it can single a person
 * out.
 */
final class RequestStamp {

    static final String ATTRIBUTE = RequestStamp.class.getName() + ".id";
    static final String HEADER = "X-Request-Id";
    /**
     * The request being served, set by {@link IdFilter} around the whole filter chain: Spring's own
     * request holder is only filled later (by its request-context filter), after the session and
     * security filters that also write entries.
     */
    private static final ThreadLocal<HttpServletRequest> CURRENT = new ThreadLocal<>();
    private static final int MAX_AGENT = 1024;

    private final AuditKeys keys;

    RequestStamp(AuditKeys keys) {
        this.keys = keys;
    }

    AuditEvent stamp(AuditEvent event) {
        if (event.sourceAddress() != null && event.userAgentHash() != null && event.requestId() != null) {
            return event;
        }
        HttpServletRequest request = CURRENT.get();
        if (request == null) {
            RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
            if (!(attributes instanceof ServletRequestAttributes servlet)) {
                return event;
            }
            request = servlet.getRequest();
        }
        String agent = request.getHeader("User-Agent");
        String agentHash = agent == null || event.userAgentHash() != null ? null
                : EntryEncoding.base64(keys.chainMac(EntryEncoding.valueInput(HashedValue.USER_AGENT.code(),
                        agent.length() > MAX_AGENT ? agent.substring(0, MAX_AGENT) : agent)));
        Object id = request.getAttribute(ATTRIBUTE);
        return event.withRequestDefaults(request.getRemoteAddr(), agentHash, id instanceof String s ? s : null);
    }

    /** Sets the request id attribute and header on every request. */
    static final class IdFilter extends OncePerRequestFilter {

        private static final SecureRandom RANDOM = new SecureRandom();

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String id = newId();
            request.setAttribute(ATTRIBUTE, id);
            response.setHeader(HEADER, id);
            HttpServletRequest outer = CURRENT.get();
            CURRENT.set(request);
            try {
                chain.doFilter(request, response);
            } finally {
                if (outer == null) {
                    CURRENT.remove();
                } else {
                    CURRENT.set(outer);
                }
            }
        }

        static String newId() {
            byte[] bytes = new byte[12];
            RANDOM.nextBytes(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
    }
}
