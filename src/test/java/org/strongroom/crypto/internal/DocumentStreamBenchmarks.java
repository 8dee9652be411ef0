package org.strongroom.crypto.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

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
import org.strongroom.crypto.DocumentContext;
import org.strongroom.crypto.DocumentStreams;

/**
 * Document stream throughput on 1 MiB segments (a 16 MiB document per operation: multiply ops/s
 * by 16 MiB for bytes/s), next to raw JDK AES-256-GCM over one 1 MiB buffer on the same machine.
 * Warm-up is long on purpose: large-buffer AES-GCM runs ~60x slower until the JIT compiles its
 * intrinsic (see STACK.md).
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 6, time = 5)
@Measurement(iterations = 3, time = 5)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DocumentStreamBenchmarks {

    static final int SEGMENT = 1 << 20;
    static final int DOCUMENT = 16 * SEGMENT;

    ConfigurableApplicationContext context;
    TinkClientKeys keys;
    DocumentStreams streams;
    UUID client;
    DocumentContext documentContext;
    byte[] document;
    byte[] encryptedDocument;
    SecretKeySpec jdkKey;
    byte[] jdkCiphertext;
    byte[] iv = new byte[12];

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        context = BenchmarkContexts.start();
        keys = context.getBean(TinkClientKeys.class);
        client = UUID.randomUUID();
        keys.create(client);
        streams = context.getBean(DocumentStreams.class);
        documentContext = new DocumentContext(UUID.randomUUID(), 1);
        document = new byte[DOCUMENT];
        new SecureRandom().nextBytes(document);
        encryptedDocument = encryptDocument();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        jdkKey = new SecretKeySpec(key, "AES");
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, jdkKey, new GCMParameterSpec(128, iv));
        jdkCiphertext = gcm.doFinal(document, 0, SEGMENT);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        context.close();
    }

    /** Streams a 16 MiB document through encryption; throughput in documents/s (× 16 MiB = bytes/s). */
    @Benchmark
    public byte[] documentStreamEncrypt16MiB() throws Exception {
        return encryptDocument();
    }

    @Benchmark
    public long documentStreamDecrypt16MiB() throws Exception {
        try (InputStream in = streams.decrypting(client, documentContext, new ByteArrayInputStream(encryptedDocument))) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
            }
            return total;
        }
    }

    /** Raw JDK AES-256-GCM over one 1 MiB segment (ops/s × 1 MiB = bytes/s). */
    @Benchmark
    public byte[] rawJdkAesGcm1MiBEncrypt() throws Exception {
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        iv[0]++;
        gcm.init(Cipher.ENCRYPT_MODE, jdkKey, new GCMParameterSpec(128, iv));
        return gcm.doFinal(document, 0, SEGMENT);
    }

    @Benchmark
    public byte[] rawJdkAesGcm1MiBDecrypt() throws Exception {
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, jdkKey, new GCMParameterSpec(128, new byte[12]));
        return gcm.doFinal(jdkCiphertext);
    }

    private byte[] encryptDocument() throws GeneralSecurityException, IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream(DOCUMENT + DOCUMENT / 1000 + 1024);
        try (OutputStream out = streams.encrypting(client, documentContext, sink)) {
            for (int offset = 0; offset < DOCUMENT; offset += 64 * 1024) {
                out.write(document, offset, 64 * 1024);
            }
        }
        return sink.toByteArray();
    }
}
