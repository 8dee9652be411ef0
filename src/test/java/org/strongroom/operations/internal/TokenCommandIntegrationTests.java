package org.strongroom.operations.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.strongroom.identity.ApiScope;
import org.strongroom.identity.internal.TokenFormat;
import org.strongroom.operations.internal.StrongroomCliTests.Run;
import org.strongroom.testing.TestFolders;

/**
 * {@code strongroom token create|list|revoke} against a data folder, also while a server holds
 * it. Each run starts its own (non-web) Spring context, as the real command does.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TokenCommandIntegrationTests {

    static final String EMAIL = "oksana.lysenko@example.org";
    static Path folder;
    static String tokenId;

    @BeforeAll
    static void owner() throws IOException {
        folder = TestFolders.fresh("token-cli");
        Files.createDirectories(folder.getParent());
        Path password = folder.getParent().resolve("token-cli-password.txt");
        Files.writeString(password, "amber-meadow-compass-29\n");
        Run init = StrongroomCliTests.run("init", "--data-dir=" + folder, "--owner-email=" + EMAIL,
                "--owner-name=Oksana Lysenko", "--owner-password-file=" + password);
        assertThat(init.exitCode()).as(init.err()).isZero();
    }

    @Test
    @Order(1)
    void createPrintsTheTokenAloneOnStandardOutput() {
        Run run = token("create", "--user", "Oksana.Lysenko@Example.org", "--scopes", "clients.read,audit.read",
                "--expires", "30d", "--label", "Nightly export");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).singleElement().satisfies(line -> {
            assertThat(Pattern.compile(TokenFormat.PATTERN).matcher(line).matches()).as(line).isTrue();
            assertThat(TokenFormat.isWellFormed(line)).isTrue();
        });
        assertThat(run.err()).contains("Created token ", "with scopes audit.read,clients.read", "shown only this once")
                .doesNotContain(run.out().strip());
        tokenId = run.err().replaceAll("(?s).*Created token ([0-9a-f-]{36}).*", "$1");
        assertThat(tokenId).matches("[0-9a-f-]{36}");
    }

    @Test
    @Order(2)
    void listShowsTheTokenWithoutItsSecret() {
        Run all = token("list");
        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(all.out()).contains("ID", "STATUS", tokenId, "ACTIVE", "never", "audit.read,clients.read", "Nightly export")
                .doesNotContain("srpat_");
        Run mine = token("list", "--user", EMAIL);
        assertThat(mine.exitCode()).isZero();
        assertThat(mine.out()).contains(tokenId);
    }

    /** The server holds the data folder's lock while it runs; token commands must work beside it. */
    @Test
    @Order(3)
    void worksWhileTheServerHoldsTheDataFolder() {
        DataFolderLock.acquire(folder);
        try {
            Run list = token("list");
            assertThat(list.exitCode()).as(list.err()).isZero();
            assertThat(list.out()).contains(tokenId);
        } finally {
            DataFolderLock.release(folder);
        }
    }

    @Test
    @Order(4)
    void revokeIsImmediateAndIdempotent() {
        Run revoke = token("revoke", tokenId);
        assertThat(revoke.exitCode()).as(revoke.err()).isZero();
        assertThat(revoke.out()).isEqualTo("Token " + tokenId + " revoked." + System.lineSeparator());
        assertThat(token("list").out()).contains("REVOKED");
        Run again = token("revoke", tokenId);
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("already revoked");
        Run unknown = token("revoke", "00000000-0000-0000-0000-000000000000");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err().lines()).containsExactly("strongroom: no token has the id 00000000-0000-0000-0000-000000000000.");
    }

    @Test
    @Order(5)
    void badInputIsOneLineAndExitsNonZero() {
        Run scope = token("create", "--user", EMAIL, "--scopes", "clients.read,clients.delete", "--expires", "30d");
        assertThat(scope.exitCode()).isEqualTo(2);
        assertThat(scope.err().lines()).containsExactly(
                "strongroom: unknown scope 'clients.delete'; known scopes: " + ApiScope.knownValues() + ".");

        Run tooLong = token("create", "--user", EMAIL, "--scopes", "clients.read", "--expires", "400d");
        assertThat(tooLong.exitCode()).isEqualTo(2);
        assertThat(tooLong.err().lines()).containsExactly("strongroom: A token can be valid for at most 366 days.");

        Run nonsense = token("create", "--user", EMAIL, "--scopes", "clients.read", "--expires", "soon");
        assertThat(nonsense.exitCode()).isEqualTo(2);
        assertThat(nonsense.err().lines()).hasSize(1);
        assertThat(nonsense.err()).startsWith("strongroom: --expires must be a lifetime such as 30d");

        Run nobody = token("create", "--user", "nobody@example.org", "--scopes", "clients.read", "--expires", "12h");
        assertThat(nobody.exitCode()).isEqualTo(1);
        assertThat(nobody.err().lines()).containsExactly("strongroom: no staff account has the email nobody@example.org.");

        Run badId = token("revoke", "not-a-token-id");
        assertThat(badId.exitCode()).isEqualTo(2);
        assertThat(badId.err().lines()).hasSize(1);

        Run missing = StrongroomCliTests.run("token", "create", "--user", EMAIL);
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err().lines()).hasSize(1);
        assertThat(missing.err()).contains("--scopes", "--expires");

        Run bare = StrongroomCliTests.run("token");
        assertThat(bare.exitCode()).isEqualTo(2);
        assertThat(bare.err().lines()).hasSize(1);
    }

    @Test
    void everyTokenCommandHasHelpAndCreateListsEveryScope() {
        for (String command : new String[] {"token", "token create", "token list", "token revoke"}) {
            Run run = StrongroomCliTests.run((command + " --help").split(" "));
            assertThat(run.exitCode()).as(command).isZero();
            assertThat(run.out()).as(command).contains("Usage: strongroom " + command);
        }
        assertThat(StrongroomCliTests.run("token", "create", "--help").out().replaceAll("\\s+", " ")).contains(ApiScope.knownValues());
        assertThat(StrongroomCliTests.run("--help").out()).contains("token");
    }

    private static Run token(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "token";
        System.arraycopy(args, 0, all, 1, args.length);
        all[all.length - 1] = "--data-dir=" + folder;
        return StrongroomCliTests.run(all);
    }
}
