package org.strongroom.clients.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
 * Reads the JSON bodies of the clients API strictly, into request records that say exactly what a
 * caller may send. Mass assignment: a property that is not in the record ({@code id},
 * {@code reference}, {@code version} on create, {@code status} on an edit, {@code createdBy} …)
 * refuses the whole request instead of being dropped or bound. Independent of the application's
 * shared JSON settings, so a change there cannot loosen it: unknown properties, duplicate keys
 * (also inside {@code values}), trailing content, numbers or booleans where text is expected,
 * text or fractions where a whole number is expected, and bodies over {@link #MAX_BYTES} are all
 * refused before any service is called. Refusals are {@link ResponseStatusException}s (400, 413,
 * 415) that the API's problem handler answers without echoing the input.
 */
final class ClientsApiBodies {

    /**
     * Room for every enabled field at its longest (long texts are 4,000 characters) even when
     * \\u-escaped, and no more: 64 KiB.
     */
    static final int MAX_BYTES = 64 * 1024;

    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                    DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            // Text takes JSON strings only: 5, 1.5 or true where text is expected is refused.
            .withCoercionConfig(LogicalType.Textual, text -> text
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyArray, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyObject, CoercionAction.Fail))
            // Whole numbers take JSON integers only: "3", 3.0 or true is refused.
            .withCoercionConfig(LogicalType.Integer, number -> number
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Boolean, bool -> bool
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
            .build();

    private ClientsApiBodies() {
    }

    /** The request's body as {@code type}; the content type was already checked by the mapping. */
    static <T> T read(HttpServletRequest request, Class<T> type) {
        return parse(bytes(request), type);
    }

    /**
     * The body as {@code type} when there is one (then it must be JSON), empty when the request
     * carries no body at all (an edit that sends its version in {@code If-Match} only).
     */
    static <T> Optional<T> readOptional(HttpServletRequest request, Class<T> type) {
        byte[] body = bytes(request);
        if (body.length == 0) {
            return Optional.empty();
        }
        String contentType = request.getContentType();
        if (contentType == null || !MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType))) {
            throw new ResponseStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        }
        return Optional.of(parse(body, type));
    }

    /** What is wrong with a body, in fixed words that never quote it. */
    static String refusal(JacksonException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (e instanceof tools.jackson.databind.exc.UnrecognizedPropertyException) {
            return "The body has a property this request does not take; only the properties described in /api/v1/openapi.json are accepted.";
        }
        if (message.startsWith("Duplicate")) {
            return "A property appears twice in the body.";
        }
        if (message.startsWith("Trailing token")) {
            return "The body has more content after its JSON value.";
        }
        if (e instanceof tools.jackson.databind.exc.MismatchedInputException) {
            return "A property has the wrong JSON type (for example a number where text is expected), or a required property is missing.";
        }
        return "The body is not valid JSON.";
    }

    private static byte[] bytes(HttpServletRequest request) {
        if (request.getContentLengthLong() > MAX_BYTES) {
            throw new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BYTES + 1);
            if (body.length > MAX_BYTES) {
                throw new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE);
            }
            return body;
        } catch (IOException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
    }

    static <T> T parse(byte[] body, Class<T> type) {
        if (body.length > MAX_BYTES) {
            throw new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE);
        }
        if (body.length == 0) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The request needs a JSON object as its body.");
        }
        try {
            T value = STRICT.readValue(body, type);
            if (value == null) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The request needs a JSON object as its body, not null.");
            }
            return value;
        } catch (JacksonException e) {
            // The parser's message quotes the input: it goes nowhere; the answer names only the kind of fault.
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, refusal(e));
        } catch (ResponseStatusException e) {
            throw e;
        } catch (RuntimeException e) {
            // Anything else a hostile body provokes while binding is a malformed request, never a 500.
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
    }
}
