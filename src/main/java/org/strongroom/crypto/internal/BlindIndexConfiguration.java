package org.strongroom.crypto.internal;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.strongroom.crypto.AuditKeys;
import org.strongroom.crypto.BlindIndexes;
import org.strongroom.crypto.SecretBox;

/** Wires the system keys and what is built on them: blind indexes, the secret box and the audit keys. */
@Configuration(proxyBeanMethods = false)
class BlindIndexConfiguration {

    @Bean
    SystemKeys systemKeys(KeyVault vault, JdbcClient jdbc, Clock clock, CryptoFailures failures) {
        SystemKeys keys = new SystemKeys(vault, new SystemKeyStore(jdbc), clock, failures);
        vault.onSeal(keys::forget);
        return keys;
    }

    @Bean
    SecretBox secretBox(SystemKeys systemKeys, CryptoFailures failures) {
        return new TinkSecretBox(systemKeys, failures);
    }

    @Bean
    BlindIndexes blindIndexes(SystemKeys systemKeys, KeyVault vault) {
        TinkBlindIndexes indexes = new TinkBlindIndexes(systemKeys);
        vault.onSeal(indexes::forget);
        return indexes;
    }

    @Bean
    AuditKeys auditKeys(SystemKeys systemKeys, KeyVault vault) {
        TinkAuditKeys keys = new TinkAuditKeys(systemKeys);
        vault.onSeal(keys::forget);
        return keys;
    }
}
