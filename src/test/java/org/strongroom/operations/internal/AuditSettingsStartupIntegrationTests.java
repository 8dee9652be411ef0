package org.strongroom.operations.internal;

import static org.strongroom.operations.internal.StartupFailureIntegrationTests.assertOneClearLine;
import static org.strongroom.operations.internal.StartupFailureIntegrationTests.serve;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.strongroom.testing.TestFolders;

/** Unusable audit settings stop {@code strongroom serve} with one line naming the setting. */
class AuditSettingsStartupIntegrationTests {

    @Test
    void retentionBelowTheLegalMinimumStopsStartUp() {
        Path folder = TestFolders.fresh("startup-audit-retention");
        assertOneClearLine(serve(folder, "--set=strongroom.audit.retention=P5Y"),
                "STRONGROOM_AUDIT_RETENTION) is P5Y, below the organisation's legal minimum P6Y");
    }

    @Test
    void missingSyslogCaFileStopsStartUp() {
        Path folder = TestFolders.fresh("startup-audit-syslog");
        assertOneClearLine(serve(folder, "--set=strongroom.audit.syslog.host=siem.example.org",
                "--set=strongroom.audit.syslog.ca-certificate=" + folder.resolve("siem-ca.pem")), "siem-ca.pem", "does not exist");
    }
}
