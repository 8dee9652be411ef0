package org.strongroom.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FileNamesTests {

    /** Names an attacker or a careless system might send. */
    static List<String> hostileCorpus() {
        List<String> names = new ArrayList<>(List.of("../../etc/passwd", "..\\..\\Windows\\System32\\config\\SAM",
                "C:\\Users\\Public\\evil.exe", "/absolute/path/report.pdf", "invoice\u202Etxt.exe", "a\u0000b.pdf",
                "a\u0000", "\u0000", "", " ", ".", "..", "...", ". . .", "\u200B\u200B", "\u202E", "x\r\nSet-Cookie: a=b.pdf",
                "\"; filename=evil.exe", "evil.pdf\"; filename*=UTF-8''evil.exe", "a\\\"b.pdf", "50%25.pdf",
                "Договір №5.pdf", "\uD83D\uDCC4 scan \uD83D\uDC4D.jpg", "\uD800lone.pdf", "tab\there.pdf", "line\u2028sep.txt",
                "CON", "con.txt", "LPT1.tar.gz", "nul", "what?.pdf", "a<b>c:d|e*f.doc", "\u0085next\u009Fline.pdf",
                "\u00A0\u00A0nbsp\u00A0.pdf", "\uFEFFbom.txt", "\u00ADsoft.txt", "e\u0301.txt", "\uDB40\uDC41tag.pdf",
                "name.", "name...   ", "   leading.pdf", ".bashrc", "\u0007bell\u007F.txt", "a/", "a\\", "%0d%0a.pdf",
                "x\u061C\u200E\u200F\u2066\u2067\u2068\u2069y.pdf"));
        names.add("a".repeat(10_000) + ".pdf");
        names.add("Я".repeat(10_000) + ".docx");
        names.add("\uD83D\uDE00".repeat(10_000));
        names.add("x." + "e".repeat(300));
        names.add("a".repeat(199) + "\uD83D\uDE00" + ".pdf");
        names.add(".".repeat(10_000));
        names.add("a" + " ".repeat(10_000) + "b.pdf");
        Random random = new Random(8);
        for (int i = 0; i < 200; i++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(40);
            for (int j = 0; j < length; j++) {
                s.append((char) random.nextInt(0x10000));
            }
            names.add(s.toString());
        }
        return names;
    }

    @ParameterizedTest
    @MethodSource("hostileCorpus")
    void displayNameIsSafeForAnyInput(String offered) {
        String name = FileNames.display(offered);

        assertThat(name).isNotEmpty();
        assertThat(name.codePointCount(0, name.length())).isLessThanOrEqualTo(FileNames.MAX_CODE_POINTS);
        assertThat(name).doesNotContain("/", "\\", "<", ">", ":", "\"", "|", "?", "*", "  ");
        assertThat(name).doesNotStartWith(".").doesNotStartWith(" ").doesNotEndWith(".").doesNotEndWith(" ");
        name.codePoints().forEach(c -> {
            int type = Character.getType(c);
            assertThat(type).as("U+%04X", c).isNotIn((int) Character.CONTROL, (int) Character.FORMAT,
                    (int) Character.UNASSIGNED, (int) Character.SURROGATE, (int) Character.LINE_SEPARATOR,
                    (int) Character.PARAGRAPH_SEPARATOR);
            assertThat(c == ' ' || !Character.isWhitespace(c) && !Character.isSpaceChar(c)).as("U+%04X", c).isTrue();
        });
        assertThat(FileNames.display(name)).as("idempotent").isEqualTo(name);
        assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4 * FileNames.MAX_CODE_POINTS);
    }

    /** Header injection: no name can end the header value, add a parameter or start a new header. */
    @ParameterizedTest
    @MethodSource("hostileCorpus")
    void contentDispositionCannotBeInjected(String offered) {
        for (boolean inline : new boolean[] {true, false}) {
            String header = FileNames.contentDisposition(offered, inline);

            assertThat(header.chars()).allMatch(c -> c >= 0x20 && c < 0x7F);
            Matcher matcher = Pattern.compile("(attachment|inline); filename=\"([^\"\\\\]*)\"; filename\\*=UTF-8''([A-Za-z0-9!#$&+\\-.^_`|~%]+)")
                    .matcher(header);
            assertThat(matcher.matches()).as(header).isTrue();
            assertThat(matcher.group(1)).isEqualTo(inline ? "inline" : "attachment");
            assertThat(matcher.group(2)).doesNotContain("%").isNotEmpty();
            assertThat(URLDecoder.decode(matcher.group(3).replace("+", "%2B"), StandardCharsets.UTF_8))
                    .isEqualTo(FileNames.display(offered));
        }
    }

    /** Path traversal: only the last segment of a Unix or Windows path survives. */
    @Test
    void keepsOnlyTheLastPathSegment() {
        assertThat(FileNames.display("../../etc/passwd")).isEqualTo("passwd");
        assertThat(FileNames.display("..\\..\\Windows\\win.ini")).isEqualTo("win.ini");
        assertThat(FileNames.display("C:\\Users\\Public\\scan.pdf")).isEqualTo("scan.pdf");
        assertThat(FileNames.display("folder/")).isEqualTo("document");
        assertThat(FileNames.display("..")).isEqualTo("document");
    }

    /** Extension spoofing with a right-to-left override: the hidden real extension shows as it is. */
    @Test
    void removesBidiControlsSoTheRealExtensionShows() {
        assertThat(FileNames.display("invoice\u202Etxt.exe")).isEqualTo("invoicetxt.exe");
        assertThat(FileNames.display("a\u2066b\u2069\u200E\u200F\u061C.pdf")).isEqualTo("ab.pdf");
    }

    @Test
    void removesControlAndInvisibleCharacters() {
        assertThat(FileNames.display("a\u0000b.pdf")).isEqualTo("ab.pdf");
        assertThat(FileNames.display("zero\u200Bwidth\u200D\uFEFF.txt")).isEqualTo("zerowidth.txt");
        assertThat(FileNames.display("\u0085C1\u009F\u007F.txt")).isEqualTo("C1.txt");
        assertThat(FileNames.display("x\r\ny.pdf")).isEqualTo("x y.pdf");
    }

    @Test
    void replacesCharactersFileSystemsRefuse() {
        assertThat(FileNames.display("what?<really>: \"yes\" | no*.doc")).isEqualTo("what__really__ _yes_ _ no_.doc");
    }

    @Test
    void collapsesWhiteSpaceAndTrimsDotsAndSpaces() {
        assertThat(FileNames.display("  my \t\u00A0 scan  .pdf ")).isEqualTo("my scan .pdf");
        assertThat(FileNames.display("...hidden...")).isEqualTo("hidden");
        assertThat(FileNames.display(". . .")).isEqualTo("document");
    }

    @Test
    void keepsUnicodeNamesInComposedForm() {
        assertThat(FileNames.display("Договір №5.pdf")).isEqualTo("Договір №5.pdf");
        assertThat(FileNames.display("e\u0301tude.pdf")).isEqualTo("\u00E9tude.pdf");
        assertThat(FileNames.display("\uD83D\uDCC4 scan.jpg")).isEqualTo("\uD83D\uDCC4 scan.jpg");
    }

    @Test
    void shortensLongNamesKeepingTheExtension() {
        String name = FileNames.display("a".repeat(10_000) + ".pdf");
        assertThat(name).hasSize(200).endsWith("a.pdf");
        String emoji = FileNames.display("\uD83D\uDE00".repeat(300) + ".jpeg");
        assertThat(emoji.codePointCount(0, emoji.length())).isEqualTo(200);
        assertThat(emoji).endsWith("\uD83D\uDE00.jpeg");
        assertThat(FileNames.display("x." + "e".repeat(300))).hasSize(200);
    }

    @Test
    void fallsBackWhenNothingIsLeft() {
        assertThat(FileNames.display(null)).isEqualTo("document");
        assertThat(FileNames.display("")).isEqualTo("document");
        assertThat(FileNames.display("\u0000\u202E\u200B")).isEqualTo("document");
        assertThat(FileNames.display(".".repeat(10_000))).isEqualTo("document");
    }

    @Test
    void prefixesWindowsDeviceNames() {
        assertThat(FileNames.display("CON")).isEqualTo("_CON");
        assertThat(FileNames.display("nul.tar.gz")).isEqualTo("_nul.tar.gz");
        assertThat(FileNames.display("console.txt")).isEqualTo("console.txt");
    }

    @Test
    void contentDispositionCarriesAsciiFallbackAndUtf8Name() {
        assertThat(FileNames.contentDisposition("report.pdf", false))
                .isEqualTo("attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf");
        assertThat(FileNames.contentDisposition("Договір №5.pdf", true)).isEqualTo("inline; filename=\"document.pdf\"; "
                + "filename*=UTF-8''%D0%94%D0%BE%D0%B3%D0%BE%D0%B2%D1%96%D1%80%20%E2%84%965.pdf");
        assertThat(FileNames.contentDisposition("Report – final 50%.pdf", false))
                .isEqualTo("attachment; filename=\"Report _ final 50_.pdf\"; filename*=UTF-8''Report%20%E2%80%93%20final%2050%25.pdf");
    }

    /** Header injection: a quote and a second filename parameter stay inside the quoted value. */
    @Test
    void contentDispositionKeepsInjectedParametersInsideTheName() {
        assertThat(FileNames.contentDisposition("\"; filename=evil.exe", false))
                .isEqualTo("attachment; filename=\"_; filename=evil.exe\"; filename*=UTF-8''_%3B%20filename%3Devil.exe");
        assertThat(FileNames.contentDisposition("a.pdf\r\nX-Evil: yes", false))
                .doesNotContain("\r", "\n").startsWith("attachment; filename=\"a.pdf X-Evil_ yes\"");
    }
}
