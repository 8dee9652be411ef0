package org.strongroom.documents.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.ContentDisposition;

/** Downloads' {@code Content-Disposition} (made by {@code FileNames}): RFC 6266, and no way for a name to break out of the header. */
class DocumentsApiDispositionTests {

    /** Attack: header injection (response splitting) through a file name carrying CR/LF. */
    @Test
    void namesWithLineBreaksCannotAddHeaders() {
        String value = DocumentsApiController.disposition("report.pdf\r\nSet-Cookie: session=stolen\r\n\r\n<html>");
        assertThat(value).matches("[\\x20-\\x7e]+").startsWith("attachment; filename=\"");
        assertThat(ContentDisposition.parse(value).getFilename()).doesNotContain("\r", "\n");
    }

    @Test
    void givesAnAsciiFallbackAndTheExactUtf8Name() {
        String value = DocumentsApiController.disposition("Довідка про доходи.pdf");
        assertThat(value).matches("[\\x20-\\x7e]+");
        assertThat(ContentDisposition.parse(value).getFilename()).isEqualTo("Довідка про доходи.pdf");
        assertThat(ContentDisposition.parse(value).isAttachment()).isTrue();
    }
}
