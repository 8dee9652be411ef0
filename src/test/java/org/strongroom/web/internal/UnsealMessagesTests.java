package org.strongroom.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.strongroom.crypto.UnsealResult.Reason;

/** Every unseal message exists in English and in Ukrainian, translated, and every refusal has one. */
class UnsealMessagesTests {

    static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = UnsealMessagesTests.class.getResourceAsStream("/" + name)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    void unsealMessagesAreTranslated() throws IOException {
        Properties en = load("messages.properties");
        Properties uk = load("messages_uk.properties");
        var keys = en.stringPropertyNames().stream().filter(k -> k.startsWith("unseal.") || k.startsWith("sealed.")).toList();
        assertThat(keys).hasSizeGreaterThan(15);
        for (String key : keys) {
            assertThat(uk.getProperty(key)).as(key).isNotBlank().isNotEqualTo(en.getProperty(key));
            assertThat(uk.getProperty(key)).as(key).containsPattern("[а-яіїєґ]");
        }
    }

    @Test
    void everyRefusalHasAMessage() throws IOException {
        Properties en = load("messages.properties");
        for (Reason reason : Reason.values()) {
            for (String field : new String[] {"passphrase", "share"}) {
                assertThat(en.getProperty(UnsealController.errorCode(reason, field))).as(reason + " " + field).isNotBlank();
            }
        }
    }
}
