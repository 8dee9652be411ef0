package org.strongroom.audit;

/**
 * The audit settings cannot be used (a retention below the legal minimum, a syslog CA file that
 * cannot be read, …). The message is written for the operator: what is wrong and how to fix it,
 * in one line, without secrets.
 */
public final class AuditConfigurationProblem extends RuntimeException {

    public AuditConfigurationProblem(String message) {
        super(message);
    }

    public AuditConfigurationProblem(String message, Throwable cause) {
        super(message, cause);
    }
}
