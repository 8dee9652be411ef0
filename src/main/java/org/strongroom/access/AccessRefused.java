package org.strongroom.access;

import java.io.Serial;

/**
 * Thrown by {@link AccessPolicy#require} when the policy says no. The message is generic on
 * purpose; the reason is in the audit trail. When {@link #looksAbsent()} the caller must answer
 * exactly as for a record that does not exist (404, same body, same timing).
 */
public final class AccessRefused extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final transient AccessDecision decision;

    public AccessRefused(AccessDecision decision) {
        super("not permitted", null, false, false);
        this.decision = decision;
    }

    public AccessDecision decision() {
        return decision;
    }

    public boolean looksAbsent() {
        return decision.looksAbsent();
    }
}
