package org.strongroom.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The text form of personal access tokens: what scanners match, and what the server refuses without a lookup. */
class TokenFormatTests {

    @Test
    void generatedTokensMatchTheDocumentedPattern() {
        Pattern scanner = Pattern.compile(TokenFormat.PATTERN);
        for (int i = 0; i < 500; i++) {
            String token = TokenFormat.generate();
            assertThat(token).hasSize(TokenFormat.LENGTH).hasSize(55).startsWith("srpat_");
            assertThat(scanner.matcher("export TOKEN=" + token + "\n").find()).as(token).isTrue();
            assertThat(TokenFormat.isWellFormed(token)).as(token).isTrue();
        }
    }

    @Test
    void tokensAreUnique() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(TokenFormat.generate())).isTrue();
        }
    }

    /** Attack: guessing by small edits of a known token; every one-character change breaks the checksum. */
    @Test
    void everySingleCharacterChangeIsDetected() {
        String token = TokenFormat.generate();
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int position = 0; position < token.length(); position++) {
            for (char c : alphabet.toCharArray()) {
                if (c == token.charAt(position)) {
                    continue;
                }
                String changed = token.substring(0, position) + c + token.substring(position + 1);
                assertThat(TokenFormat.isWellFormed(changed)).as(changed).isFalse();
            }
        }
    }

    @Test
    void truncatedExtendedAndForeignTextsAreMalformed() {
        String token = TokenFormat.generate();
        for (int length = 0; length < token.length(); length++) {
            assertThat(TokenFormat.isWellFormed(token.substring(0, length))).isFalse();
        }
        assertThat(TokenFormat.isWellFormed(token + "A")).isFalse();
        assertThat(TokenFormat.isWellFormed(" " + token)).isFalse();
        assertThat(TokenFormat.isWellFormed(null)).isFalse();
        assertThat(TokenFormat.isWellFormed("ghp_" + token.substring(4))).isFalse();
        assertThat(TokenFormat.isWellFormed("SRPAT_" + token.substring(6))).isFalse();
        assertThat(TokenFormat.isWellFormed(token.substring(6))).isFalse();
        assertThat(TokenFormat.isWellFormed("srpat_" + "A".repeat(49))).isFalse();
    }

    @Test
    void checksumIsSixBase62Characters() {
        assertThat(TokenFormat.checksum("srpat_")).matches("[0-9A-Za-z]{6}");
        assertThat(TokenFormat.checksum("")).isEqualTo("000000");
    }
}
