package org.strongroom.clients;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.strongroom.clients.internal.export.ExportCells;

/** The cells of exported files, on their own. */
class ClientExportCellsTests {

    /** Attack: formula injection (OWASP "CSV Injection"): every leading character a spreadsheet reads as a formula. */
    @Test
    void csvCellsStartingLikeAFormulaAreText() {
        assertThat(ExportCells.csv("=1+1")).isEqualTo("'=1+1");
        assertThat(ExportCells.csv("+380501234567")).isEqualTo("'+380501234567");
        assertThat(ExportCells.csv("-5")).isEqualTo("'-5");
        assertThat(ExportCells.csv("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(ExportCells.csv("\t=1")).isEqualTo("\"'\t=1\"");
        assertThat(ExportCells.csv("\r\n=1")).isEqualTo("\"'\r\n=1\"");
        assertThat(ExportCells.csv("a=b")).isEqualTo("a=b");
        assertThat(ExportCells.csv("say \"hi\", then go")).isEqualTo("\"say \"\"hi\"\", then go\"");
        assertThat(ExportCells.csv("a;b")).isEqualTo("\"a;b\"");
        assertThat(ExportCells.csv(null)).isEmpty();
    }

    @Test
    void jsonStringsEscapeQuotesControlsLineSeparatorsAndMarkup() {
        assertThat(ExportCells.json("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(ExportCells.json("line\nnext\r\t\u0000")).isEqualTo("\"line\\nnext\\r\\t\\u0000\"");
        assertThat(ExportCells.json("x\u2028y\u2029z\u0085")).isEqualTo("\"x\\u2028y\\u2029z\\u0085\"");
        assertThat(ExportCells.json("</script>&")).isEqualTo("\"\\u003c/script\\u003e\\u0026\"");
        assertThat(ExportCells.json("Олена")).isEqualTo("\"Олена\"");
        assertThat(ExportCells.json("\ud83d\ude00")).isEqualTo("\"\\ud83d\\ude00\"");
        assertThat(ExportCells.json(null)).isEqualTo("null");
    }
}
