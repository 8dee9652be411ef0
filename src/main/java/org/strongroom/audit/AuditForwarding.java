package org.strongroom.audit;

/**
 * Sending the signed checkpoints to a syslog or SIEM server outside this installation (RFC 5424
 * over TLS, {@code strongroom.audit.syslog.*}), where an attacker holding the server cannot take
 * them back. Sending never blocks or fails an append: checkpoints wait in a bounded queue for a
 * background sender. This is what an operator sees of it.
 */
public interface AuditForwarding {

    /** The sender's state now; cheap, safe to call on every page view. */
    ForwardingStatus status();
}
