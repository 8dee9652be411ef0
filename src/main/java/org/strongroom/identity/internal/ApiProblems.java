package org.strongroom.identity.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * RFC 9457 {@code application/problem+json} answers of the JSON API, and the RFC 6750
 * {@code WWW-Authenticate} challenges that go with 401 and 403. Titles and details are fixed
 * English text: they never echo input and never say which check refused a token.
 */
public final class ApiProblems {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String REALM = "strongroom";

    /** The token is missing from the request (a browser session does not count). */
    public static final String TYPE_AUTHENTICATION_REQUIRED = "tag:strongroom.org,2026:problems/authentication-required";
    /** The token is malformed, unknown, expired, revoked, or its account is disabled: one answer for all. */
    public static final String TYPE_INVALID_TOKEN = "tag:strongroom.org,2026:problems/invalid-token";
    /** The token is valid but lacks a scope the request needs. */
    public static final String TYPE_INSUFFICIENT_SCOPE = "tag:strongroom.org,2026:problems/insufficient-scope";

    /** Request attribute set by the bearer filter when a token was presented and refused. */
    static final String TOKEN_REFUSED = ApiProblems.class.getName() + ".tokenRefused";
    /** Request attribute naming the scope an authorization rule found missing. */
    static final String MISSING_SCOPE = ApiProblems.class.getName() + ".missingScope";

    private ApiProblems() {
    }

    /** Writes a problem document with the given status; the title is the status's reason phrase. */
    public static void write(HttpServletResponse response, int status, String type, String detail) throws IOException {
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        write(response, status, type, title, detail);
    }

    static void write(HttpServletResponse response, int status, String type, String title, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"type\":" + json(type) + ",\"title\":" + json(title) + ",\"status\":" + status
                + ",\"detail\":" + json(detail) + "}");
        response.getWriter().flush();
    }

    /** Detail of the plain HTTP statuses the API can answer with. */
    public static String detailFor(int status) {
        return switch (status) {
            case 400 -> "The request is malformed.";
            case 401 -> "A valid personal access token is required.";
            case 403 -> "The token's account may not do this.";
            case 404 -> "There is nothing at this address.";
            case 405 -> "This address does not accept this method.";
            case 406 -> "The API answers in JSON only.";
            case 413 -> "The request is too large.";
            case 415 -> "The API accepts JSON only.";
            default -> status >= 500 ? "The server could not complete the request." : "The request was refused.";
        };
    }

    static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** 401 for a missing or refused token. */
    static final class EntryPoint implements AuthenticationEntryPoint {
        @Override
        public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException reason)
                throws IOException {
            if (request.getAttribute(TOKEN_REFUSED) != null) {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"" + REALM + "\", error=\"invalid_token\", "
                        + "error_description=\"The token is invalid, expired or revoked\"");
                write(response, 401, TYPE_INVALID_TOKEN, "Invalid token",
                        "The access token is malformed, unknown, expired or revoked, or its account cannot use it.");
            } else {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"" + REALM + "\"");
                write(response, 401, TYPE_AUTHENTICATION_REQUIRED, "Authentication required",
                        "Send a personal access token as 'Authorization: Bearer <token>'. Browser sessions are not accepted here.");
            }
        }
    }

    /** 403 for a valid token that lacks a scope (or whose account lacks the role). */
    static final class Denied implements AccessDeniedHandler {
        @Override
        public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
                throws IOException {
            if (request.getAttribute(MISSING_SCOPE) instanceof String scope) {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"" + REALM + "\", error=\"insufficient_scope\", "
                        + "scope=\"" + scope + "\"");
                write(response, 403, TYPE_INSUFFICIENT_SCOPE, "Insufficient scope",
                        "The access token lacks the scope " + scope + " that this request needs.");
            } else {
                write(response, 403, "about:blank", detailFor(403));
            }
        }
    }
}
