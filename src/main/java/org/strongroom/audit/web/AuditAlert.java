package org.strongroom.audit.web;

import org.jspecify.annotations.Nullable;

/**
 * What the audit banner on every page shows owners and administrators: a broken trail, a
 * verification that could not complete, checkpoints not reaching the syslog server. Holds
 * sequence numbers, codes and times only.
 *
 * @param brokenAtSeq     first bad sequence number of the latest run, if it found the trail broken
 * @param kindKey         message key of the break kind ({@code auditwatch.kind.altered}, …), if broken
 * @param checkedAt       when the latest run finished, formatted in the organisation's zone
 * @param notCompleted    whether the latest run could not complete
 * @param forwardingTo    {@code host:port} of the syslog server when checkpoints are not reaching it, else null
 * @param backlog         checkpoints waiting for it
 * @param forwardingError its last error, one line
 */
public record AuditAlert(@Nullable Long brokenAtSeq, @Nullable String kindKey, @Nullable String checkedAt, boolean notCompleted,
                         @Nullable String forwardingTo, int backlog, @Nullable String forwardingError) {

    public boolean broken() {
        return brokenAtSeq != null;
    }

    public boolean forwardingBehind() {
        return forwardingTo != null;
    }
}
