package org.strongroom.identity.internal;

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
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.strongroom.identity.PasswordRules;

/**
 * The cost of a sign-in's password work with the configured Argon2id parameters
 * ({@link IdentityConfiguration}: m = 19 MiB, t = 2, p = 1): hashing a new password, verifying
 * the right one and a wrong one (the same work, which is what keeps "wrong password" and
 * "no such user" indistinguishable), and the strength check a new password goes through.
 * Run with {@code -t 2} to see two cores side by side.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PasswordHashingBenchmarks {

    static final String PASSWORD = "quiet-harbour-lantern-47";

    PasswordEncoder encoder;
    String hash;

    @Setup(Level.Trial)
    public void setUp() {
        encoder = new IdentityConfiguration().passwordEncoder();
        hash = encoder.encode(PASSWORD);
        PasswordRules.warmUp();
    }

    /** Argon2id of a new password (setup, change, reset). */
    @Benchmark
    public String hash() {
        return encoder.encode(PASSWORD);
    }

    /** Argon2id verification of the right password (every sign-in). */
    @Benchmark
    public boolean verifyRight() {
        return encoder.matches(PASSWORD, hash);
    }

    /** Argon2id verification of a wrong password: must cost the same as the right one. */
    @Benchmark
    public boolean verifyWrong() {
        return encoder.matches("quiet-harbour-lantern-48", hash);
    }

    /** The rules a new password is checked against (dictionaries and nbvcxz estimate). */
    @Benchmark
    public Object strengthCheck() {
        return PasswordRules.check(PASSWORD, "Olena Kovalenko", "olena.kovalenko@example.org");
    }
}
