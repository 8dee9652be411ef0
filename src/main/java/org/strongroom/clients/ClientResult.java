package org.strongroom.clients;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The outcome of a change to a client or the catalogue. Bad input is {@link Rejected} with a
 * message key per field and nothing saved; a refusal by the access policy is thrown as
 * {@link org.strongroom.access.AccessRefused} instead.
 */
public sealed interface ClientResult<T> {

    record Done<T>(T value) implements ClientResult<T> {
    }

    /** Bad input: field key (or {@code status}, {@code version}, …) → message key. Nothing was saved. */
    record Rejected<T>(Map<String, String> problems) implements ClientResult<T> {
        public Rejected {
            problems = Map.copyOf(problems);
        }
    }

    /**
     * The record changed since the caller read it (optimistic concurrency): nothing was saved.
     * {@code current} is the record as it is now (as the caller may see it) and
     * {@code changedFields} the field keys changed since the caller's version ({@code status} for
     * a status change), so the user sees what changed.
     */
    record Conflict<T>(ClientProfile current, Set<String> changedFields) implements ClientResult<T> {
        public Conflict {
            changedFields = Set.copyOf(changedFields);
        }
    }

    /**
     * Creating would probably duplicate records that already exist (same email, phone, national id,
     * or same name and date of birth); nothing was saved. The caller shows them and may create
     * anyway by acknowledging.
     */
    record PossibleDuplicates<T>(List<DuplicateCandidate> candidates) implements ClientResult<T> {
        public PossibleDuplicates {
            candidates = List.copyOf(candidates);
        }
    }

    static <T> ClientResult<T> rejected(String field, String messageKey) {
        return new Rejected<>(Map.of(field, messageKey));
    }
}
