package org.strongroom.crypto.internal;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.context.ConfigurableApplicationContext;
import org.strongroom.crypto.EncryptionContext;
import org.strongroom.crypto.FieldCipher;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

/**
 * Field encryption throughput: raw Tink AEAD vs the field cipher with the client key cached, and
 * the cold path (load and unwrap the client key). Run with {@code bench/jmh.sh}; numbers go to
 * docs/benchmarks.md together with {@link DocumentStreamBenchmarks}.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 4, time = 3)
@Measurement(iterations = 3, time = 3)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FieldCipherBenchmarks {

    static final EncryptionContext CONTEXT = new EncryptionContext("client_profile", "benchmark-record", "notes");

    @Param({"64", "1024", "16384"})
    int size;

    ConfigurableApplicationContext context;
    FieldCipher cipher;
    TinkClientKeys keys;
    KeyVault vault;
    Aead rawAead;
    UUID client;
    byte[] plaintext;
    byte[] rawCiphertext;
    byte[] fieldCiphertext;
    byte[] ad;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        context = BenchmarkContexts.start();
        cipher = context.getBean(FieldCipher.class);
        keys = context.getBean(TinkClientKeys.class);
        vault = context.getBean(KeyVault.class);
        client = UUID.randomUUID();
        keys.create(client);

        rawAead = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM).getPrimitive(RegistryConfiguration.get(), Aead.class);
        plaintext = new byte[size];
        new SecureRandom().nextBytes(plaintext);
        ad = CONTEXT.associatedData(client);
        rawCiphertext = rawAead.encrypt(plaintext, ad);
        fieldCiphertext = cipher.encrypt(client, plaintext, CONTEXT);

    }

    @TearDown(Level.Trial)
    public void tearDown() {
        context.close();
    }

    @Benchmark
    public byte[] rawTinkEncrypt() throws GeneralSecurityException {
        return rawAead.encrypt(plaintext, ad);
    }

    @Benchmark
    public byte[] rawTinkDecrypt() throws GeneralSecurityException {
        return rawAead.decrypt(rawCiphertext, ad);
    }

    @Benchmark
    public byte[] fieldCipherEncrypt() {
        return cipher.encrypt(client, plaintext, CONTEXT);
    }

    @Benchmark
    public byte[] fieldCipherDecrypt() {
        return cipher.decrypt(client, fieldCiphertext, CONTEXT);
    }

    /** Cold path: read the wrapped keys from the database and unwrap them with the root key. */
    @Benchmark
    public Object coldKeyUnwrap() {
        return keys.unwrapMaterial(client, vault.rootAead());
    }

}
