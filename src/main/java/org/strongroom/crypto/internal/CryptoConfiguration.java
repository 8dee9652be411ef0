package org.strongroom.crypto.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.strongroom.crypto.ClientKeys;
import org.strongroom.crypto.CryptoConfigurationProblem;
import org.strongroom.crypto.CryptoFailureListener;
import org.strongroom.crypto.FieldCipher;
import org.strongroom.crypto.KeyManagement;
import org.strongroom.crypto.Unsealing;

/** Wires the crypto module: the root key provider, the vault, client keys and the ciphers. */
@Configuration(proxyBeanMethods = false)
class CryptoConfiguration {

    @Bean
    RootKeyProvider rootKeyProvider(List<RootKeyProviderFactory> factories, Environment environment) {
        String provider = environment.getProperty("strongroom.keys.provider", "file").strip();
        Path keys = Path.of(environment.getRequiredProperty("strongroom.data-dir")).resolve("keys");
        return factories.stream()
                .filter(f -> f.name().equals(provider))
                .findFirst()
                .orElseThrow(() -> new CryptoConfigurationProblem("unknown key provider '" + provider
                        + "' in STRONGROOM_KEYS_PROVIDER; use one of "
                        + factories.stream().map(RootKeyProviderFactory::name).sorted().toList() + "."))
                .create(keys, environment);
    }

    @Bean
    ClientKeyCache clientKeyCache(@Value("${strongroom.keys.cache.max-clients:10000}") long maxClients,
                                  @Value("${strongroom.keys.cache.max-age:10m}") Duration maxAge) {
        return new ClientKeyCache(maxClients, maxAge);
    }

    @Bean
    KeyVault keyVault(RootKeyProvider provider, ClientKeyCache cache) {
        return new KeyVault(provider, cache);
    }

    @Bean
    CryptoFailures cryptoFailures(ObjectProvider<CryptoFailureListener> listeners) {
        return new CryptoFailures(listeners.orderedStream().toList());
    }

    @Bean
    TinkClientKeys clientKeys(KeyVault vault, ClientKeyCache cache, JdbcClient jdbc, DataSource dataSource,
                              PlatformTransactionManager transactionManager, Clock clock, CryptoFailures failures) {
        return new TinkClientKeys(vault, new ClientKeyStore(jdbc), cache, new TransactionTemplate(transactionManager),
                jdbc, dataSource, clock, failures);
    }

    @Bean
    FieldCipher fieldCipher(TinkClientKeys keys, CryptoFailures failures) {
        return new TinkFieldCipher(keys, failures);
    }

    @Bean
    Unsealing unsealing(KeyVault vault, RootKeyProvider provider, Clock clock, CryptoFailures failures,
                        ApplicationEventPublisher events) {
        return new VaultUnsealing(vault, provider, clock, failures, events::publishEvent);
    }

    @Bean
    KeyManagement keyManagement(KeyVault vault, TinkClientKeys keys, ClientKeyCache cache, SystemKeys systemKeys,
                                ApplicationEventPublisher events) {
        return new TinkKeyManagement(vault, keys, cache, systemKeys, events::publishEvent);
    }
}
