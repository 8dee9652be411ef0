package org.strongroom.access;

import java.util.Map;

/**
 * The outcome of a change to access (a role, a care team, a grant, a break-the-glass, a review).
 * Refusals carry message keys for the fields they concern; a refusal by the policy itself is
 * thrown as {@link AccessRefused} instead, so it reaches the caller as a generic 403/404.
 */
public sealed interface AccessResult<T> {

    record Done<T>(T value) implements AccessResult<T> {
    }

    /** Bad input: field → message key (e.g. {@code reason → access.reason.tooShort}). */
    record Rejected<T>(Map<String, String> problems) implements AccessResult<T> {
        public Rejected {
            problems = Map.copyOf(problems);
        }
    }

    /** The record changed since it was read (optimistic concurrency): reload and try again. */
    record Conflict<T>() implements AccessResult<T> {
    }

    /** A fresh second factor is needed first (break-the-glass). */
    record StepUpNeeded<T>() implements AccessResult<T> {
    }

    static <T> AccessResult<T> rejected(String field, String messageKey) {
        return new Rejected<>(Map.of(field, messageKey));
    }
}
