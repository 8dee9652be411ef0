package org.strongroom.documents.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.server.ResponseStatusException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.type.LogicalType;

/**
 * Reads the JSON of the documents API strictly — request bodies and the {@code metadata} part of
 * a multipart upload — into request records that say exactly what a caller may send. Mass
 * assignment: a property the record does not name ({@code id}, {@code clientId},
 * {@code createdBy}, {@code status}, {@code size}, {@code mediaType} …) refuses the whole request.
 * Independent of the application's shared JSON settings. Unknown properties, duplicate keys,
 * trailing content, numbers or booleans where text is expected, text or fractions where a whole
 * number is expected and bodies over {@link #MAX_BYTES} are refused before any service is called,
 * with fixed words that never quote the input.
 */
final class DocumentsApiBodies {

    /** Metadata is short: a title of 200 characters and 20 tags of 40 fit many times over, even \\u-escaped. */
    static final int MAX_BYTES = 64 * 1024;

    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                    DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfig(LogicalType.Textual, text -> text
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyArray, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyObject, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Integer, number -> number
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Boolean, bool -> bool
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
            // A single string where a list of tags is expected is refused, not wrapped.
            .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .build();

    private DocumentsApiBodies() {
    }

    /** The request's JSON body as {@code type}; the content type was already checked by the mapping. */
    static <T> T read(HttpServletRequest request, Class<T> type) {
        return parse(bytes(request.getContentLengthLong(), request), type);
    }

    /**
     * The body as {@code type} when there is one (then it must be JSON), empty when the request
     * carries no body at all (a change that sends its version in {@code If-Match} only).
     */
    static <T> Optional<T> readOptional(HttpServletRequest request, Class<T> type) {
        byte[] body = bytes(request.getContentLengthLong(), request);
        if (body.length == 0) {
            return Optional.empty();
        }
        String contentType = request.getContentType();
        if (contentType == null || !json(contentType)) {
            throw DocumentsApiProblem.refusal(DocumentsApiProblem.unsupported(
                    "A body here must be application/json (or be left out and the version sent in If-Match)."));
        }
        return Optional.of(parse(body, type));
    }

    /**
     * The body as a JSON object whose properties are all among {@code allowed}, for a change in
     * which a property left out means "keep" and a property sent as {@code null} means "clear".
     */
    static ObjectNode readObject(HttpServletRequest request, Set<String> allowed) {
        byte[] body = bytes(request.getContentLengthLong(), request);
        if (body.length == 0) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The request needs a JSON object as its body.");
        }
        JsonNode tree;
        try {
            tree = STRICT.readTree(body);
        } catch (JacksonException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, refusal(e));
        }
        if (!(tree instanceof ObjectNode object)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The request needs a JSON object as its body.");
        }
        for (Iterator<String> names = object.propertyNames().iterator(); names.hasNext(); ) {
            if (!allowed.contains(names.next())) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, UNKNOWN_PROPERTY);
            }
        }
        return object;
    }

    /** A tree already checked by {@link #readObject} as {@code type}, with the same strict rules. */
    static <T> T bind(ObjectNode object, Class<T> type) {
        try {
            return STRICT.treeToValue(object, type);
        } catch (JacksonException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, refusal(e));
        }
    }

    /** The JSON of a multipart {@code metadata} part, at most {@link #MAX_BYTES}, as {@code type}. */
    static <T> T readPart(InputStream part, Class<T> type) throws IOException {
        byte[] body = part.readNBytes(MAX_BYTES + 1);
        if (body.length > MAX_BYTES) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The metadata part is longer than " + MAX_BYTES + " bytes.");
        }
        if (body.length == 0) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The metadata part needs a JSON object.");
        }
        return parse(body, type);
    }

    static boolean json(String contentType) {
        try {
            return MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType));
        } catch (RuntimeException e) {
            return false;
        }
    }

    static final String UNKNOWN_PROPERTY =
            "The body has a property this request does not take; only the properties described in /api/v1/openapi.json are accepted.";

    /** What is wrong with a body, in fixed words that never quote it. */
    static String refusal(JacksonException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (e instanceof tools.jackson.databind.exc.UnrecognizedPropertyException) {
            return UNKNOWN_PROPERTY;
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

    private static byte[] bytes(long declared, HttpServletRequest request) {
        if (declared > MAX_BYTES) {
            throw DocumentsApiProblem.refusal(DocumentsApiProblem.tooLargeBody());
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BYTES + 1);
            if (body.length > MAX_BYTES) {
                throw DocumentsApiProblem.refusal(DocumentsApiProblem.tooLargeBody());
            }
            return body;
        } catch (IOException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The body could not be read to its end.");
        }
    }

    static <T> T parse(byte[] body, Class<T> type) {
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
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The body is not valid JSON.");
        }
    }
}
