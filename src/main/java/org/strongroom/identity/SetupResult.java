package org.strongroom.identity;

import java.util.Map;

/** The outcome of creating the owner account: a value, not an exception. */
public sealed interface SetupResult {

    /** The owner account exists now. */
    record Created(StaffId id, String email) implements SetupResult {
        @Override
        public String toString() {
            return "Created[" + id + "]";
        }
    }

    /** An owner already exists; nothing changed. */
    record OwnerExists() implements SetupResult {
    }

    /** The setup link is unknown, expired or used; nothing changed. */
    record InvalidLink() implements SetupResult {
    }

    /**
     * The input was refused; nothing changed. Maps each field ({@code name}, {@code email},
     * {@code password}) to the message code that says what is wrong.
     */
    record Rejected(Map<String, String> problems) implements SetupResult {
        public Rejected {
            problems = Map.copyOf(problems);
        }
    }
}
