package org.strongroom.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.strongroom.access.Actor;
import org.strongroom.crypto.ClientKeys;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffRole;
import org.strongroom.identity.StaffStatus;
import org.strongroom.identity.internal.Accounts;
import org.strongroom.testing.MutableClock;
import org.strongroom.testing.TestFolders;

/**
 * Importing clients against a real database (SQLite here, PostgreSQL in the subclass), real
 * encryption and a real audit trail, with fictitious people only: each format, both modes,
 * duplicates, undo, and the hostile corpus (each file refused with a clear error and nothing
 * changed in the database).
 */
@Import(ClientImportIntegrationTests.Clocks.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "strongroom.data-dir=target/test-data/client-import", "strongroom.audit.checkpoint-poll=1h",
        "strongroom.audit.verify-schedule=-"})
class ClientImportIntegrationTests {

    static {
        TestFolders.fresh("client-import");
    }

    @Autowired
    ClientImports imports;
    @Autowired
    Clients clients;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    ClientKeys keys;

    Actor admin;

    @BeforeEach
    void people() {
        for (String table : List.of("client_search_index", "client_value", "client_value_history", "client", "client_import_job",
                "client_import_problem", "care_team_member")) {
            jdbc.sql("DELETE FROM " + table).update();
        }
        StaffId id = StaffId.random();
        accounts.insert(id, "adam.admin." + id.toString().substring(0, 8) + "@example.org", "Adam Admin", null,
                StaffRole.ADMINISTRATOR, StaffStatus.ACTIVE, clock.instant());
        admin = new Actor.Staff(id, StaffRole.ADMINISTRATOR);
    }

    ImportPreview stage(String text, ImportFormat format) {
        ImportUpload upload = imports.stage(admin, text.getBytes(StandardCharsets.UTF_8), format, ImportEncoding.AUTO);
        assertThat(upload).as("upload").isInstanceOf(ImportUpload.Staged.class);
        return ((ImportUpload.Staged) upload).preview();
    }

    ImportReport run(ImportPreview preview, ImportMode mode, boolean skipDuplicates) {
        return imports.run(admin, preview.token(), new ImportOptions(preview.mapping(), mode, skipDuplicates, ClientStatus.ACTIVE),
                false, (p, d, t) -> { }).orElseThrow();
    }

