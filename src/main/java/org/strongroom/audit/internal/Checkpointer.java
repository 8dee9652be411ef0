package org.strongroom.audit.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.strongroom.crypto.AuditKeys;

/**
 * Signs checkpoints of the chain head: after every {@code strongroom.audit.checkpoint-every}
 * entries (default 1000), when {@code strongroom.audit.checkpoint-interval} (default 5 minutes) has
 * passed with new entries, and when the server stops. Each checkpoint is stored in the database and
 * then appended to {@code <data-dir>/audit/checkpoints.jsonl} and queued for the syslog server
 * ({@link SyslogForwarder}, when one is configured). Runs in transactions of its own,
 * never in an appender's; several nodes may checkpoint the same head, the first one stored wins.
 *
 * <p>{@code strongroom.audit.checkpoints=false} turns it off (the command-line tools that only read
 * the trail set it); decided at run time, not with a condition frozen by AOT.
 */
@Component
class Checkpointer implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);

    private final AuditEntries entries;
    private final AuditKeys keys;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final CheckpointFile file;
    private final SyslogForwarder forwarder;
    private final long every;
    private final Duration interval;
    private final boolean enabled;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "audit-checkpoints");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean running;

    Checkpointer(AuditEntries entries, AuditKeys keys, Clock clock, PlatformTransactionManager transactions,
            SyslogForwarder forwarder,
            @Value("${strongroom.data-dir}") Path dataFolder,
            @Value("${strongroom.audit.checkpoint-every:1000}") long every,
            @Value("${strongroom.audit.checkpoint-interval:5m}") Duration interval,
            @Value("${strongroom.audit.checkpoints:true}") boolean enabled) {
        if (every < 1) {
            throw new IllegalArgumentException("strongroom.audit.checkpoint-every must be at least 1");
        }
        this.entries = entries;
        this.keys = keys;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.file = CheckpointFile.inDataFolder(dataFolder);
        this.forwarder = forwarder;
        this.every = every;
        this.interval = interval;
        this.enabled = enabled;
    }

    /** Whether the entry with this sequence number completes a run of {@code every} entries. */
    boolean dueAt(long seq) {
        return enabled && seq % every == 0;
    }

    /** Checkpoints soon, off the appender's thread. */
    void soon() {
        if (running) {
            background.execute(this::checkpointQuietly);
        }
    }

    @Scheduled(fixedDelayString = "${strongroom.audit.checkpoint-poll:15s}", initialDelayString = "${strongroom.audit.checkpoint-poll:15s}")
    void onSchedule() {
        if (!running) {
            return;
        }
        AuditEntries.Head head = entries.head();
        long lastSeq = entries.lastCheckpointSeq().orElse(0L);
        long lastTime = entries.lastCheckpointTime().orElse(0L);
        if (head.seq() - lastSeq >= every
                || (head.seq() > lastSeq && clock.millis() - lastTime >= interval.toMillis())) {
            checkpointQuietly();
        }
    }

    /**
     * Signs and stores a checkpoint of the committed head unless one exists for it already.
     *
     * @return the checkpoint made, if any
     */
    synchronized Optional<Checkpoint> checkpoint() {
        Checkpoint made = transaction.execute(status -> {
            AuditEntries.Head head = entries.head();
            if (head.seq() == 0 || entries.hasCheckpoint(head.seq())) {
                return null;
            }
            long now = clock.millis();
            byte[] signature = keys.signCheckpoint(EntryEncoding.checkpointInput(head.seq(), head.mac(), now));
            Checkpoint c = new Checkpoint(head.seq(), head.mac(), now, keys.checkpointKeyId(), signature);
            entries.insertCheckpoint(c);
            return c;
        });
        if (made != null) {
            // After the commit: a line in the file for a checkpoint that then failed to commit would
            // look like a rollback. Queued for the syslog server first (it never throws), so a full
            // disk does not keep the checkpoint from leaving the machine.
            forwarder.forward(made);
            file.append(made);
        }
        return Optional.ofNullable(made);
    }

    Path file() {
        return file.path();
    }

    private void checkpointQuietly() {
        if (!enabled) {
            return;
        }
        try {
            checkpoint();
        } catch (DuplicateKeyException e) {
            // another node checkpointed the same head first
        } catch (RuntimeException e) {
            LOG.warn("Audit checkpoint failed: {}", e.getClass().getSimpleName());
        }
    }

    @Override
    public void start() {
        running = enabled;
    }

    @Override
    public void stop() {
        if (running) {
            running = false;
            background.shutdown();
            try {
                background.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            checkpointQuietly();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Below the web server's phases, so it stops after the last request has been served, and
        // while the database is still open (beans are destroyed after every lifecycle stopped).
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
