package org.strongroom.identity.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Password hashing and the sign-in provider. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class IdentityConfiguration {

    /** Argon2id salt length in bytes. */
    static final int SALT_BYTES = 16;
    /** Argon2id output length in bytes. */
    static final int HASH_BYTES = 32;
    /** Lanes: OWASP ASVS 5.0 Appendix C pairs 19 MiB / t=2 with p=1. */
    static final int PARALLELISM = 1;
    /** Memory in KiB: 19 MiB, the ASVS minimum (Spring's default, 16 MiB, is below it). */
    static final int MEMORY_KIB = 19 * 1024;
    /** Passes over memory. */
    static final int ITERATIONS = 2;

    @Bean
    PasswordEncoder passwordEncoder() {
        return new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, PARALLELISM, MEMORY_KIB, ITERATIONS);
    }

    @Bean
    AuthenticationProvider staffAuthentication(Accounts accounts, PasswordEncoder passwordEncoder, EnrolledFactors factors) {
        return new StaffAuthentication(accounts, passwordEncoder, factors);
    }
}
