package org.strongroom.audit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocket;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.strongroom.audit.AuditConfigurationProblem;
import org.strongroom.audit.AuditForwarding;
import org.strongroom.audit.ForwardingStatus;

/**
 * Sends every signed checkpoint to a syslog/SIEM server as one RFC 5424 message over TLS (RFC
 * 5425 framing), when {@code strongroom.audit.syslog.host} is set (decided at run time).
 *
 * <p>Never in an append's way: {@link #forward} only puts the message into a bounded queue
 * ({@code queue-size}, default 1000); when the queue is full the oldest waiting checkpoint is
 * dropped, since each later checkpoint vouches for every entry before it. One background thread
 * connects, sends, and on any failure reconnects with exponential backoff ({@code retry-initial}
 * doubling up to {@code retry-max}), keeping the unsent message at the head of the queue.
 *
 * <p>Not persisted: what is still queued when the server stops is lost, but the checkpoints table
 * and {@code checkpoints.jsonl} remain the record, and at every start the newest stored checkpoint
 * is sent again (it covers all earlier ones). Syslog over TLS has no acknowledgement: a message
 * written just before the server drops the connection can be lost; the next checkpoint covers it.
 *
 * <p>Falling behind is logged at WARN when it starts and then at most every {@code warn-every}
 * (default 15 minutes) while it lasts, and at INFO when it is over.
 */
