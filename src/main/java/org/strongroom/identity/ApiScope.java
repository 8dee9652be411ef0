package org.strongroom.identity;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a personal access token may be used for. A token's rights are its scopes <em>and</em> the
 * role of the account it belongs to: a scope never grants more than the account could do in the
 * pages. Each scope is carried on the request as the authority {@code SCOPE_<value>}.
 */
public enum ApiScope {

    CLIENTS_READ("clients.read"),
    CLIENTS_WRITE("clients.write"),
    DOCUMENTS_READ("documents.read"),
    DOCUMENTS_WRITE("documents.write"),
    AUDIT_READ("audit.read"),
    USERS_READ("users.read");

    private final String value;

    ApiScope(String value) {
        this.value = value;
    }

    /** The name used on the command line, in the API and in storage, e.g. {@code clients.read}. */
    public String value() {
        return value;
    }

    /** The Spring Security authority, e.g. {@code SCOPE_clients.read}. */
    public String authority() {
        return SignInStage.SCOPE_PREFIX + value;
    }

    /** The scope with this exact name; empty for anything else. */
    public static Optional<ApiScope> fromValue(String value) {
        for (ApiScope scope : values()) {
            if (scope.value.equals(value)) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }

    /**
     * Parses a comma- or space-separated list such as {@code clients.read,audit.read}.
     *
     * @throws IllegalArgumentException naming the first unknown scope and listing the known ones,
     *                                  or when the list is empty
     */
    public static Set<ApiScope> parseList(String list) {
        if (list == null || list.isBlank()) {
            throw new IllegalArgumentException("no scope given; known scopes: " + knownValues());
        }
        Set<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
        for (String part : list.split("[,\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            String name = part.toLowerCase(Locale.ROOT);
            scopes.add(fromValue(name).orElseThrow(() -> new IllegalArgumentException(
                    "unknown scope '" + abbreviate(part) + "'; known scopes: " + knownValues())));
        }
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("no scope given; known scopes: " + knownValues());
        }
        return scopes;
    }

    /** Every scope name, comma-separated, in declaration order. */
    public static String knownValues() {
        return Arrays.stream(values()).map(ApiScope::value).collect(Collectors.joining(", "));
    }

    private static String abbreviate(String text) {
        String printable = text.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable.length() > 40 ? printable.substring(0, 40) + "…" : printable;
    }
}
