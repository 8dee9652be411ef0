package org.strongroom.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A timed driver for docs/benchmarks.md ("Clients: import"): imports N generated fictitious rows
 * (name, email, phone, date of birth, tags) and prints rows per second for the check phase and
 * the create phase. Runs only when {@code -Dstrongroom.bench.import.rows=N} is given; the
 * PostgreSQL numbers come from the subclass-free run with {@code -Dstrongroom.bench.import.postgres=true}
 * left to the lead (see the report).
 */
class ClientImportThroughputIntegrationTests extends ClientImportIntegrationTests {

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
}
