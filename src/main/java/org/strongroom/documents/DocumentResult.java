package org.strongroom.documents;

import java.util.Map;

/**
 * The outcome of an upload or a change to a document. Bad input is {@link Rejected} with a
 * message key per field and nothing saved (no row, no bytes); a refusal by the access policy is
 * thrown as {@link org.strongroom.access.AccessRefused} instead.
 */
public sealed interface DocumentResult<T> {

    record Done<T>(T value) implements DocumentResult<T> {
    }

    /**
     * Refused input: field ({@code file}, {@code title}, {@code folder}, …) → message key, e.g.
     * {@code documents.upload.typeNotAllowed}. Nothing was saved.
     */
    record Rejected<T>(Map<String, String> problems) implements DocumentResult<T> {
        public Rejected {
            problems = Map.copyOf(problems);
        }

        /** The first (or only) message key, for callers that show one. */
        public String code() {
            return problems.values().iterator().next();
        }
    }

    /** The document changed since the caller read it; nothing was saved. */
    record Conflict<T>(DocumentDetails current) implements DocumentResult<T> {
    }

    static <T> DocumentResult<T> rejected(String field, String messageKey) {
        return new Rejected<>(Map.of(field, messageKey));
    }
}
