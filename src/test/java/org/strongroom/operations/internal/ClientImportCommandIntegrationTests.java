package org.strongroom.operations.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.strongroom.operations.internal.StrongroomCliTests.Run;
import org.strongroom.testing.TestFolders;

/**
 * {@code strongroom import clients FILE --as EMAIL} against a data folder made by {@code init},
 * with fictitious people: help, one-line errors, a hostile file, a dry run, a real import.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClientImportCommandIntegrationTests {

    static final String EMAIL = "oksana.importer@example.org";
    static Path folder;
    static Path csv;

    @BeforeAll
    static void owner() throws IOException {
        folder = TestFolders.fresh("import-cli");
        Files.createDirectories(folder.getParent());
        Path password = folder.getParent().resolve("import-cli-password.txt");
        Files.writeString(password, "amber-meadow-compass-29\n");
        Run init = StrongroomCliTests.run("init", "--data-dir=" + folder, "--owner-email=" + EMAIL,
                "--owner-name=Oksana Importer", "--owner-password-file=" + password);
        assertThat(init.exitCode()).as(init.err()).isZero();
        csv = folder.getParent().resolve("import-cli-clients.csv");
        Files.writeString(csv, """
                Ім'я;Прізвище;Email;Телефон
                Олена;Тестенко;olena.testenko@example.org;+380500000001
                Іван;Прикладенко;ivan.prykladenko@example.org;0500000002
                """, StandardCharsets.UTF_8);
    }

    static Run importClients(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "import";
        all[1] = "clients";
        all[2] = "--data-dir=" + folder;
        System.arraycopy(args, 0, all, 3, args.length);
        return StrongroomCliTests.run(all);
    }

    @Test
    @Order(1)
    void helpNamesTheOptions() {
        Run help = StrongroomCliTests.run("import", "clients", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--format", "--mapping", "--skip-bad-rows", "--dry-run", "--as");
    }

    @Test
    @Order(2)
    void badInputIsOneLine() {
        Run format = importClients(csv.toString(), "--as", EMAIL, "--format", "xls");
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.err().lines()).hasSize(1).first().asString().contains("--format must be csv, vcard, google or outlook");
        Run nobody = importClients(csv.toString(), "--as", "nobody@example.org");
        assertThat(nobody.exitCode()).isEqualTo(1);
        assertThat(nobody.err().lines()).containsExactly("strongroom: no active staff account has the email nobody@example.org.");
        Run missing = importClients(folder.resolve("nope.csv").toString(), "--as", EMAIL);
        assertThat(missing.exitCode()).isEqualTo(1);
    }

    /** Attack: a file with a quote never closed is refused in one line, naming the line. */
    @Test
    @Order(3)
    void aHostileFileIsRefusedInOneLine() throws IOException {
        Path bad = folder.getParent().resolve("import-cli-bad.csv");
        Files.writeString(bad, "given_name,family_name\n\"Olena,Test\n", StandardCharsets.UTF_8);
        Run run = importClients(bad.toString(), "--as", EMAIL);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines().filter(l -> l.startsWith("strongroom:")))
                .containsExactly("strongroom: A quoted value that starts on line 2 is never closed");
    }

    @Test
    @Order(4)
    void aDryRunChecksAndWritesNothingThenTheImportCreatesTheClients() {
        Run dry = importClients(csv.toString(), "--as", EMAIL, "--dry-run");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("Read 2 rows (csv)", "Ім'я=given_name", "Checked, nothing written. 2 rows: 0 clients created");
        Run run = importClients(csv.toString(), "--as", EMAIL);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Imported. 2 rows: 2 clients created");
        Run again = importClients(csv.toString(), "--as", EMAIL, "--mapping", "Email=email,1=given_name,2=family_name");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("0 clients created", "2 possible duplicates (2 left out)", "row 2, email: May be a client who already exists");
    }
}
