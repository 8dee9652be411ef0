package org.strongroom.access.web;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Reads the JSON bodies of the access API strictly, into the request records that say exactly
 * what a caller may send (mass assignment: a property that is not in the record — {@code role},
 * {@code clientId}, a second {@code staffId} — refuses the whole request instead of being
 * silently dropped or bound). Independent of the application's shared JSON settings, so a change
 * there cannot loosen it: unknown properties, duplicate keys, trailing content, numbers or
 * booleans where text is expected, and bodies over {@link #MAX_BYTES} are all refused before any
 * service is called. Refusals are {@link ResponseStatusException}s (400, 413), which the API's
 * problem handler answers as problem+json without echoing the input.
 */
final class AccessApiBodies {

    /** Far above the longest valid body (a 1,000-character reason, even fully \\u-escaped). */
    static final int MAX_BYTES = 16 * 1024;

    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                    DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            // Text fields take JSON strings only: 5, 1.5 or true where text is expected is refused.
            .withCoercionConfig(LogicalType.Textual, text -> text
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private AccessApiBodies() {
    }

    /** The request's body as {@code type}; the content type was already checked by the mapping. */
    static <T> T read(HttpServletRequest request, Class<T> type) {
        if (request.getContentLengthLong() > MAX_BYTES) {
            throw new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE);
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        return parse(body, type);
    }

    static <T> T parse(byte[] body, Class<T> type) {
        if (body.length > MAX_BYTES) {
            throw new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE);
        }
        if (body.length == 0) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        try {
            T value = STRICT.readValue(body, type);
            if (value == null) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
            }
            return value;
        } catch (JacksonException e) {
            // The parser's message quotes the input: it goes nowhere.
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
    }
}
