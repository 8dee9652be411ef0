package org.strongroom.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Coarse device summaries and address keys. */
class DevicesTests {

    @Test
    void summarisesCommonBrowsers() {
        assertThat(Devices.summarise("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"))
                .isEqualTo(new Devices.Summary("Firefox", "Linux"));
        assertThat(Devices.summarise("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36"))
                .isEqualTo(new Devices.Summary("Chromium", "Linux"));
        assertThat(Devices.summarise("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0"))
                .isEqualTo(new Devices.Summary("Edge", "Windows"));
        assertThat(Devices.summarise("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"))
                .isEqualTo(new Devices.Summary("Safari", "iOS"));
        assertThat(Devices.summarise("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15"))
                .isEqualTo(new Devices.Summary("Safari", "macOS"));
        assertThat(Devices.summarise("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"))
                .isEqualTo(new Devices.Summary("Chrome", "Android"));
    }

    @Test
    void unknownOrMissingAgentsAreOther() {
        assertThat(Devices.summarise(null)).isEqualTo(new Devices.Summary(Devices.OTHER, Devices.OTHER));
        assertThat(Devices.summarise("")).isEqualTo(new Devices.Summary(Devices.OTHER, Devices.OTHER));
        assertThat(Devices.summarise("x".repeat(10_000))).isEqualTo(new Devices.Summary(Devices.OTHER, Devices.OTHER));
    }

    @Test
    void ipv6AddressesAreThrottledByTheirSlash64() {
        assertThat(SignInKeys.addressKey("192.0.2.10")).isEqualTo("192.0.2.10");
        assertThat(SignInKeys.addressKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd"))
                .isEqualTo(SignInKeys.addressKey("2001:db8:1:2::1"))
                .isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(SignInKeys.addressKey("2001:db8:1:3::1")).isNotEqualTo(SignInKeys.addressKey("2001:db8:1:2::1"));
        assertThat(SignInKeys.addressKey(null)).isEqualTo("unknown");
    }

    @Test
    void emailsAreNormalisedBeforeKeying() {
        assertThat(SignInKeys.normaliseEmail("  Olena.Kovalenko@Example.ORG ")).isEqualTo("olena.kovalenko@example.org");
        assertThat(SignInKeys.normaliseEmail(null)).isEmpty();
    }
}
