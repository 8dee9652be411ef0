package org.strongroom.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.strongroom.testing.HttpsClient;
import org.strongroom.testing.HttpsClient.Response;
import org.strongroom.testing.SoftwareAuthenticator;
import org.strongroom.testing.StaffSignIn;
import org.strongroom.testing.TestFolders;

/**
 * Passkeys over real HTTPS on a random port, with no public URL configured: the relying party
 * must be derived at run time as {@code localhost} and {@code https://localhost:<actual port>}.
 * The owner signs in the real way (password and authenticator app), adds a passkey, and then
 * signs in with the passkey alone from another browser.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "strongroom.data-dir=target/test-data/passkeys-full-stack")
class PasskeysFullStackIntegrationTests {

    static {
        TestFolders.fresh("passkeys-full-stack");
    }

    static final String EMAIL = "mariia.bondarenko@example.org";
    static final String PASSWORD = "amber-orchard-whistle-38";
    static final Pattern CSRF_DATA = Pattern.compile("data-csrf-token=\"([^\"]+)\"");

    @LocalServerPort
    int port;
    @Autowired
    OwnerSetup setup;
    @Autowired
    Environment environment;

    @Test
    void addsAPasskeyAndSignsInWithItAloneOnTheDerivedOrigin() {
        assertThat(setup.createOwner(new NewOwner("Mariia Bondarenko", EMAIL, PASSWORD))).isInstanceOf(SetupResult.Created.class);
        HttpsClient owner = client();
        StaffSignIn.signIn(owner, EMAIL, PASSWORD);

        String page = owner.get("/account/passkeys").body();
        String csrf = dataCsrfToken(page);
        Response options = owner.postJson("/webauthn/register/options", "", csrf);
        assertThat(options.status()).isEqualTo(200);
        assertThat(options.body()).contains("\"id\":\"localhost\"");
        SoftwareAuthenticator key = new SoftwareAuthenticator("localhost", "https://localhost:" + port);
        Response registered = owner.postJson("/webauthn/register", key.register(options.body(), "Laptop"), csrf);
        assertThat(registered.status()).isEqualTo(200);
        assertThat(owner.get("/account/passkeys").body()).contains("Laptop");

        HttpsClient elsewhere = client();
        String loginCsrf = HttpsClient.csrfToken(elsewhere.get("/login").body());
        Response requestOptions = elsewhere.postJson("/webauthn/authenticate/options", "", loginCsrf);
        assertThat(requestOptions.status()).isEqualTo(200);
        Response signedIn = elsewhere.postJson("/login/webauthn", key.authenticate(requestOptions.body()), loginCsrf);
        assertThat(signedIn.status()).isEqualTo(200);
        assertThat(elsewhere.get("/").status()).isEqualTo(200);

        /* Attack: the same passkey relayed through a look-alike origin (another port of this host). */
        HttpsClient relayed = client();
        String relayCsrf = HttpsClient.csrfToken(relayed.get("/login").body());
        Response relayOptions = relayed.postJson("/webauthn/authenticate/options", "", relayCsrf);
        key.origin("https://localhost:" + (port + 1));
        assertThat(relayed.postJson("/login/webauthn", key.authenticate(relayOptions.body()), relayCsrf).status()).isEqualTo(401);
        assertThat(relayed.get("/").status()).isEqualTo(302);
    }

    HttpsClient client() {
        return new HttpsClient(port, Path.of(environment.getRequiredProperty("strongroom.data-dir"), "tls", "server.crt"));
    }

    static String dataCsrfToken(String html) {
        Matcher m = CSRF_DATA.matcher(html);
        assertThat(m.find()).as("the page carries a CSRF token for the passkeys script").isTrue();
        return m.group(1);
    }
}
