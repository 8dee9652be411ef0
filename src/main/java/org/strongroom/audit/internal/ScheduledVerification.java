package org.strongroom.audit.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;
import org.strongroom.audit.ActorType;
import org.strongroom.audit.AuditConfigurationProblem;
import org.strongroom.audit.AuditEvent;
import org.strongroom.audit.AuditTrail;
import org.strongroom.audit.AuditVerification;
import org.strongroom.audit.Outcome;
import org.strongroom.audit.VerificationResult;
import org.strongroom.audit.VerificationRun;
import org.strongroom.audit.VerificationRuns;

/**
 * Verifies the whole trail on a schedule ({@code strongroom.audit.verify-schedule}, a Spring cron
 * expression in the server's time zone; default {@code 0 41 2 * * *}, 02:41 every night; {@code -}
 * turns it off). Each run is kept ({@code audit_verification_run}) and written to the trail as an
 * {@code audit.verify} entry of the system: outcome {@code succeeded}, or {@code failed} with the
 * break kind as reason and the first bad sequence number as resource id ({@code audit_entry}), or
 * {@code failed} with reason {@code not_completed} when the run could not finish. A broken trail
 * raises the alert ({@link VerificationAlerts}).
 *
 * <p>One node at a time: on PostgreSQL the run holds a session-level advisory lock
 * ({@code pg_try_advisory_lock}) on a connection of its own for its whole length; a node that
 * cannot take it skips this run (another node is running it). The lock goes with the session, so
 * a node that dies mid-run does not keep it. On SQLite there is only one server per database
 * file; a flag keeps a second run in this process from overlapping.
 */
@Component
class ScheduledVerification implements VerificationRuns {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledVerification.class);

    /** Advisory lock key: the ASCII of "SRAUDVER" as a 64-bit number, unlikely to meet another application's. */
    static final long LOCK_KEY = 0x5352415544564552L;

    private final AuditVerification verification;
    private final AuditTrail trail;
    private final AuditEntries entries;
    private final VerificationRunLog log;
    private final VerificationAlerts alerts;
    private final DataSource dataSource;
    private final Clock clock;
    private final AtomicBoolean runningHere = new AtomicBoolean();
    private final Executor worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "audit-verify");
        t.setDaemon(true);
        return t;
    });

    ScheduledVerification(AuditVerification verification, AuditTrail trail, AuditEntries entries, VerificationRunLog log,
            VerificationAlerts alerts, DataSource dataSource, Clock clock,
            @Value("${strongroom.audit.verify-schedule:0 41 2 * * *}") String schedule) {
        String cron = schedule.strip();
        if (!cron.equals(Scheduled.CRON_DISABLED) && !CronExpression.isValidExpression(cron)) {
            throw new AuditConfigurationProblem("STRONGROOM_AUDIT_VERIFY_SCHEDULE is not a cron expression (six fields: "
                    + "second minute hour day month weekday, e.g. \"0 41 2 * * *\"), or \"-\" for no scheduled verification.");
        }
        this.verification = verification;
        this.trail = trail;
        this.entries = entries;
        this.log = log;
        this.alerts = alerts;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Scheduled(cron = "${strongroom.audit.verify-schedule:0 41 2 * * *}")
    void onSchedule() {
        // Off the shared scheduler thread: a long verification must not hold up the checkpoint
        // timer or the session clean-up.
        worker.execute(this::runExclusively);
    }

    @Override
    public Optional<VerificationRun> latest() {
        return log.latest();
    }

    /**
     * Runs the verification unless it is already running here or, on PostgreSQL, on another node.
     *
     * @return the finished run, or empty when it was skipped
     */
    Optional<VerificationRun> runExclusively() {
        if (!runningHere.compareAndSet(false, true)) {
            return Optional.empty();
        }
        try {
            return entries.isPostgres() ? underAdvisoryLock() : Optional.of(run());
        } finally {
            runningHere.set(false);
        }
    }

    private Optional<VerificationRun> underAdvisoryLock() {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
            if (!advisory(connection, "SELECT pg_try_advisory_lock(?)")) {
                LOG.info("Scheduled audit verification skipped: another node is running it");
                return Optional.empty();
            }
            try {
                return Optional.of(run());
            } finally {
                advisory(connection, "SELECT pg_advisory_unlock(?)");
            }
        } catch (SQLException e) {
            LOG.warn("Scheduled audit verification could not take its lock: {}", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private static boolean advisory(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, LOCK_KEY);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private VerificationRun run() {
        Instant started = now();
        VerificationRun run;
        try {
            VerificationResult result = verification.verify(n -> { });
            if (result instanceof VerificationResult.Broken broken) {
                run = new VerificationRun(started, now(), VerificationRun.Result.BROKEN, Math.max(0, broken.seq() - 1),
                        broken.seq(), broken.kind());
            } else {
                run = new VerificationRun(started, now(), VerificationRun.Result.INTACT,
                        ((VerificationResult.Intact) result).entries(), null, null);
            }
        } catch (RuntimeException e) {
            LOG.warn("Scheduled audit verification could not complete ({}); it runs again at the next scheduled time",
                    e.getClass().getSimpleName());
            run = new VerificationRun(started, now(), VerificationRun.Result.NOT_COMPLETED, 0, null, null);
        }
        try {
            log.insert(run);
        } catch (RuntimeException e) {
            LOG.warn("The scheduled audit verification's result could not be stored: {}", e.getClass().getSimpleName());
        }
        record(run);
        if (run.broken()) {
            alerts.broken(run);
        } else if (run.outcome() == VerificationRun.Result.INTACT) {
            LOG.info("Scheduled audit verification: {} entries intact", run.entriesChecked());
        }
        return run;
    }

    /** Milliseconds, as stored. */
    private Instant now() {
        return Instant.ofEpochMilli(clock.millis());
    }

    private void record(VerificationRun run) {
        AuditEvent event = switch (run.outcome()) {
            case INTACT -> AuditEvent.of(ActorType.SYSTEM, null, "audit.verify", Outcome.SUCCEEDED);
            case BROKEN -> AuditEvent.of(ActorType.SYSTEM, null, "audit.verify", Outcome.FAILED)
                    .withResource("audit_entry", Long.toString(run.firstBadSeq()))
                    .withReason(run.kind().name().toLowerCase(Locale.ROOT));
            case NOT_COMPLETED -> AuditEvent.of(ActorType.SYSTEM, null, "audit.verify", Outcome.FAILED).withReason("not_completed");
        };
        try {
            trail.recordOnItsOwn(event);
        } catch (RuntimeException e) {
            LOG.warn("The scheduled audit verification could not be recorded in the trail: {}", e.getClass().getSimpleName());
        }
    }
}
