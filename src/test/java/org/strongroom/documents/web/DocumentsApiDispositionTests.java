package org.strongroom.documents.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.ContentDisposition;

/** {@code Content-Disposition} of downloads: RFC 6266, and no way for a name to break out of the header. */
class DocumentsApiDispositionTests {

    /** Attack: header injection (response splitting) through a file name carrying CR/LF. */
    @Test
    void namesWithLineBreaksCannotAddHeaders() {
        String value = DocumentsApiDisposition.attachment("report.pdf\r\nSet-Cookie: session=stolen\r\n\r\n<html>");
        assertThat(value).doesNotContain("\r", "\n").startsWith("attachment; filename=\"");
        assertThat(ContentDisposition.parse(value).getFilename()).isEqualTo("report.pdfSet-Cookie: session=stolen<html>");
    }

    @Test
    void givesAnAsciiFallbackAndTheExactUtf8Name() {
        String value = DocumentsApiDisposition.attachment("Довідка \"про\" 100% доходи.pdf");
        assertThat(value).matches("[\\x20-\\x7e]+");
        assertThat(value).contains("filename=\"_______ _____ 100_ ______.pdf\"");
        assertThat(ContentDisposition.parse(value).getFilename()).isEqualTo("Довідка \"про\" 100% доходи.pdf");
        assertThat(ContentDisposition.parse(value).isAttachment()).isTrue();
    }

    @Test
    void anEmptyNameBecomesDocument() {
        assertThat(DocumentsApiDisposition.attachment("\u0000\t ")).isEqualTo("attachment; filename=\"document\"; filename*=UTF-8''document");
    }
}
