package org.strongroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.crypto.ClientKeys;
import org.strongroom.crypto.EncryptionContext;
import org.strongroom.crypto.FieldCipher;
import org.strongroom.crypto.KeyManagement;
import org.strongroom.crypto.SealedRootKeys;
import org.strongroom.crypto.VaultSealed;
import org.strongroom.operations.StrongroomCli;
import org.strongroom.testing.HttpsClient;
import org.strongroom.testing.HttpsClient.Response;
import org.strongroom.testing.TestFolders;

/**
 * The whole server over HTTPS with {@code strongroom.keys.provider=passphrase}: it starts sealed,
 * answers 503 to everything but health, assets and the unseal page, refuses to encrypt or decrypt,
 * refuses wrong secrets, and serves normally once unsealed — with the passphrase or with 3 of 5
 * shares.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {
        "strongroom.data-dir=target/test-data/sealed",
        "strongroom.keys.provider=passphrase"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SealedServerIntegrationTests {

    static final String PASSPHRASE = "granite orchard whistle \u0433\u043e\u0440\u0430 nineteen";
    static final List<String> SHARES;

    static {
        Path folder = TestFolders.fresh("sealed");
        SealedRootKeys.initialise(folder, PASSPHRASE.toCharArray());
        SHARES = SealedRootKeys.split(folder, PASSPHRASE.toCharArray(), 5, 3);
    }

    static final UUID CLIENT = UUID.fromString("6a4f2a8e-3c55-4d0b-9a51-2f7d0c1e9b10");
    static final EncryptionContext CONTEXT = new EncryptionContext("client_profile", CLIENT.toString(), "email");

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    FieldCipher fields;

    @Autowired
    ClientKeys clientKeys;

    @Autowired
    KeyManagement keys;

    HttpsClient http;

    @BeforeEach
    void client() {
        http = new HttpsClient(port, Path.of(environment.getRequiredProperty("strongroom.data-dir"), "tls", "server.crt"));
    }

    @Test
    @Order(1)
    void sealedServerAnswers503ToPagesWithSecurityHeaders() {
        assertThat(keys.isSealed()).isTrue();
        for (String path : List.of("/login", "/", "/setup?token=x", "/no-such-page", "/actuator/env")) {
            Response response = http.get(path);
            FullStackIntegrationTests.assertSecurityHeaders(response, 503);
            assertThat(response.body()).as(path).contains("sealed", "/unseal");
            assertThat(response.header("retry-after")).isEqualTo("60");
        }
        assertThat(http.post("/login", Map.of("email", "a@example.org", "password", "x")).status()).isEqualTo(503);
    }

    /** Attack: reaching a protected page through a path the open-path check might read differently. */
    @Test
    @Order(1)
    void pathTricksDoNotPassTheSealedFilter() {
        for (String path : List.of("/assets/../login", "/unseal/../login", "/actuator/health/../../login", "/unseal/x",
                "/assets/..;/login", "/unseal;jsessionid=x/../login")) {
            assertThat(http.get(path).status()).as(path).isIn(400, 404, 503);
        }
    }

    @Test
    @Order(1)
    void healthAssetsAndTheUnsealPageAnswerWhileSealed() {
        assertThat(http.get("/actuator/health", "application/json").status()).isEqualTo(200);
        assertThat(http.get("/actuator/health/liveness", "application/json").status()).isEqualTo(200);
        assertThat(http.get("/actuator/health/readiness", "application/json").status()).isEqualTo(200);
        assertThat(http.get("/assets/app.css").status()).isEqualTo(200);
        Response page = http.get("/unseal");
        FullStackIntegrationTests.assertSecurityHeaders(page, 200);
        assertThat(page.body()).contains("Unseal Strongroom", "<label for=\"passphrase\"", "<label for=\"share\"",
                "name=\"_csrf\"");
    }

    @Test
    @Order(1)
    void sealedServerRefusesData() {
        assertThatThrownBy(() -> clientKeys.create(CLIENT)).isInstanceOf(VaultSealed.class);
        assertThatThrownBy(() -> fields.encrypt(CLIENT, "olena@example.org".getBytes(StandardCharsets.UTF_8), CONTEXT))
                .isInstanceOf(VaultSealed.class);
        assertThatThrownBy(() -> fields.decrypt(CLIENT, new byte[64], CONTEXT)).isInstanceOf(VaultSealed.class);
    }

    /** Attack: unsealing without CSRF token from another site's form. */
    @Test
    @Order(2)
    void unsealWithoutCsrfTokenIsRefused() {
        assertThat(http.post("/unseal", Map.of("passphrase", PASSPHRASE)).status()).isEqualTo(403);
        assertThat(keys.isSealed()).isTrue();
    }

    /** Attack: guessing the passphrase over HTTP. */
    @Test
    @Order(2)
    void wrongPassphraseIsRefusedAtTheField() {
        Response wrong = http.submit("/unseal", "/unseal", Map.of("passphrase", "granite orchard whistle nineteen"));
        FullStackIntegrationTests.assertSecurityHeaders(wrong, 422);
        assertThat(wrong.body()).contains("id=\"passphrase-error\"", "This passphrase does not open the root key",
                "aria-invalid=\"true\"").doesNotContain("granite");
        assertThat(keys.isSealed()).isTrue();
        assertThat(http.get("/login").status()).isEqualTo(503);
    }

    @Test
    @Order(3)
    void sharesShowProgressAndMistypedOrRepeatedSharesAreToldApart() {
        Response first = http.submit("/unseal", "/unseal", Map.of("share", SHARES.get(0)));
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).contains("1 of 3 shares given.");
        Response repeated = http.submit("/unseal", "/unseal", Map.of("share", SHARES.get(0)));
        assertThat(repeated.status()).isEqualTo(422);
        assertThat(repeated.body()).contains("This share was already given", "1 of 3 shares given.");
        String share = SHARES.get(1);
        Response typo = http.submit("/unseal", "/unseal", Map.of("share", share.substring(0, 30) + share.substring(31)));
        assertThat(typo.status()).isEqualTo(422);
        assertThat(typo.body()).contains("id=\"share-error\"", "This is not a valid share");
        Response second = http.submit("/unseal", "/unseal", Map.of("share", share));
        assertThat(second.body()).contains("2 of 3 shares given.");
        assertThat(new HttpsClient(port, Path.of(environment.getRequiredProperty("strongroom.data-dir"), "tls", "server.crt"))
                .get("/unseal").body()).as("progress is the server's, not the browser's").contains("2 of 3 shares given.");
        assertThat(keys.isSealed()).isTrue();
    }

    @Test
    @Order(4)
    void rightPassphraseUnsealsAndThePagesComeBack() {
        Response unsealed = http.submit("/unseal", "/unseal", Map.of("passphrase", PASSPHRASE));
        assertThat(unsealed.status()).isEqualTo(302);
        assertThat(unsealed.header("location")).endsWith("/unseal?unsealed");
        assertThat(keys.isSealed()).isFalse();
        assertThat(http.get("/unseal?unsealed").body()).contains("The server is unsealed.");
        assertThat(http.get("/login").status()).isEqualTo(200);
        assertThat(http.get("/").status()).isEqualTo(302);

        clientKeys.create(CLIENT);
        byte[] ciphertext = fields.encrypt(CLIENT, "olena@example.org".getBytes(StandardCharsets.UTF_8), CONTEXT);
        assertThat(new String(fields.decrypt(CLIENT, ciphertext, CONTEXT), StandardCharsets.UTF_8)).isEqualTo("olena@example.org");
    }

    @Test
    @Order(5)
    void sealingAgainRefusesDataUntilThreeSharesUnseal() {
        byte[] ciphertext = fields.encrypt(CLIENT, "olena@example.org".getBytes(StandardCharsets.UTF_8), CONTEXT);
        keys.seal();
        assertThat(http.get("/login").status()).isEqualTo(503);
        assertThatThrownBy(() -> fields.decrypt(CLIENT, ciphertext, CONTEXT)).isInstanceOf(VaultSealed.class);

        assertThat(http.submit("/unseal", "/unseal", Map.of("share", SHARES.get(4))).body()).contains("1 of 3 shares given.");
        assertThat(http.submit("/unseal", "/unseal", Map.of("share", SHARES.get(2))).body()).contains("2 of 3 shares given.");
        Response third = http.submit("/unseal", "/unseal", Map.of("share", SHARES.get(3)));
        assertThat(third.status()).isEqualTo(302);
        assertThat(keys.isSealed()).isFalse();
        assertThat(new String(fields.decrypt(CLIENT, ciphertext, CONTEXT), StandardCharsets.UTF_8)).isEqualTo("olena@example.org");
        assertThat(http.get("/login").status()).isEqualTo(200);
    }

    @Test
    @Order(6)
    void unsealCommandTalksToTheRunningServerOverHttps() throws IOException {
        Path folder = Path.of(environment.getRequiredProperty("strongroom.data-dir"));
        Path secrets = Files.createDirectories(folder.getParent().resolve("sealed-cli"));
        Path wrong = Files.writeString(secrets.resolve("wrong.txt"), "granite orchard whistle nineteen\n");
        Path right = Files.writeString(secrets.resolve("right.txt"), PASSPHRASE + "\n");
        Path shares = Files.writeString(secrets.resolve("shares.txt"), SHARES.get(1) + "\n\n" + SHARES.get(0) + "\n" + SHARES.get(3) + "\n");
        keys.seal();

        Cli refused = cli("unseal", "--port=" + port, "--data-dir=" + folder, "--passphrase-file=" + wrong);
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err().lines()).containsExactly("strongroom: refused: This passphrase does not open the root key."
                + " Attempts are counted: after 5 wrong ones, each further attempt has to wait.");
        assertThat(keys.isSealed()).isTrue();

        Cli byShares = cli("unseal", "--shares", "--port=" + port, "--data-dir=" + folder, "--share-file=" + shares);
        assertThat(byShares.code()).as(byShares.err()).isZero();
        assertThat(byShares.out().lines()).containsExactly("Share accepted: 1 of 3 shares given.",
                "Share accepted: 2 of 3 shares given.", "The server is unsealed.");
        assertThat(keys.isSealed()).isFalse();

        keys.seal();
        Cli byPassphrase = cli("unseal", "--port=" + port, "--data-dir=" + folder, "--passphrase-file=" + right);
        assertThat(byPassphrase.code()).as(byPassphrase.err()).isZero();
        assertThat(byPassphrase.out()).contains("The server is unsealed.");
        assertThat(http.get("/login").status()).isEqualTo(200);
    }

    /** Attack: a server impersonating Strongroom on the port, to collect the passphrase. */
    @Test
    @Order(7)
    void unsealCommandSendsNothingToAServerWithAnotherCertificate() throws IOException {
        Path other = Files.createDirectories(Path.of("target/test-data/sealed-cli/other-cert"));
        Path certificate = other.resolve("other.crt");
        Files.writeString(certificate, OTHER_CERTIFICATE);
        Path right = Path.of("target/test-data/sealed-cli/right.txt");
        Cli run = cli("unseal", "--port=" + port, "--certificate=" + certificate, "--passphrase-file=" + right);
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err().lines()).singleElement().asString().contains("did not present the trusted certificate");
    }

    /** A self-signed certificate for localhost whose key is not the server's (made once with openssl, key discarded). */
    static final String OTHER_CERTIFICATE = """
            -----BEGIN CERTIFICATE-----
            MIIBzTCCAXOgAwIBAgIUOwZiY6MfVuvQ5M9kr5BJKZDybHUwCgYIKoZIzj0EAwIw
            LTESMBAGA1UEAwwJbG9jYWxob3N0MRcwFQYDVQQKDA5Ob3QgU3Ryb25ncm9vbTAg
            Fw0yNjExMjkyMTMxMzBaGA8yMTI2MTEwNTIxMzEzMFowLTESMBAGA1UEAwwJbG9j
            YWxob3N0MRcwFQYDVQQKDA5Ob3QgU3Ryb25ncm9vbTBZMBMGByqGSM49AgEGCCqG
            SM49AwEHA0IABK0vyO4NNv0tO3HjAkc4Ni7SDa4KmA9cD7iijkxmDd4SDpnOC5NT
            XvrniFndC880ynPJoaTvd6KeeCLsozTRJsOjbzBtMB0GA1UdDgQWBBTGYHZNO4HK
            ResE7Uj4LvgJjCKqDjAfBgNVHSMEGDAWgBTGYHZNO4HKResE7Uj4LvgJjCKqDjAP
            BgNVHRMBAf8EBTADAQH/MBoGA1UdEQQTMBGCCWxvY2FsaG9zdIcEfwAAATAKBggq
            hkjOPQQDAgNIADBFAiEA+uyIEBn9wFc7Nvctt+PI8SRWbBhLpVBMT2hDJLkM6mQC
            IB4PqRh+DIsp8/KOxU+ifJce+0mOtTCftt0HqkPd+my1
            -----END CERTIFICATE-----
            """;

    record Cli(int code, String out, String err) {
    }

    static Cli cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = StrongroomCli.run(StrongroomApplication.class, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Cli(code, out.toString(), err.toString());
    }
}
