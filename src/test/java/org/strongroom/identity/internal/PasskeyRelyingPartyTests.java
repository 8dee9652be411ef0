package org.strongroom.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

/** The RP ID and origin come from the public URL exactly as a browser would see them. */
class PasskeyRelyingPartyTests {

    @Test
    void blankPublicUrlMeansLocalhostOnTheServerPort() {
        PasskeyRelyingParty rp = PasskeyRelyingParty.from("", 8443);
        assertThat(rp.id()).isEqualTo("localhost");
        assertThat(rp.origin()).isEqualTo("https://localhost:8443");
        assertThat(rp.name()).isEqualTo("Strongroom");
    }

    @Test
    void hostBecomesTheRpIdAndTheOriginKeepsANonDefaultPort() {
        PasskeyRelyingParty rp = PasskeyRelyingParty.from("https://Records.Example.ORG:9443/strongroom/", 8443);
        assertThat(rp.id()).isEqualTo("records.example.org");
        assertThat(rp.origin()).isEqualTo("https://records.example.org:9443");
    }

    @Test
    void defaultHttpsPortIsLeftOutOfTheOriginAsBrowsersDo() {
        assertThat(PasskeyRelyingParty.from("https://records.example.org:443", 8443).origin()).isEqualTo("https://records.example.org");
        assertThat(PasskeyRelyingParty.from("https://records.example.org", 8443).origin()).isEqualTo("https://records.example.org");
        assertThat(PasskeyRelyingParty.from(" https://records.example.org./ ", 8443).id()).isEqualTo("records.example.org");
    }

    @Test
    void refusesAPublicUrlThatIsNotHttpsWithAHost() {
        assertThatIllegalArgumentException().isThrownBy(() -> PasskeyRelyingParty.from("http://records.example.org", 8443));
        assertThatIllegalArgumentException().isThrownBy(() -> PasskeyRelyingParty.from("records.example.org", 8443));
        assertThatIllegalArgumentException().isThrownBy(() -> PasskeyRelyingParty.from("https:///path", 8443));
        assertThatIllegalArgumentException().isThrownBy(() -> PasskeyRelyingParty.from("https://exa mple.org", 8443));
    }
}
