package org.strongroom.audit;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * One security-relevant event, as handed to {@link AuditTrail#record}. The trail adds the sequence
 * number and the time.
 *
 * <p>No free text: {@code action}, {@code resourceType} and {@code reason} are short machine codes
 * ({@code [a-z0-9][a-z0-9._:-]*}, at most 64 characters), refused otherwise. The identifier-like
 * fields ({@code actorId}, {@code resourceId}, {@code clientId}, {@code sourceAddress},
 * {@code userAgentHash}, {@code requestId}) may carry values that came from a request: the
 * factory {@link #of} and the {@code with…} methods percent-encode (UTF-8) every character outside
 * {@code [A-Za-z0-9._:@/+=~-]} — control characters, newlines, spaces, '%' and all non-ASCII — so
 * an entry can never break a log line, a CSV cell or a terminal (log injection); the canonical
 * constructor takes values already in that form and refuses anything else. Values longer than 256
 * characters once encoded are refused. Values that
 * could identify a person or grant access (session ids, share tokens, user agents) must be passed
 * through {@link AuditTrail#keyedHash} first, never in the clear.
 */
public record AuditEvent(
        ActorType actorType,
        @Nullable String actorId,
        String action,
        @Nullable String resourceType,
        @Nullable String resourceId,
        @Nullable String clientId,
        Outcome outcome,
        @Nullable String reason,
        @Nullable String sourceAddress,
        @Nullable String userAgentHash,
        @Nullable String requestId) {

    /** Longest machine code (action, resource type, reason). */
    public static final int MAX_CODE_LENGTH = 64;
    /** Longest identifier-like value after encoding. */
    public static final int MAX_VALUE_LENGTH = 256;

    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9._:-]*");
    private static final Pattern ENCODED = Pattern.compile("[A-Za-z0-9._:@/+=~%-]*");

    public AuditEvent {
        Objects.requireNonNull(actorType, "actorType");
        Objects.requireNonNull(outcome, "outcome");
        action = code("action", Objects.requireNonNull(action, "action"));
        resourceType = resourceType == null ? null : code("resourceType", resourceType);
        reason = reason == null ? null : code("reason", reason);
        checkEncoded("actorId", actorId);
        checkEncoded("resourceId", resourceId);
        checkEncoded("clientId", clientId);
        checkEncoded("sourceAddress", sourceAddress);
        checkEncoded("userAgentHash", userAgentHash);
        checkEncoded("requestId", requestId);
    }

    /** An event with only the essentials; add the rest with the {@code with…} methods. */
    public static AuditEvent of(ActorType actorType, @Nullable String actorId, String action, Outcome outcome) {
        return new AuditEvent(actorType, value("actorId", actorId), action, null, null, null, outcome, null, null, null, null);
    }

    public AuditEvent withResource(String type, String id) {
        return new AuditEvent(actorType, actorId, action, type, value("resourceId", id), clientId, outcome, reason, sourceAddress, userAgentHash, requestId);
    }

    public AuditEvent withClient(String id) {
        return new AuditEvent(actorType, actorId, action, resourceType, resourceId, value("clientId", id), outcome, reason, sourceAddress, userAgentHash, requestId);
    }

    public AuditEvent withReason(String code) {
        return new AuditEvent(actorType, actorId, action, resourceType, resourceId, clientId, outcome, code, sourceAddress, userAgentHash, requestId);
    }

    public AuditEvent withRequest(@Nullable String source, @Nullable String agentHash, @Nullable String request) {
        return new AuditEvent(actorType, actorId, action, resourceType, resourceId, clientId, outcome, reason,
                value("sourceAddress", source), value("userAgentHash", agentHash), value("requestId", request));
    }

    /**
     * Fills whichever of source address, user agent hash and request id this event does not carry
     * yet (the trail does this from the current HTTP request).
     */
    public AuditEvent withRequestDefaults(@Nullable String source, @Nullable String agentHash, @Nullable String request) {
        return new AuditEvent(actorType, actorId, action, resourceType, resourceId, clientId, outcome, reason,
                sourceAddress != null ? sourceAddress : value("sourceAddress", source),
                userAgentHash != null ? userAgentHash : value("userAgentHash", agentHash),
                requestId != null ? requestId : value("requestId", request));
    }

    private static String code(String name, String value) {
        if (value.length() > MAX_CODE_LENGTH || !CODE.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be a machine code ([a-z0-9._:-], at most "
                    + MAX_CODE_LENGTH + " characters)");
        }
        return value;
    }

    private static void checkEncoded(String name, @Nullable String value) {
        if (value != null && (value.length() > MAX_VALUE_LENGTH || !ENCODED.matcher(value).matches())) {
            throw new IllegalArgumentException(name + " must be percent-encoded and at most " + MAX_VALUE_LENGTH
                    + " characters; build events with AuditEvent.of and the with… methods");
        }
    }

    private static @Nullable String value(String name, @Nullable String value) {
        if (value == null) {
            return null;
        }
        String encoded = encode(value);
        if (encoded.length() > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException(name + " is longer than " + MAX_VALUE_LENGTH
                    + " characters once encoded; pass a keyed hash of it instead");
        }
        return encoded;
    }

    /** Percent-encodes (UTF-8) every character outside {@code [A-Za-z0-9._:@/+=~-]}. */
    static String encode(String value) {
        boolean clean = true;
        for (int i = 0; i < value.length() && clean; i++) {
            clean = safe(value.charAt(i));
        }
        if (clean) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && safe(c)) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static boolean safe(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == ':' || c == '@' || c == '/' || c == '+' || c == '=' || c == '~' || c == '-';
    }
}
