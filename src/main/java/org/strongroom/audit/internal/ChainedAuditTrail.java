package org.strongroom.audit.internal;

import java.time.Clock;
import java.util.Objects;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.strongroom.audit.AuditEvent;
import org.strongroom.audit.AuditTrail;
import org.strongroom.audit.AuditUnavailable;
import org.strongroom.audit.HashedValue;
import org.strongroom.crypto.AuditKeys;

/**
 * The single appender: locks the chain head, stamps the entry with the next sequence number and the
 * time, computes HMAC(chain key, previous MAC ‖ encoding), inserts the entry and moves the head —
 * all in the caller's transaction. Propagation MANDATORY rather than REQUIRED: an action and its
 * entry must commit or roll back together, and a caller that forgot its transaction would otherwise
 * get an entry committed on its own, apart from the action.
 */
@Service
class ChainedAuditTrail implements AuditTrail {

    private final AuditEntries entries;
    private final AuditKeys keys;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;
    private final Checkpointer checkpointer;
    private final RequestStamp stamp;

    ChainedAuditTrail(AuditEntries entries, AuditKeys keys, Clock clock,
            PlatformTransactionManager transactions, Checkpointer checkpointer) {
        this.stamp = new RequestStamp(keys);
        this.entries = entries;
        this.keys = keys;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.checkpointer = checkpointer;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public long record(AuditEvent event) {
        return append(event);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public java.util.List<Long> recordAll(java.util.List<AuditEvent> events) {
        if (events.isEmpty()) {
            return java.util.List.of();
        }
        java.util.List<AuditRow> rows = new java.util.ArrayList<>(events.size());
        long first;
        long last;
        try {
            AuditEntries.Head head = entries.lockHead();
            first = head.seq() + 1;
            byte[] previous = head.mac();
            long now = clock.millis();
            long seq = head.seq();
            for (AuditEvent event : events) {
                Objects.requireNonNull(event, "event");
                seq++;
                AuditRow row = AuditRow.of(seq, now, stamp.stamp(event));
                byte[] mac = keys.chainMac(EntryEncoding.chainInput(previous, row));
                rows.add(row.withMac(mac));
                previous = mac;
            }
            last = seq;
            entries.appendAll(rows, head.seq());
        } catch (RuntimeException e) {
            throw new AuditUnavailable(e);
        }
        boolean due = false;
        for (long seq = first; seq <= last && !due; seq++) {
            due = checkpointer.dueAt(seq);
        }
        if (due && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    checkpointer.soon();
                }
            });
        }
        return java.util.stream.LongStream.rangeClosed(first, last).boxed().toList();
    }

    @Override
    public long recordOnItsOwn(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("recordOnItsOwn must be called outside a transaction; use record inside one");
        }
        try {
            Long seq = ownTransaction.execute(status -> append(event));
            return Objects.requireNonNull(seq);
        } catch (AuditUnavailable e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AuditUnavailable(e);
        }
    }

    @Override
    public String keyedHash(HashedValue purpose, String value) {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(value, "value");
        return EntryEncoding.base64(keys.chainMac(EntryEncoding.valueInput(purpose.code(), value)));
    }

    private long append(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        long seq;
        try {
            AuditEntries.Head head = entries.lockHead();
            seq = head.seq() + 1;
            // The time is taken after the head is held, so times never go backwards along the chain
            // on one node's clock.
            AuditRow row = AuditRow.of(seq, clock.millis(), stamp.stamp(event));
            byte[] mac = keys.chainMac(EntryEncoding.chainInput(head.mac(), row));
            entries.append(row.withMac(mac), head.seq());
        } catch (RuntimeException e) {
            throw new AuditUnavailable(e);
        }
        if (checkpointer.dueAt(seq) && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    checkpointer.soon();
                }
            });
        }
        return seq;
    }


}
