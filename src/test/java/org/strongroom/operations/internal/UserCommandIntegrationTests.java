package org.strongroom.operations.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.strongroom.operations.internal.StrongroomCliTests.Run;
import org.strongroom.testing.TestFolders;

/** {@code strongroom user …} against a data folder, as an operator would use it. */
class UserCommandIntegrationTests {

    @Test
    void invitesListsDisablesEnablesAndResetsWithClearErrors() throws IOException {
        Path folder = TestFolders.fresh("user-cli");
        Files.createDirectories(folder.getParent());
        Path password = folder.getParent().resolve("user-cli-password.txt");
        Files.writeString(password, "cinnamon-lighthouse-drum-44\n");
        String dir = "--data-dir=" + folder;
        assertThat(StrongroomCliTests.run("init", dir, "--owner-email=anna.owner@example.org", "--owner-name=Anna Owner",
                "--owner-password-file=" + password).exitCode()).isZero();

        Run invite = StrongroomCliTests.run("user", "invite", dir, "--email=Bohdan.Staff@example.org", "--name=Bohdan Staff");
        assertThat(invite.exitCode()).as(invite.err()).isZero();
        assertThat(invite.out()).contains("Invited 'Bohdan.Staff@example.org' as STAFF")
                .containsPattern("https://localhost:8443/invitation\\?token=[A-Za-z0-9_-]{43}");

        Run list = StrongroomCliTests.run("user", "list", dir);
        assertThat(list.out()).contains("anna.owner@example.org", "bohdan.staff@example.org", "INVITED", "OWNER");

        Run again = StrongroomCliTests.run("user", "invite", dir, "--email=bohdan.staff@example.org", "--name=Bohdan Staff");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("Someone already has an account with this email address.");

        Run badRole = StrongroomCliTests.run("user", "invite", dir, "--email=c@example.org", "--name=C", "--role=KING");
        assertThat(badRole.exitCode()).isEqualTo(2);
        assertThat(badRole.err().strip()).isEqualTo("strongroom: There is no role with this key. Built-in roles: OWNER, ADMINISTRATOR, PRACTITIONER, STAFF, AUDITOR.");
        Run malformed = StrongroomCliTests.run("user", "invite", dir, "--email=c@example.org", "--name=C", "--role=king of the hill");
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.err().strip()).startsWith("strongroom: --role must be OWNER, ADMINISTRATOR, PRACTITIONER, STAFF, AUDITOR");
        Run practitioner = StrongroomCliTests.run("user", "invite", dir, "--email=d@example.org", "--name=Dmytro Practitioner",
                "--role=practitioner");
        assertThat(practitioner.exitCode()).isZero();
        assertThat(practitioner.out()).contains("as PRACTITIONER");

        assertThat(StrongroomCliTests.run("user", "disable", dir, "bohdan.staff@example.org").out()).contains("Disabled");
        assertThat(StrongroomCliTests.run("user", "list", dir).out()).contains("DISABLED");
        assertThat(StrongroomCliTests.run("user", "enable", dir, "BOHDAN.STAFF@example.org").out()).contains("Enabled");

        Run lastOwner = StrongroomCliTests.run("user", "disable", dir, "anna.owner@example.org");
        assertThat(lastOwner.exitCode()).isEqualTo(1);
        assertThat(lastOwner.err().strip()).isEqualTo("strongroom: This is the last active owner. Make someone else an owner first.");

        Run unknown = StrongroomCliTests.run("user", "reset-mfa", dir, "nobody@example.org");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err().strip()).isEqualTo("strongroom: no account has the email address 'nobody@example.org'.");
        assertThat(StrongroomCliTests.run("user", "reset-mfa", dir, "anna.owner@example.org").exitCode()).isZero();

        Run bare = StrongroomCliTests.run("user");
        assertThat(bare.exitCode()).isEqualTo(2);
        assertThat(StrongroomCliTests.run("user", "--help").out()).contains("invite", "disable", "enable", "reset-mfa", "list");
    }
}
