package org.strongroom.audit;

/**
 * An audit entry could not be written. The action it would have recorded must not happen: the
 * surrounding transaction rolls back and no client data is returned.
 */
public final class AuditUnavailable extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AuditUnavailable(Throwable cause) {
        super("The audit entry could not be written; the action was refused", cause);
    }
}
