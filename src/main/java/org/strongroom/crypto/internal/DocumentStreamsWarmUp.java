package org.strongroom.crypto.internal;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;

/**
 * Warms the document encryption path when the server is ready. A cold JVM runs large-buffer
 * AES-GCM at tens of MB/s until the JIT compiles its intrinsic (20–30 s of use); small values do
 * not warm that path. So, on a daemon thread, this encrypts and decrypts 8 MiB rounds under a
 * throwaway key (never a client's; nothing is written anywhere) — first in 64 KiB segments, which
 * reach the compiled fast path about ten times sooner, then in the documents' own 1 MiB
 * segments — until two rounds in a row run at
 * {@value #READY_MB_PER_S} MB/s or more, or {@value #MAX_SECONDS} s have passed. In a JVM that is
 * already warm it stops after two rounds (milliseconds). Switch off with
 * {@code strongroom.documents.warm-up: false}.
 */
@Component
class DocumentStreamsWarmUp {

    static final int READY_MB_PER_S = 600;
    static final int MAX_SECONDS = 90;
    private static final int ROUND = 8 << 20;
    /** The documents' format with 64 KiB segments: the same code path, more calls per byte. */
    private static final com.google.crypto.tink.Parameters SMALL_SEGMENTS = smallSegments();
    private static final Logger log = LoggerFactory.getLogger(DocumentStreamsWarmUp.class);

    private final boolean enabled;
    private final AtomicReference<@Nullable Result> result = new AtomicReference<>();

    DocumentStreamsWarmUp(@Value("${strongroom.documents.warm-up:true}") boolean enabled) {
        this.enabled = enabled;
    }

    /** How the last warm-up went, or null while it runs (or when switched off). */
    @Nullable Result result() {
        return result.get();
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (!enabled) {
            return;
        }
        Thread thread = new Thread(this::run, "document-crypto-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    void run() {
        try {
            TinkSetup.register();
            // Small segments first: the JIT compiles AES-GCM's fast path after enough calls, and a
            // 64 KiB segment is one call where a 1 MiB segment is one too — so 64 KiB segments get
            // there ~10 times sooner (seen: 1 s instead of 10 s on an idle machine, a minute under
            // load). Then the real 1 MiB-segment format, to prove it runs fast too.
            StreamingAead small = KeysetHandle.generateNew(SMALL_SEGMENTS).getPrimitive(RegistryConfiguration.get(), StreamingAead.class);
            StreamingAead real = KeysetHandle.generateNew(TinkClientKeys.STREAM_KEY)
                    .getPrimitive(RegistryConfiguration.get(), StreamingAead.class);
            long began = System.nanoTime();
            long deadline = began + MAX_SECONDS * 1_000_000_000L;
            int[] rounds = {0};
            double rate = until(small, deadline, rounds);
            rate = until(real, deadline, rounds);
            Result done = new Result((System.nanoTime() - began) / 1_000_000, rounds[0], (int) rate);
            result.set(done);
            log.info("Document encryption warmed up in {} ms ({} rounds of 8 MiB, last at {} MB/s)", done.millis(), rounds[0],
                    done.lastMbPerSecond());
        } catch (GeneralSecurityException | java.io.IOException | RuntimeException e) {
            log.warn("Document encryption warm-up did not run ({}); the first uploads may be slow", e.getClass().getSimpleName());
        }
    }

    /** Encrypts and decrypts rounds until two in a row are fast, or the deadline; the last rate. */
    private static double until(StreamingAead aead, long deadline, int[] rounds) throws GeneralSecurityException, java.io.IOException {
        byte[] plaintext = new byte[ROUND];
        byte[] ad = "strongroom/warm-up".getBytes(StandardCharsets.US_ASCII);
        byte[] ciphertext = new byte[ROUND + (ROUND >> 6) + 1024];
        byte[] buffer = new byte[1 << 16];
        int fastRounds = 0;
        double rate = 0;
        while (fastRounds < 2 && System.nanoTime() < deadline) {
            long t0 = System.nanoTime();
            Sink sink = new Sink(ciphertext);
            try (OutputStream out = aead.newEncryptingStream(sink, ad)) {
                out.write(plaintext);
            }
            try (InputStream in = aead.newDecryptingStream(new ByteArrayInputStream(ciphertext, 0, sink.length), ad)) {
                while (in.read(buffer) >= 0) {
                    // decrypt everything
                }
            }
            rate = 2.0 * ROUND / 1e6 / ((System.nanoTime() - t0) / 1e9);
            fastRounds = rate >= READY_MB_PER_S ? fastRounds + 1 : 0;
            rounds[0]++;
        }
        return rate;
    }

    private static com.google.crypto.tink.Parameters smallSegments() {
        try {
            return com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingParameters.builder().setKeySizeBytes(32)
                    .setDerivedAesGcmKeySizeBytes(32).setCiphertextSegmentSizeBytes(64 * 1024)
                    .setHkdfHashType(com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingParameters.HashType.SHA256).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    record Result(long millis, int rounds, int lastMbPerSecond) {
    }

    /** An output stream into a fixed array (the ciphertext of one round). */
    private static final class Sink extends OutputStream {
        private final byte[] target;
        int length;

        Sink(byte[] target) {
            this.target = target;
        }

        @Override
        public void write(int b) {
            target[length++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            System.arraycopy(b, off, target, length, len);
            length += len;
        }
    }
}
