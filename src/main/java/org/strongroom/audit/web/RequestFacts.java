package org.strongroom.audit.web;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;

/**
 * Where a request came from, for its audit entry. The user agent is only ever stored as a keyed
 * hash.
 */
record RequestFacts(@Nullable String sourceAddress, @Nullable String userAgent) {

    static RequestFacts of(HttpServletRequest request) {
        String agent = request.getHeader("User-Agent");
        return new RequestFacts(request.getRemoteAddr(), agent == null || agent.isBlank() ? null : agent);
    }

    @Override
    public String toString() {
        return "RequestFacts[" + sourceAddress + "]";
    }
}
