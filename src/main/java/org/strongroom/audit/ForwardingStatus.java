package org.strongroom.audit;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What the checkpoint sender has done, for the audit pages and the operator.
 *
 * @param enabled       whether a syslog server is configured ({@code strongroom.audit.syslog.host})
 * @param destination   {@code host:port} of the syslog server, empty when not enabled
 * @param lastSentSeq   sequence number of the last checkpoint written to the server, 0 before the first
 * @param lastSentAt    when it was written, null before the first
 * @param backlog       checkpoints waiting to be sent
 * @param dropped       checkpoints dropped because the queue was full (the oldest go first: each
 *                      later checkpoint vouches for every entry before it)
 * @param lastError     the last failure in one line (exception type and message, no secrets), null if none yet
 * @param lastErrorAt   when it happened
 * @param failing       whether the last attempt failed and checkpoints are waiting
 */
public record ForwardingStatus(boolean enabled, String destination, long lastSentSeq, @Nullable Instant lastSentAt,
                               int backlog, long dropped, @Nullable String lastError, @Nullable Instant lastErrorAt,
                               boolean failing) {

    /** The status of an installation without a syslog server. */
    public static ForwardingStatus disabled() {
        return new ForwardingStatus(false, "", 0, null, 0, 0, null, null, false);
    }

    /** Whether checkpoints are not getting out: the last attempt failed and some are waiting. */
    public boolean behind() {
        return enabled && failing;
    }
}
