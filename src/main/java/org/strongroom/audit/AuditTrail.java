package org.strongroom.audit;

/**
 * The single appender of the audit trail. Entries are only ever added, each chained to the one
 * before it with the audit chain key (see docs/security/audit-format.md); no module can change or
 * remove one.
 *
 * <p>Fail closed: if the entry cannot be written, {@code record} throws, and the caller's
 * transaction — the action being recorded — rolls back with it.
 */
public interface AuditTrail {

    /**
     * Appends an entry in the caller's transaction, which must exist (propagation MANDATORY): the
     * entry commits if and only if the action it records commits. Holds the chain head until that
     * transaction ends, so keep the rest of the transaction short.
     *
     * @return the entry's sequence number
     * @throws org.springframework.transaction.IllegalTransactionStateException without a transaction
     * @throws AuditUnavailable if the entry cannot be written (the caller must not go on)
     */
    long record(AuditEvent event);

    /**
     * As {@link #record} for several events of one action at once (e.g. one entry per client of
     * an import batch): the chain head is locked once, each entry is chained to the one before,
     * and the rows are written in one batch. Same transaction rules as {@link #record}.
     *
     * @return the entries' sequence numbers, in order
     */
    java.util.List<Long> recordAll(java.util.List<AuditEvent> events);

    /**
     * Appends an entry in a transaction of its own, for events that have no surrounding action or
     * whose action is being refused and rolled back (failed sign-ins, denied access). Must be called
     * outside any transaction (on SQLite a nested writer would wait for the caller's own lock).
     *
     * @return the entry's sequence number
     * @throws AuditUnavailable if the entry cannot be written
     */
    long recordOnItsOwn(AuditEvent event);

    /**
     * A keyed hash (HMAC under the audit key, domain-separated by {@code purpose}) of a value that
     * must not be stored in the clear — a session id, a share token, a user agent — so that an
     * investigator who knows the value can still find its entries. 43 URL-safe characters.
     */
    String keyedHash(HashedValue purpose, String value);
}
