package org.strongroom.documents.internal.checks;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code zINSTREAM} conversation with clamd: the bytes are sent in chunks as they pass, the
 * verdict is read at the end. Every blocking step (connect, each chunk, the verdict) has the
 * configured timeout: a timer closes the channel when it runs out. A failure never throws; it
 * makes the verdict {@link Verdict#UNAVAILABLE}. Nothing about the content is logged.
 */
final class ClamdSession implements AutoCloseable {

    enum Verdict { CLEAN, INFECTED, UNAVAILABLE }

    private static final Logger log = LoggerFactory.getLogger(ClamdSession.class);
    private static final int MAX_REPLY = 4096;

    private final Duration timeout;
    private final ScheduledExecutorService timer;
    private @Nullable SocketChannel channel;
    private final ByteBuffer length = ByteBuffer.allocate(4);

    private ClamdSession(@Nullable SocketChannel channel, Duration timeout, ScheduledExecutorService timer) {
        this.channel = channel;
        this.timeout = timeout;
        this.timer = timer;
    }

    static ClamdSession open(ClamdAddress address, Duration timeout, ScheduledExecutorService timer) {
        ClamdSession session = new ClamdSession(null, timeout, timer);
        try {
            var target = address.socketAddress();
            SocketChannel channel = target instanceof UnixDomainSocketAddress
                    ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
            session.channel = channel;
            session.guarded(() -> {
                channel.connect(target);
                channel.write(ByteBuffer.wrap("zINSTREAM\0".getBytes(StandardCharsets.US_ASCII)));
                return null;
            });
        } catch (IOException | RuntimeException e) {
            session.fail("connect", e);
        }
        return session;
    }

    boolean connected() {
        return channel != null;
    }

    /** Sends one chunk; a chunk is never longer than clamd's StreamMaxLength guard needs to know. */
    void send(byte[] b, int off, int len) {
        SocketChannel c = channel;
        if (c == null || len == 0) {
            return;
        }
        try {
            guarded(() -> {
                length.clear();
                length.putInt(len).flip();
                ByteBuffer[] buffers = {length, ByteBuffer.wrap(b, off, len)};
                while (buffers[1].hasRemaining()) {
                    c.write(buffers);
                }
                return null;
            });
        } catch (IOException | RuntimeException e) {
            fail("send", e);
        }
    }

    /** Ends the stream and reads clamd's answer. */
    Verdict verdict() {
        SocketChannel c = channel;
        if (c == null) {
            return Verdict.UNAVAILABLE;
        }
        try {
            String reply = guarded(() -> {
                ByteBuffer end = ByteBuffer.allocate(4);
                while (end.hasRemaining()) {
                    c.write(end);
                }
                ByteBuffer in = ByteBuffer.allocate(MAX_REPLY);
                while (in.hasRemaining() && c.read(in) >= 0) {
                    if (in.position() > 0 && in.get(in.position() - 1) == 0) {
                        break;
                    }
                }
                in.flip();
                return StandardCharsets.US_ASCII.decode(in).toString().replace("\0", "").strip();
            });
            close();
            if (reply.endsWith(" FOUND")) {
                return Verdict.INFECTED;
            }
            if (reply.endsWith(": OK")) {
                return Verdict.CLEAN;
            }
            // e.g. "INSTREAM size limit exceeded. ERROR": the scan did not cover the whole file
            log.warn("documents.upload.scannerUnavailable: clamd answered with an error");
            return Verdict.UNAVAILABLE;
        } catch (IOException | RuntimeException e) {
            fail("verdict", e);
            return Verdict.UNAVAILABLE;
        }
    }

    @Override
    public void close() {
        SocketChannel c = channel;
        channel = null;
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                // nothing to release any more
            }
        }
    }

    private void fail(String step, Exception e) {
        log.warn("documents.upload.scannerUnavailable: clamd {} failed ({})", step, e.getClass().getSimpleName());
        close();
    }

    private interface Io<T> {
        T run() throws IOException;
    }

    private <T> T guarded(Io<T> io) throws IOException {
        SocketChannel c = channel;
        ScheduledFuture<?> alarm = timer.schedule(() -> {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (IOException e) {
                // closing is all the alarm does
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            return io.run();
        } finally {
            alarm.cancel(false);
        }
    }
}
