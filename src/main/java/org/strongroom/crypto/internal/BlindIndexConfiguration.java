package org.strongroom.crypto.internal;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.strongroom.crypto.BlindIndexes;

/** Wires the system keys and the blind indexes derived from them. */
@Configuration(proxyBeanMethods = false)
class BlindIndexConfiguration {

    @Bean
    SystemKeys systemKeys(KeyVault vault, JdbcClient jdbc, Clock clock, CryptoFailures failures) {
        return new SystemKeys(vault, new SystemKeyStore(jdbc), clock, failures);
    }

    @Bean
    BlindIndexes blindIndexes(SystemKeys systemKeys) {
        return new TinkBlindIndexes(systemKeys);
    }
}
