package org.strongroom.crypto.internal;

import java.util.Set;
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
import org.strongroom.crypto.BlindIndexes;
import org.strongroom.crypto.Emails;
import org.strongroom.crypto.IndexedField;

/** Blind index computation per value (aim: at least 1 million per second per core for exact values). */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 3, time = 3)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BlindIndexBenchmarks {

    static final IndexedField EMAIL = IndexedField.exact("email", 1_000_000);
    static final IndexedField NAME = IndexedField.nameTokens("name", 1_000_000);

    ConfigurableApplicationContext context;
    BlindIndexes indexes;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        context = BenchmarkContexts.start();
        indexes = context.getBean(BlindIndexes.class);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        context.close();
    }

    /** An exact index of an already normalised email address. */
    @Benchmark
    public String exactEmailIndex() {
        return indexes.exact(EMAIL, "olena.kovalenko@example.org");
    }

    /** Normalising an email as typed, then indexing it. */
    @Benchmark
    public String normaliseAndIndexEmail() {
        return indexes.exact(EMAIL, Emails.normalise("  Olena.Kovalenko@Example.ORG ").orElseThrow());
    }

    /** Name tokens of a two-part Cyrillic name (transliteration included). */
    @Benchmark
    public Set<String> nameTokenIndexes() {
        return indexes.nameTokens(NAME, "Олена Коваленко");
    }
}
