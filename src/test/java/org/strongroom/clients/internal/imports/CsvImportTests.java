package org.strongroom.clients.internal.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.strongroom.clients.FieldType;

/** The CSV reader, the decoder and the layouts on their own, with fictitious data. */
class CsvImportTests {

    static Table read(String text) {
        return CsvReader.read(TextDecoder.decode(text.getBytes(StandardCharsets.UTF_8), TextDecoder.Choice.AUTO));
    }

    static String refusal(byte[] bytes) {
        try {
            CsvReader.read(TextDecoder.decode(bytes, TextDecoder.Choice.AUTO));
        } catch (FileRefused e) {
            return e.messageKey() + "@" + e.line();
        }
        return "accepted";
    }

    static String refusal(String text) {
        return refusal(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsQuotedFieldsWithSeparatorsQuotesAndLineBreaks() {
        Table t = read("given,family,address\r\nOlena,\"Koval\"\"enko\",\"1 Test St\nKyiv, 01001\"\r\n\r\nIvan,Testenko,\n");
        assertThat(t.headers()).containsExactly("given", "family", "address");
        assertThat(t.rows()).hasSize(2);
        assertThat(t.rows().get(0).cells()).containsExactly("Olena", "Koval\"enko", "1 Test St\nKyiv, 01001");
        assertThat(t.rows().get(0).number()).isEqualTo(2);
        assertThat(t.rows().get(1).number()).isEqualTo(4);
    }

    @Test
    void findsTheSemicolonAndTabSeparators() {
        assertThat(read("a;b\n1;2\n").rows().get(0).cells()).containsExactly("1", "2");
        assertThat(read("a\tb\n1\t2\n").rows().get(0).cells()).containsExactly("1", "2");
    }

    @Test
    void acceptsByteOrderMarksAndUtf16() {
        byte[] utf8Bom = ("\uFEFFgiven,family\nОлена,Коваленко\n").getBytes(StandardCharsets.UTF_8);
        assertThat(CsvReader.read(TextDecoder.decode(utf8Bom, TextDecoder.Choice.AUTO)).headers().get(0)).isEqualTo("given");
        byte[] utf16 = ("\uFEFFgiven,family\nОлена,Коваленко\n").getBytes(StandardCharsets.UTF_16LE);
        assertThat(CsvReader.read(TextDecoder.decode(utf16, TextDecoder.Choice.AUTO)).rows().get(0).cells()[0]).isEqualTo("Олена");
        byte[] cp1251 = "given,family\nОлена,Коваленко\n".getBytes(Charset.forName("windows-1251"));
        assertThat(CsvReader.read(TextDecoder.decode(cp1251, TextDecoder.Choice.WINDOWS_1251)).rows().get(0).cells()[1])
                .isEqualTo("Коваленко");
    }

    /** Attack: a file in another encoding, read as UTF-8, would store mojibake; it is refused instead. */
    @Test
    void refusesInvalidUtf8UnlessTheUserPicksWindows1251() {
        byte[] cp1251 = "given,family\nОлена,Коваленко\n".getBytes(Charset.forName("windows-1251"));
        assertThat(refusal(cp1251)).isEqualTo("clientimport.error.encoding@2");
        assertThat(refusal("given\nOlena\n".getBytes(StandardCharsets.UTF_16LE))).isEqualTo("clientimport.error.encoding@1");
    }

    /** Attack: embedded NULs hide or truncate values in other tools. */
    @Test
    void refusesEmbeddedNuls() {
        assertThat(refusal("given,family\nOle\0na,Test\n")).isEqualTo("clientimport.error.nul@2");
    }

    /** Attack: a quote never closed swallows the rest of the file into one value. */
    @Test
    void refusesAQuoteNeverClosed() {
        assertThat(refusal("given,family\nOlena,\"Test\nIvan,Test\n")).isEqualTo("clientimport.error.quoteUnclosed@2");
        assertThat(refusal("given,family\n\"Olena\"x,Test\n")).isEqualTo("clientimport.error.quoteStray@2");
    }

    /** Attack: 10^6 columns, huge lines, too many rows exhaust memory and time. */
    @Test
    void refusesFilesOverTheLimits() {
        assertThat(refusal("a" + ",a".repeat(1_000_000) + "\n1\n")).isEqualTo("clientimport.error.tooManyColumns@1");
        assertThat(refusal("a\n" + "x".repeat(ImportLimits.MAX_LINE + 10) + "\n")).isEqualTo("clientimport.error.lineTooLong@2");
        assertThat(refusal("a\n" + "1\n".repeat(ImportLimits.MAX_ROWS + 1))).isEqualTo("clientimport.error.tooManyRows@0");
        assertThat(refusal(new byte[ImportLimits.MAX_BYTES + 1])).isEqualTo("clientimport.error.tooLarge@0");
        assertThat(refusal("only,a,header\n")).isEqualTo("clientimport.error.empty@0");
    }

    /** Attack: formula injection — the value is text, never evaluated, kept as typed. */
    @Test
    void keepsFormulasAsText() {
        assertThat(read("given\n=HYPERLINK(\"http://example.org\")\n").rows().get(0).cells()[0])
                .isEqualTo("=HYPERLINK(\"http://example.org\")");
    }

    @Test
    void recognisesGoogleAndOutlookHeadersAndSuggestsTheMapping() {
        Set<String> fields = Set.of("given_name", "family_name", "email", "phone", "date_of_birth", "tags", "address", "preferred_name");
        var google = java.util.List.of("First Name", "Middle Name", "Last Name", "Birthday", "Labels", "E-mail 1 - Label",
                "E-mail 1 - Value", "Phone 1 - Label", "Phone 1 - Value");
        assertThat(Layouts.recognise(google)).isEqualTo(Layouts.Layout.GOOGLE);
        assertThat(Layouts.suggest(Layouts.Layout.GOOGLE, google, fields)).isEqualTo(Map.of(0, "given_name", 2, "family_name",
                3, "date_of_birth", 4, "tags", 6, "email", 8, "phone"));
        var outlook = java.util.List.of("Title", "First Name", "Last Name", "Home Phone", "Mobile Phone", "Birthday", "E-mail Address");
        assertThat(Layouts.recognise(outlook)).isEqualTo(Layouts.Layout.OUTLOOK);
        assertThat(Layouts.suggest(Layouts.Layout.OUTLOOK, outlook, fields)).isEqualTo(Map.of(1, "given_name", 2, "family_name",
                3, "phone", 4, "phone", 5, "date_of_birth", 6, "email"));
        assertThat(Layouts.suggest(Layouts.Layout.CSV, java.util.List.of("Ім'я", "Прізвище", "E-mail", "Date of birth"), fields))
                .isEqualTo(Map.of(0, "given_name", 1, "family_name", 2, "email", 3, "date_of_birth"));
    }

    @Test
    void cleansTheToolsConventions() {
        assertThat(Layouts.clean(Layouts.Layout.GOOGLE, FieldType.EMAIL, "a@example.org ::: b@example.org")).isEqualTo("a@example.org");
        assertThat(Layouts.clean(Layouts.Layout.GOOGLE, FieldType.TAGS, "* myContacts ::: Friends ::: Group A")).isEqualTo("Friends,Group A");
        assertThat(Layouts.clean(Layouts.Layout.OUTLOOK, FieldType.DATE, "5/12/1985")).isEqualTo("1985-05-12");
        assertThat(Layouts.clean(Layouts.Layout.OUTLOOK, FieldType.DATE, "0/0/00")).isEmpty();
        assertThat(Layouts.clean(Layouts.Layout.CSV, FieldType.DATE, "12.05.1985")).isEqualTo("1985-05-12");
        assertThat(Layouts.clean(Layouts.Layout.CSV, FieldType.DATE, "5/12/1985")).isEqualTo("5/12/1985");
    }
}
