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
        SystemKeys keys = new SystemKeys(vault, new SystemKeyStore(jdbc), clock, failures);
        vault.onSeal(keys::forget);
        return keys;
    }

    @Bean
    BlindIndexes blindIndexes(SystemKeys systemKeys, KeyVault vault) {
        TinkBlindIndexes indexes = new TinkBlindIndexes(systemKeys);
        vault.onSeal(indexes::forget);
        return indexes;
    }
}
