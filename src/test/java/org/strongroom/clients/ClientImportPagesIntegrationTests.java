package org.strongroom.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.strongroom.identity.NewOwner;
import org.strongroom.identity.OwnerSetup;
import org.strongroom.identity.SetupResult;
import org.strongroom.testing.HttpsClient;
import org.strongroom.testing.HttpsClient.Response;
import org.strongroom.testing.StaffSignIn;
import org.strongroom.testing.TestFolders;

/**
 * The import pages over real HTTPS, signed in as the owner: upload (the raw body the page's script
 * sends, with the CSRF header), columns and preview, start, progress, report, undo; and a hostile
 * file answered with a clear error and nothing stored.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {"strongroom.data-dir=target/test-data/client-import-pages",
        "strongroom.audit.checkpoint-poll=1h", "strongroom.audit.verify-schedule=-"})
class ClientImportPagesIntegrationTests {

    static final String EMAIL = "halyna.importer@example.org";
    static final String PASSWORD = "amber-meadow-kettle-51";

    static {
        TestFolders.fresh("client-import-pages");
    }

    @LocalServerPort
    int port;
    @Autowired
    Environment environment;
    @Autowired
    OwnerSetup setup;
    @Autowired
    JdbcClient jdbc;

    HttpsClient signedIn() {
        if (!setup.ownerExists()) {
            assertThat(setup.createOwner(new NewOwner("Halyna Importer", EMAIL, PASSWORD))).isInstanceOf(SetupResult.Created.class);
        }
        HttpsClient http = new HttpsClient(port, Path.of(environment.getRequiredProperty("strongroom.data-dir"), "tls", "server.crt"));
        StaffSignIn.signIn(http, EMAIL, PASSWORD);
        return http;
    }

    long clients() {
        return jdbc.sql("SELECT COUNT(*) FROM client").query(Long.class).single();
    }

    @Test
    void uploadsMapsImportsShowsTheReportAndUndoes() throws Exception {
        HttpsClient http = signedIn();
        Response start = http.get("/clients/import");
        assertThat(start.status()).isEqualTo(200);
        assertThat(start.body()).contains("client-import.js", "data-csrf-token");
        String token = HttpsClient.csrfToken(start.body());

        /* Attack: a quote never closed — refused with a clear message, nothing kept. */
        Response hostile = http.postJson("/clients/import/upload?format=auto", "given_name\n\"Olena\n", token);
        assertThat(hostile.status()).isEqualTo(422);
        assertThat(hostile.body()).contains("never closed");
        long before = clients();

        String csv = "First name,Surname,Email,Date of birth\nOlena,Storinka,olena.storinka@example.org,1985-05-12\n"
                + "Ivan,Storinka,not-an-email,1990-01-01\n";
        Response upload = http.postJson("/clients/import/upload?format=auto", csv, token);
        assertThat(upload.status()).as(upload.body()).isEqualTo(200);
        Matcher location = Pattern.compile("\"location\":\"([^\"]+)\"").matcher(upload.body());
        assertThat(location.find()).isTrue();
        Response mapping = http.get(location.group(1));
        assertThat(mapping.status()).isEqualTo(200);
        assertThat(mapping.body()).contains("Olena", "olena.storinka@example.org", "field-error");

        Map<String, String> form = new LinkedHashMap<>();
        form.put("column0", "given_name");
        form.put("column1", "family_name");
        form.put("column2", "email");
        form.put("column3", "date_of_birth");
        form.put("mode", "SKIP_BAD_ROWS");
        form.put("skipDuplicates", "on");
        form.put("status", "ACTIVE");
        form.put("action", "start");
        form.put("_csrf", HttpsClient.csrfToken(mapping.body()));
        Response started = http.post(location.group(1), form);
        assertThat(started.status()).isEqualTo(302);
        String report = started.header("Location");
        assertThat(report).matches(".*/clients/import/[0-9a-f-]{36}");
        String path = report.replaceFirst("^https://[^/]+", "");

        for (int i = 0; i < 100; i++) {
            Response progress = http.get(path + "/progress", "application/json");
            assertThat(progress.status()).isEqualTo(200);
            if (!progress.body().contains("\"CHECKING\"") && !progress.body().contains("\"IMPORTING\"")) {
                break;
            }
            Thread.sleep(200);
        }
        Response shown = http.get(path);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.body()).contains("Finished", "1 client created", "Undo this import").doesNotContain("not-an-email");
        assertThat(clients()).isEqualTo(before + 1);

        Map<String, String> undo = Map.of("_csrf", HttpsClient.csrfToken(shown.body()));
        Response undone = http.post(path + "/undo", undo);
        assertThat(undone.status()).isEqualTo(302);
        assertThat(http.get(path).body()).contains("Undone");
        assertThat(clients()).isEqualTo(before);
    }
}
