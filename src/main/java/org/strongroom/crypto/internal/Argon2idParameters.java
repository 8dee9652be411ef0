package org.strongroom.crypto.internal;

/**
 * Argon2id cost parameters as stored in a sealed key file's header. A file is only opened when its
 * parameters lie between {@link #MINIMUM} and the upper bounds: a tampered header can neither
 * weaken the derivation (making offline guessing cheap) nor make the server spend gigabytes on it.
 *
 * @param memoryKiB   memory in KiB (at least 64 MiB)
 * @param iterations  passes over memory (at least 3)
 * @param parallelism lanes (at least 1)
 */
record Argon2idParameters(int memoryKiB, int iterations, int parallelism) {

    /** OWASP-ASVS-level floor the brief demands: m = 64 MiB, t = 3, p = 1. */
    static final Argon2idParameters MINIMUM = new Argon2idParameters(64 * 1024, 3, 1);
    /** What new files are written with. */
    static final Argon2idParameters DEFAULT = MINIMUM;

    static final int MAX_MEMORY_KIB = 1024 * 1024;
    static final int MAX_ITERATIONS = 32;
    static final int MAX_PARALLELISM = 8;

    /** Whether a file with these parameters may be opened (and a new file written with them). */
    boolean acceptable() {
        return memoryKiB >= MINIMUM.memoryKiB && memoryKiB <= MAX_MEMORY_KIB
                && iterations >= MINIMUM.iterations && iterations <= MAX_ITERATIONS
                && parallelism >= MINIMUM.parallelism && parallelism <= MAX_PARALLELISM;
    }
}