    long count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }

    List<String> actions() {
        return jdbc.sql("SELECT action FROM audit_entry ORDER BY seq").query(String.class).list();
    }

    static final String CSV = """
            First name,Surname,Email,Phone,Date of birth,Tags
            Olena,Testenko,olena.testenko@example.org,+380 50 000 0001,1985-05-12,friends
            Ivan,Prykladenko,ivan.prykladenko@example.org,050 000 0002,12.03.1990,"a,b"
            """;

    @Test
    void importsAPlainCsvThroughClientsCreateWithTheSuggestedMapping() {
        ImportPreview preview = stage(CSV, ImportFormat.AUTO);
        assertThat(preview.layout()).isEqualTo("csv");
        assertThat(preview.mapping()).isEqualTo(Map.of(0, "given_name", 1, "family_name", 2, "email", 3, "phone", 4, "date_of_birth",
                5, "tags"));
        assertThat(preview.badRows()).isZero();
        ImportReport report = run(preview, ImportMode.ALL_OR_NOTHING, true);
        assertThat(report.state()).isEqualTo("FINISHED");
        assertThat(report.created()).isEqualTo(2);
        assertThat(count("client")).isEqualTo(2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM client WHERE import_id = ?").param(report.id().toString()).query(Long.class).single())
                .isEqualTo(2);
        assertThat(actions()).contains("clients.import_started", "clients.imported", "clients.import_finished");
        assertThat(actions().stream().filter("clients.imported"::equals).count()).isEqualTo(2);
        List<String> phones = jdbc.sql("SELECT id FROM client").query(String.class).list().stream()
                .map(id -> clients.profile(admin, UUID.fromString(id)).values().stream()
                        .filter(v -> v.field().key().equals("phone")).findFirst().orElseThrow().shown())
                .toList();
        assertThat(phones).containsExactlyInAnyOrder("+380500000001", "+380500000002");
    }

    @Test
    void importsGoogleOutlookAndVCardFiles() {
        String google = """
                First Name,Middle Name,Last Name,Nickname,Birthday,Labels,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value
                Maria,,Zrazkova,Masha,1979-02-03,* myContacts ::: Clients,* Home,maria.z@example.org ::: mz@example.org,Mobile,+380500000003
                """;
        ImportPreview g = stage(google, ImportFormat.AUTO);
        assertThat(g.layout()).isEqualTo("google");
        assertThat(run(g, ImportMode.ALL_OR_NOTHING, true).created()).isEqualTo(1);

        String outlook = """
                "Title","First Name","Last Name","Home Phone","Mobile Phone","Birthday","E-mail Address","Categories"
                "","Petro","Vzirtsev","","+380500000004","7/4/1982","petro.v@example.org","Clients;VIP"
                "","Nadia","Primirna","","","0/0/00","nadia.p@example.org",""
                """;
        ImportPreview o = stage(outlook, ImportFormat.AUTO);
        assertThat(o.layout()).isEqualTo("outlook");
        assertThat(o.badRows()).isZero();
        assertThat(run(o, ImportMode.ALL_OR_NOTHING, true).created()).isEqualTo(2);

        String vcard = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Kartkova;Vira;;;\r\nEMAIL:vira.k@example.org\r\nBDAY:1970-10-10\r\nEND:VCARD\r\n"
                + "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Roman Vizytka\r\nTEL;TYPE=cell:+380500000005\r\nEND:VCARD\r\n";
        ImportPreview v = stage(vcard, ImportFormat.AUTO);
        assertThat(v.layout()).isEqualTo("vcard");
        assertThat(run(v, ImportMode.ALL_OR_NOTHING, true).created()).isEqualTo(2);
        assertThat(count("client")).isEqualTo(5);
    }

    static final String WITH_BAD_ROWS = """
            given_name,family_name,email,date_of_birth
            Olena,Testenko,olena.t@example.org,1985-05-12
            Bad,Email,not-an-email,1985-05-12
            ,Nameless,nameless@example.org,
            Ivan,Future,ivan.f@example.org,2999-01-01
            """;

    @Test
    void allOrNothingCreatesNothingWhenARowIsBad() {
        ImportPreview preview = stage(WITH_BAD_ROWS, ImportFormat.CSV);
        assertThat(preview.badRows()).isEqualTo(3);
        assertThat(preview.rows().get(1).cells().get(2).problem()).isEqualTo("clients.value.email");
        ImportReport report = run(preview, ImportMode.ALL_OR_NOTHING, true);
        assertThat(report.state()).isEqualTo("REJECTED");
        assertThat(report.created()).isZero();
        assertThat(count("client")).isZero();
        assertThat(imports.report(admin, report.id()).orElseThrow().problems()).containsExactly(
                new ImportProblem(3, "email", "clients.value.email"),
                new ImportProblem(4, "given_name", "clients.value.required"),
                new ImportProblem(5, "date_of_birth", "clients.value.dateInFuture"));
    }

    @Test
    void skipBadRowsCreatesTheGoodOnesAndReportsTheRestWithoutValues() {
        ImportReport report = run(stage(WITH_BAD_ROWS, ImportFormat.CSV), ImportMode.SKIP_BAD_ROWS, true);
        assertThat(report.state()).isEqualTo("FINISHED");
        assertThat(report.created()).isEqualTo(1);
        assertThat(report.badRows()).isEqualTo(3);
        assertThat(count("client")).isEqualTo(1);
        String stored = jdbc.sql("SELECT field_key || message_key FROM client_import_problem").query(String.class).list().toString();
        assertThat(stored).doesNotContain("not-an-email", "Nameless", "2999");
    }

    @Test
    void flagsDuplicatesOfExistingClientsAndWithinTheFile() {
        run(stage(CSV, ImportFormat.AUTO), ImportMode.ALL_OR_NOTHING, true);
        String again = """
                First name,Surname,Email
                Olena,Testenko,olena.testenko@example.org
                Nova,Osoba,nova.osoba@example.org
                Nova,Osoba,NOVA.osoba@example.org
                """;
        ImportPreview preview = stage(again, ImportFormat.AUTO);
        assertThat(preview.rows().get(0).problems()).contains(new ImportProblem(2, "email", "clientimport.duplicate.existing"));
        assertThat(preview.rows().get(0).duplicateOf()).hasSize(1);
        assertThat(preview.rows().get(2).problems()).contains(new ImportProblem(4, "email", "clientimport.duplicate.inFile"));
        assertThat(preview.rows().get(2).duplicateOf()).containsExactly("#3");
        ImportReport report = run(preview, ImportMode.ALL_OR_NOTHING, true);
        assertThat(report.created()).isEqualTo(1);
        assertThat(report.skippedDuplicates()).isEqualTo(2);
        assertThat(count("client")).isEqualTo(3);
    }

    @Test
    void undoRemovesUntouchedClientsDestroysTheirKeysAndKeepsEditedOnes() {
        ImportReport report = run(stage(CSV, ImportFormat.AUTO), ImportMode.ALL_OR_NOTHING, true);
        List<UUID> ids = jdbc.sql("SELECT id FROM client ORDER BY id").query(String.class).list().stream().map(UUID::fromString).toList();
        ClientProfile edited = clients.profile(admin, ids.get(0));
        clock.advance(java.time.Duration.ofMinutes(1));
        assertThat(clients.update(admin, ids.get(0), edited.version(), Map.of("preferred_name", "Olenka")))
                .isInstanceOf(ClientResult.Done.class);

        assertThat(imports.undo(admin, report.id())).isEqualTo(new ImportUndo.Done(1, 1));
        assertThat(jdbc.sql("SELECT id FROM client").query(String.class).list()).containsExactly(ids.get(0).toString());
        assertThat(keys.state(ids.get(1))).isEqualTo(ClientKeys.State.DESTROYED);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM client_value WHERE client_id = ?").param(ids.get(1).toString()).query(Long.class).single())
                .isZero();
        assertThat(actions()).contains("clients.import_removed", "clients.import_undone");
        assertThat(imports.report(admin, report.id()).orElseThrow().state()).isEqualTo("UNDONE");
        assertThat(imports.undo(admin, report.id())).isEqualTo(new ImportUndo.Refused("clientimport.undo.notPossible"));
    }

    @Test
    void aDryRunWritesNothing() {
        ImportPreview preview = stage(CSV, ImportFormat.AUTO);
        long entries = count("audit_entry");
        ImportReport report = imports.run(admin, preview.token(), new ImportOptions(preview.mapping(), ImportMode.ALL_OR_NOTHING, true,
                ClientStatus.ACTIVE), true, (p, d, t) -> { }).orElseThrow();
        assertThat(report.state()).isEqualTo("DRY_RUN");
        assertThat(count("client")).isZero();
        assertThat(count("client_import_job")).isZero();
        assertThat(count("audit_entry")).isEqualTo(entries);
    }

    @Test
    void flagsFormulasInThePreviewAndStoresThemAsTyped() {
        ImportPreview preview = stage("given_name,family_name,phone\n=1+1,@SUM(A1),+380500000009\n", ImportFormat.CSV);
        assertThat(preview.rows().get(0).cells()).extracting(ImportPreview.Cell::formula).containsExactly(true, true, false);
        run(preview, ImportMode.ALL_OR_NOTHING, true);
        UUID id = UUID.fromString(jdbc.sql("SELECT id FROM client").query(String.class).single());
        assertThat(clients.profile(admin, id).values().stream().filter(v -> v.field().key().equals("given_name")).findFirst()
                .orElseThrow().shown()).isEqualTo("=1+1");
    }

    /** Attack: a staged file is bound to the person who uploaded it; another person's token finds nothing. */
    @Test
    void aStagedFileBelongsToItsUploader() {
        ImportPreview preview = stage(CSV, ImportFormat.AUTO);
        StaffId other = StaffId.random();
        accounts.insert(other, "olha.owner." + other.toString().substring(0, 8) + "@example.org", "Olha Owner", null,
                StaffRole.OWNER, StaffStatus.ACTIVE, clock.instant());
        Actor owner = new Actor.Staff(other, StaffRole.OWNER);
        assertThat(imports.preview(owner, preview.token(), null)).isEmpty();
        assertThat(imports.start(owner, preview.token(), new ImportOptions(Map.of(), ImportMode.ALL_OR_NOTHING, true,
                ClientStatus.ACTIVE))).isEmpty();
    }

    /**
     * Attack: the hostile import corpus — wrong encoding, NULs, 10^6 columns, unclosed quotes, huge
     * lines, broken vCards. Each is refused with a message key, and the database is unchanged.
     */
    @Test
    void theHostileCorpusIsRefusedAndChangesNothing() {
        long entries = count("audit_entry");
        Map<String, byte[]> corpus = new java.util.LinkedHashMap<>();
        corpus.put("clientimport.error.encoding", "given\n\u041e\n".getBytes(java.nio.charset.Charset.forName("windows-1251")));
        corpus.put("clientimport.error.nul", "given,family\nA\0,B\n".getBytes(StandardCharsets.UTF_8));
        corpus.put("clientimport.error.tooManyColumns", ("a" + ",a".repeat(1_000_000) + "\n1\n").getBytes(StandardCharsets.UTF_8));
        corpus.put("clientimport.error.quoteUnclosed", "given,family\n\"Olena,Test\n".getBytes(StandardCharsets.UTF_8));
        corpus.put("clientimport.error.lineTooLong", ("given\n" + "x".repeat(70_000) + "\n").getBytes(StandardCharsets.UTF_8));
        corpus.put("clientimport.error.vcardStructure", "BEGIN:VCARD\nVERSION:3.0\nN:A;B\n".getBytes(StandardCharsets.UTF_8));
        corpus.put("clientimport.error.empty", new byte[0]);
        corpus.forEach((key, bytes) -> {
            ImportUpload upload = imports.stage(admin, bytes, ImportFormat.AUTO, ImportEncoding.AUTO);
            assertThat(upload).as(key).isInstanceOf(ImportUpload.Refused.class);
            assertThat(((ImportUpload.Refused) upload).messageKey()).as(key).isEqualTo(key);
        });
        assertThat(count("client")).isZero();
        assertThat(count("client_import_job")).isZero();
        assertThat(count("audit_entry")).isEqualTo(entries);
    }

    /**
     * A timed driver for docs/benchmarks.md ("Clients: import"): imports N generated fictitious
     * rows and prints rows per second for the check and the create phase. Runs only with
     * {@code -Dstrongroom.bench.import.rows=N} (on PostgreSQL through the subclass).
     */
    @Test
    void measuresImportThroughput() {
        int rows = Integer.getInteger("strongroom.bench.import.rows", 0);
        Assumptions.assumeTrue(rows > 0, "set -Dstrongroom.bench.import.rows=N to run the import benchmark");
        StringBuilder csv = new StringBuilder("given_name,family_name,email,phone,date_of_birth,tags\n");
        for (int i = 0; i < rows; i++) {
            csv.append("Testname").append(i).append(",Prykladenko").append(i % 977).append(",person").append(i)
                    .append("@example.org,+38050").append(String.format(Locale.ROOT, "%07d", i)).append(",19")
                    .append(50 + i % 50).append("-0").append(1 + i % 9).append("-1").append(i % 9).append(",bench\n");
        }
        long[] phaseStart = new long[3];
        long t0 = System.nanoTime();
        ImportUpload upload = imports.stage(admin, csv.toString().getBytes(StandardCharsets.UTF_8), ImportFormat.AUTO, ImportEncoding.AUTO);
        ImportPreview preview = ((ImportUpload.Staged) upload).preview();
        long t1 = System.nanoTime();
        ImportReport report = imports.run(admin, preview.token(), new ImportOptions(preview.mapping(), ImportMode.ALL_OR_NOTHING, true,
                ClientStatus.ACTIVE), false, (phase, done, total) -> {
            if (phase.equals("IMPORTING") && phaseStart[1] == 0) {
                phaseStart[1] = System.nanoTime();
            }
        }).orElseThrow();
        long t2 = System.nanoTime();
        assertThat(report.created()).isEqualTo(rows);
        double stage = (t1 - t0) / 1e9;
        double check = (phaseStart[1] - t1) / 1e9;
        double create = (t2 - phaseStart[1]) / 1e9;
        System.out.printf(Locale.ROOT, "IMPORT-BENCH rows=%d stage+preview=%.2fs check=%.2fs (%.0f rows/s) create=%.2fs (%.0f clients/s) "
                        + "total=%.2fs (%.0f clients/s)%n", rows, stage, check, rows / check, create, rows / create, (t2 - t0) / 1e9,
                rows / ((t2 - t0) / 1e9));
    }

    @Autowired
    org.strongroom.clients.internal.ClientAudit clientAudit;
    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactionManager;

    /**
     * Where the time of one created client goes (for docs/benchmarks.md): N key creations, N audit
     * entries and N {@code Clients.create} calls, each batch in one transaction. Runs only with
     * {@code -Dstrongroom.bench.import.rows=N}.
     */
    @Test
    void measuresTheCostsInsideACreate() {
        int n = Integer.getInteger("strongroom.bench.import.rows", 0);
        Assumptions.assumeTrue(n > 0, "set -Dstrongroom.bench.import.rows=N to run the import benchmark");
        var tx = new org.springframework.transaction.support.TransactionTemplate(transactionManager);
        long t0 = System.nanoTime();
        tx.executeWithoutResult(s -> { for (int i = 0; i < n; i++) { keys.create(UUID.randomUUID()); } });
        long t1 = System.nanoTime();
        tx.executeWithoutResult(s -> { for (int i = 0; i < n; i++) { clientAudit.client(admin, "clients.viewed", UUID.randomUUID(), null); } });
        long t2 = System.nanoTime();
        tx.executeWithoutResult(s -> {
            for (int i = 0; i < n; i++) {
                clients.create(admin, new NewClient(ClientStatus.ACTIVE, Map.of("given_name", "Kost" + i, "family_name", "Vymiriuvach",
                        "email", "kost" + i + "@example.org", "phone", "+38050" + String.format(Locale.ROOT, "%07d", i),
                        "date_of_birth", "1980-01-0" + (1 + i % 9), "tags", "bench"), true), "import", UUID.randomUUID());
            }
        });
        long t3 = System.nanoTime();
        System.out.printf(Locale.ROOT, "CREATE-COSTS n=%d keys.create=%.2f ms each, audit entry=%.2f ms each, Clients.create=%.2f ms each%n",
                n, (t1 - t0) / 1e6 / n, (t2 - t1) / 1e6 / n, (t3 - t2) / 1e6 / n);
    }

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock movableClock() {
            return new MutableClock(Instant.parse("2026-11-30T09:00:00Z"));
        }
    }
}
