package org.strongroom.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bundle ships in English and Ukrainian with the same keys, so no page falls back half-translated. */
class MessageBundlesTests {

    static Stream<String> bundles() {
        return Stream.of("messages", "i18n/mfa", "i18n/passkeys", "i18n/tokens", "i18n/passwords", "i18n/sessions", "i18n/users", "i18n/auditwatch", "i18n/audit", "i18n/access", "i18n/accesspages", "i18n/accessclient",
                "i18n/clients", "i18n/clientsearch", "i18n/clientmerge", "i18n/clientimport", "i18n/clientpages", "i18n/clientapi",
                "i18n/clientinventory", "i18n/documents", "i18n/documentpages", "i18n/documentapi", "i18n/documentchecks");
    }

    static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessageBundlesTests.class.getResourceAsStream("/" + name)) {
            assertThat(in).as(name).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @ParameterizedTest
    @MethodSource("bundles")
    void englishAndUkrainianHaveTheSameKeys(String bundle) throws IOException {
        Properties en = load(bundle + ".properties");
        Properties uk = load(bundle + "_uk.properties");
        assertThat(uk.stringPropertyNames()).as(bundle).containsExactlyInAnyOrderElementsOf(en.stringPropertyNames());
        uk.forEach((key, value) -> assertThat(value.toString()).as(bundle + ":" + key).isNotBlank());
    }
}
