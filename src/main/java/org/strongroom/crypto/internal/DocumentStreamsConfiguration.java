package org.strongroom.crypto.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.strongroom.crypto.DocumentStreams;

/** Wires the document streams onto the client keys (kept apart from {@link CryptoConfiguration}). */
@Configuration(proxyBeanMethods = false)
class DocumentStreamsConfiguration {

    @Bean
    DocumentStreams documentStreams(TinkClientKeys keys, CryptoFailures failures) {
        return new TinkDocumentStreams(keys, failures);
    }
}