@Component
class SyslogForwarder implements AuditForwarding, SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(SyslogForwarder.class);

    private record Waiting(long seq, byte[] frame) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final String host;
    private final int port;
    private final boolean enabled;
    private final @Nullable SyslogMessages messages;
    private final @Nullable SyslogTls tls;
    private final Duration timeout;
    private final Duration retryInitial;
    private final Duration retryMax;
    private final Duration warnEvery;
    private final LinkedBlockingDeque<Waiting> queue;

    private final Object lock = new Object();
    private volatile boolean running;
    private volatile @Nullable Thread sender;
    private volatile @Nullable SSLSocket socket;

    // state shown by status(); guarded by lock
    private long lastSentSeq;
    private @Nullable Instant lastSentAt;
    private long dropped;
    private @Nullable String lastError;
    private @Nullable Instant lastErrorAt;
    private boolean failing;
    /** The sender has taken a message off the queue and not yet sent it or given up on it. */
    private boolean sending;
    private @Nullable Instant lastWarning;

    SyslogForwarder(JdbcClient jdbc, Clock clock,
            @Value("${strongroom.audit.syslog.host:}") String host,
            @Value("${strongroom.audit.syslog.port:6514}") int port,
            @Value("${strongroom.audit.syslog.ca-certificate:}") String caCertificate,
            @Value("${strongroom.audit.syslog.client-certificate:}") String clientCertificate,
            @Value("${strongroom.audit.syslog.client-key:}") String clientKey,
            @Value("${strongroom.audit.syslog.app-name:strongroom}") String appName,
            @Value("${strongroom.audit.syslog.hostname:}") String hostname,
            @Value("${strongroom.audit.syslog.facility:authpriv}") String facility,
            @Value("${strongroom.audit.syslog.enterprise-number:32473}") long enterpriseNumber,
            @Value("${strongroom.audit.syslog.queue-size:1000}") int queueSize,
            @Value("${strongroom.audit.syslog.timeout:10s}") Duration timeout,
            @Value("${strongroom.audit.syslog.retry-initial:1s}") Duration retryInitial,
            @Value("${strongroom.audit.syslog.retry-max:1m}") Duration retryMax,
            @Value("${strongroom.audit.syslog.warn-every:15m}") Duration warnEvery,
            @Value("${strongroom.audit.checkpoints:true}") boolean checkpoints) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.host = host.strip();
        this.port = port;
        // Tools that only read the trail (checkpoints=false) make no checkpoints to send.
        this.enabled = !this.host.isEmpty() && checkpoints;
        this.timeout = timeout;
        this.retryInitial = retryInitial;
        this.retryMax = retryMax;
        this.warnEvery = warnEvery;
        this.queue = new LinkedBlockingDeque<>(Math.max(1, queueSize));
        if (!enabled) {
            this.messages = null;
            this.tls = null;
            return;
        }
        if (port < 1 || port > 65535) {
            throw new AuditConfigurationProblem("STRONGROOM_AUDIT_SYSLOG_PORT must be 1–65535.");
        }
        if (queueSize < 1) {
            throw new AuditConfigurationProblem("STRONGROOM_AUDIT_SYSLOG_QUEUE_SIZE must be at least 1.");
        }
        int facilityCode;
        try {
            facilityCode = SyslogMessages.facility(facility);
        } catch (IllegalArgumentException e) {
            throw new AuditConfigurationProblem("STRONGROOM_AUDIT_SYSLOG_FACILITY must be a syslog facility name "
                    + "(authpriv, auth, audit, local0 … local7) or a number 0–23.");
        }
        try {
            this.messages = new SyslogMessages(facilityCode, hostname.isBlank() ? thisHost() : hostname.strip(), appName,
                    Long.toString(ProcessHandle.current().pid()), enterpriseNumber);
        } catch (IllegalArgumentException e) {
            throw new AuditConfigurationProblem("the syslog " + e.getMessage()
                    + " (STRONGROOM_AUDIT_SYSLOG_HOSTNAME, STRONGROOM_AUDIT_SYSLOG_APP_NAME).");
        }
        this.tls = SyslogTls.create(path(caCertificate), path(clientCertificate), path(clientKey));
    }

    /** Queues a committed checkpoint for sending; returns at once and never throws. */
    void forward(Checkpoint checkpoint) {
        if (!enabled || messages == null) {
            return;
        }
        try {
            Waiting waiting = new Waiting(checkpoint.seq(), SyslogMessages.frame(messages.message(checkpoint)));
            synchronized (lock) {
                while (!queue.offerLast(waiting)) {
                    if (queue.pollFirst() != null) {
                        dropped++;
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Audit checkpoint {} not queued for the syslog server: {}", checkpoint.seq(), e.getClass().getSimpleName());
        }
    }

    @Override
    public ForwardingStatus status() {
        if (!enabled) {
            return ForwardingStatus.disabled();
        }
        synchronized (lock) {
            return new ForwardingStatus(true, host + ":" + port, lastSentSeq, lastSentAt, queue.size(), dropped, lastError,
                    lastErrorAt, failing && !queue.isEmpty());
        }
    }

    private void run() {
        long backoff = retryInitial.toMillis();
        while (running) {
            Waiting next;
            try {
                next = queue.pollFirst(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                break;
            }
            if (next == null) {
                continue;
            }
            synchronized (lock) {
                sending = true;
            }
            try {
                send(next);
                backoff = retryInitial.toMillis();
                succeeded(next);
            } catch (IOException | RuntimeException e) {
                closeSocket();
                synchronized (lock) {
                    if (!queue.offerFirst(next)) {
                        dropped++;
                    }
                }
                failed(e);
                if (!pause(backoff)) {
                    break;
                }
                backoff = Math.min(backoff * 2, Math.max(retryMax.toMillis(), 1));
            }
        }
        closeSocket();
    }

    /** Waits out a retry's backoff, or less when the forwarder stops; false when it stopped. */
    private boolean pause(long millis) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (lock) {
            while (running) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return true;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    return false;
                }
            }
            return false;
        }
    }

    private void send(Waiting message) throws IOException {
        SSLSocket open = socket;
        if (open != null && peerClosed(open)) {
            closeSocket();
            open = null;
        }
        if (open == null) {
            open = Objects.requireNonNull(tls, "tls").connect(host, port, timeout);
            socket = open;
        }
        OutputStream out = open.getOutputStream();
        out.write(message.frame());
        out.flush();
    }

    /**
     * Whether the server has closed the connection. A syslog server never sends application data,
     * so a short read that times out means the connection is still open; end of stream, data or an
     * error means it is not. Catches a server restart before a message is written into the void.
     */
    private boolean peerClosed(SSLSocket open) {
        try {
            open.setSoTimeout(1);
            InputStream in = open.getInputStream();
            in.read();
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        } finally {
            try {
                open.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            } catch (IOException ignored) {
                // the next write fails and reconnects
            }
        }
    }

    private void succeeded(Waiting sent) {
        boolean recovered;
        int backlog;
        synchronized (lock) {
            lastSentSeq = sent.seq();
            lastSentAt = clock.instant();
            recovered = failing;
            failing = false;
            sending = false;
            backlog = queue.size();
            lock.notifyAll();
        }
        if (recovered) {
            LOG.info("Audit checkpoints reach the syslog server {}:{} again; {} waiting", host, port, backlog);
        }
    }

    private void failed(Exception e) {
        Instant now = clock.instant();
        String error = describe(e);
        boolean warn;
        int backlog;
        long lost;
        synchronized (lock) {
            lastError = error;
            lastErrorAt = now;
            warn = !failing || lastWarning == null || !now.isBefore(lastWarning.plus(warnEvery));
            failing = true;
            sending = false;
            if (warn) {
                lastWarning = now;
            }
            backlog = queue.size();
            lost = dropped;
            lock.notifyAll();
        }
        if (warn) {
            LOG.warn("Audit checkpoints are not reaching the syslog server {}:{} ({}); {} waiting, {} dropped; retrying",
                    host, port, error, backlog, lost);
        }
    }

    /** Type and first line of the message, at most 200 characters: TLS and socket errors carry no secret. */
    static String describe(Throwable e) {
        String message = e.getMessage() == null ? "" : e.getMessage().strip().lines().findFirst().orElse("");
        String line = e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
        StringBuilder clean = new StringBuilder(line.length());
        line.codePoints().filter(cp -> cp >= 0x20 && cp != 0x7f).forEach(clean::appendCodePoint);
        return clean.length() > 200 ? clean.substring(0, 200) + "…" : clean.toString();
    }

    private void closeSocket() {
        SSLSocket open = socket;
        socket = null;
        if (open != null) {
            try {
                open.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    @Override
    public void start() {
        if (!enabled || running) {
            return;
        }
        running = true;
        latestStored().ifPresent(this::forward);
        Thread thread = new Thread(this::run, "audit-syslog");
        thread.setDaemon(true);
        sender = thread;
        thread.start();
    }

    /**
     * Gives the sender a moment (at most 2 s) to send what is queued, including the stop-time
     * checkpoint, when the server is reachable; then ends it.
     */
    @Override
    public void stop() {
        if (!running) {
            return;
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        synchronized (lock) {
            // Woken by every send and every failure; waits while something is queued or on its way.
            while ((sending || !queue.isEmpty()) && !failing) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            running = false;
            lock.notifyAll();
        }
        Thread thread = sender;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeSocket();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Below the Checkpointer's phase: started before it and stopped after it, so the
        // checkpoint made when the server stops is still sent.
        return SmartLifecycle.DEFAULT_PHASE - 8192;
    }

    private Optional<Checkpoint> latestStored() {
        try {
            return jdbc.sql("""
                    SELECT seq, head_mac, created_at, key_id, signature
                    FROM audit_checkpoint
                    WHERE seq = (SELECT MAX(seq) FROM audit_checkpoint)
                    """)
                    .query((rs, n) -> new Checkpoint(rs.getLong(1), rs.getBytes(2), rs.getLong(3), rs.getString(4), rs.getBytes(5)))
                    .optional();
        } catch (RuntimeException e) {
            LOG.warn("Could not read the newest audit checkpoint to send it again: {}", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private static @Nullable Path path(String value) {
        return value.isBlank() ? null : Path.of(value.strip());
    }

    private static String thisHost() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name != null && name.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,253}[A-Za-z0-9])?") ? name : "-";
        } catch (UnknownHostException e) {
            return "-";
        }
    }
}
