package org.strongroom.audit.web;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.strongroom.audit.ActorType;
import org.strongroom.audit.AuditEvent;
import org.strongroom.audit.AuditTrail;
import org.strongroom.audit.AuditVerification;
import org.strongroom.audit.Outcome;
import org.strongroom.audit.VerificationResult;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffPrincipal;

/**
 * Verifications of the whole trail started from the verify page. They run in the background, one
 * at a time: asking while one runs joins it. Each is recorded — {@code audit.verify} with reason
 * {@code started} when it starts, and again when it ends with the outcome (succeeded, reason
 * {@code intact}; failed, reason the kind of break and the first bad sequence number as resource;
 * failed, reason {@code error}, when it could not run to the end).
 */
@Component
class VerificationRuns implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(VerificationRuns.class);

    /** One run: its progress while it goes, its result once done. Read by the page's polling. */
    static final class Run {
        private final StaffId startedBy;
        private final Instant startedAt;
        private final long total;
        private final AtomicLong checked = new AtomicLong();
        private volatile @Nullable VerificationResult result;
        private volatile boolean failed;
        private volatile @Nullable Instant finishedAt;

        Run(StaffId startedBy, Instant startedAt, long total) {
            this.startedBy = startedBy;
            this.startedAt = startedAt;
            this.total = total;
        }

        StaffId startedBy() {
            return startedBy;
        }

        Instant startedAt() {
            return startedAt;
        }

        /** The trail's size when the run started; the progress bar's maximum (at least 1). */
        long total() {
            return Math.max(1, total);
        }

        long checked() {
            return checked.get();
        }

        boolean running() {
            return finishedAt == null;
        }

        @Nullable VerificationResult result() {
            return result;
        }

        /** The run stopped on an error (database unreachable, …) before it reached a verdict. */
        boolean failed() {
            return failed;
        }

        @Nullable Instant finishedAt() {
            return finishedAt;
        }
    }

    private final AuditReaders readers;
    private final AuditVerification verification;
    private final AuditTrail trail;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "audit-verify-page");
        thread.setDaemon(true);
        return thread;
    });
    private @Nullable Run latest;

    VerificationRuns(AuditReaders readers, AuditVerification verification, AuditTrail trail, Clock clock) {
        this.readers = readers;
        this.verification = verification;
        this.trail = trail;
        this.clock = clock;
    }

    /**
     * Starts a verification, or joins the one running. Call outside any transaction.
     *
     * @throws org.strongroom.audit.AuditUnavailable when the start cannot be recorded (nothing runs then)
     */
    synchronized Run start(@Nullable Authentication who) {
        StaffPrincipal reader = readers.require(who);
        if (latest != null && latest.running()) {
            return latest;
        }
        trail.recordOnItsOwn(AuditEvent.of(ActorType.STAFF, reader.id().toString(), "audit.verify", Outcome.SUCCEEDED)
                .withReason("started"));
        Run run = new Run(reader.id(), clock.instant(), verification.approximateSize());
        latest = run;
        worker.execute(() -> verify(run));
        return run;
    }

    /** The running verification, or else the last one since the server started. */
    synchronized @Nullable Run latest(@Nullable Authentication who) {
        readers.require(who);
        return latest;
    }

    private void verify(Run run) {
        try {
            AuditEvent finished;
            try {
                VerificationResult result = verification.verify(run.checked::set);
                if (result instanceof VerificationResult.Broken broken) {
                    run.checked.set(Math.max(0, broken.seq() - 1));
                    finished = finished(run, Outcome.FAILED, broken.kind().name().toLowerCase(Locale.ROOT))
                            .withResource("audit_entry", Long.toString(broken.seq()));
                } else {
                    run.checked.set(((VerificationResult.Intact) result).entries());
                    finished = finished(run, Outcome.SUCCEEDED, "intact");
                }
                run.result = result;
            } catch (RuntimeException e) {
                run.failed = true;
                log.warn("Audit trail verification from the page stopped: {}", e.getClass().getSimpleName());
                finished = finished(run, Outcome.FAILED, "error");
            }
            // Recorded before the page can show the verdict, so whoever reads it finds the entry too.
            try {
                trail.recordOnItsOwn(finished);
            } catch (RuntimeException e) {
                log.warn("The end of an audit trail verification could not be recorded: {}", e.getClass().getSimpleName());
            }
        } finally {
            run.finishedAt = clock.instant();
        }
    }

    private static AuditEvent finished(Run run, Outcome outcome, String reason) {
        return AuditEvent.of(ActorType.STAFF, run.startedBy().toString(), "audit.verify", outcome).withReason(reason);
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}
