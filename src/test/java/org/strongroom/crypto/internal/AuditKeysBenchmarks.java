package org.strongroom.crypto.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.context.ConfigurableApplicationContext;
import org.strongroom.crypto.AuditKeys;
import org.strongroom.crypto.CheckpointSignatures;

/**
 * The audit keys per call (aim: at least 1 million chain MACs per second per core for a ~200-byte
 * canonical entry, so the chain never limits appends; signatures are per checkpoint, not per entry).
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 3, time = 3)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AuditKeysBenchmarks {

    ConfigurableApplicationContext context;
    AuditKeys keys;
    byte[] entry;
    byte[] checkpoint;
    byte[] signature;
    byte[] publicKey;
    String keyId;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        context = BenchmarkContexts.start();
        keys = context.getBean(AuditKeys.class);
        // previous MAC (32 bytes) followed by a canonical entry, about 200 bytes in all
        byte[] canonical = ("1234567|1764460800000|staff:5f0c8e52-2b7e-4d7a-9a41-0c3b2f6d1e88|client.read|client"
                + "|9a1e7c44-0d5f-4f3b-8e2a-6b7c8d9e0f10|9a1e7c44-0d5f-4f3b-8e2a-6b7c8d9e0f10|allowed||192.0.2.10|3b1f")
                .getBytes(StandardCharsets.UTF_8);
        entry = Arrays.copyOf(new byte[32], 32 + canonical.length);
        System.arraycopy(canonical, 0, entry, 32, canonical.length);
        checkpoint = "checkpoint|1234567|af93c2d1e0b4a5f6|1764460800000".getBytes(StandardCharsets.UTF_8);
        signature = keys.signCheckpoint(checkpoint);
        publicKey = keys.checkpointPublicKey();
        keyId = keys.checkpointKeyId();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        context.close();
    }

    /** One chain link: HMAC-SHA256 of previous MAC ‖ canonical entry. */
    @Benchmark
    public byte[] chainMac() {
        return keys.chainMac(entry);
    }

    /** Signing one checkpoint. */
    @Benchmark
    public byte[] signCheckpoint() {
        return keys.signCheckpoint(checkpoint);
    }

    /** Verifying one checkpoint by key id (the server's verifier). */
    @Benchmark
    public boolean verifyCheckpoint() {
        return keys.verifyCheckpoint(keyId, checkpoint, signature);
    }

    /** Verifying one checkpoint from the raw public key (the offline bundle verifier). */
    @Benchmark
    public boolean verifyCheckpointOffline() {
        return CheckpointSignatures.verify(publicKey, checkpoint, signature);
    }
}
