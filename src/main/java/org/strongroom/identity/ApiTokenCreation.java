package org.strongroom.identity;

import java.util.Map;

/** The outcome of asking for a token: a value, not an exception. */
public sealed interface ApiTokenCreation {

    /** The token exists now; its secret is in {@link NewApiToken#secret()} and nowhere else. */
    record Created(NewApiToken token) implements ApiTokenCreation {
    }

    /**
     * Nothing was created. Maps each field ({@code staff}, {@code label}, {@code scopes},
     * {@code expiresAt}) to the message code (bundle {@code i18n/tokens}) saying what is wrong.
     */
    record Rejected(Map<String, String> problems) implements ApiTokenCreation {
        public Rejected {
            problems = Map.copyOf(problems);
        }
    }
}
