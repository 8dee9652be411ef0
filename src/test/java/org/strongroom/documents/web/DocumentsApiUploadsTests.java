package org.strongroom.documents.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.strongroom.access.Sensitivity;
import org.strongroom.documents.DocumentMetadata;

/** How uploads' file names, query strings and metadata are read, before any service is called. */
class DocumentsApiUploadsTests {

    @Test
    void fileNameComesFromEitherFormOfTheHeaderOrTheParameter() {
        Map<String, String> problems = new LinkedHashMap<>();
        assertThat(DocumentsApiUploads.fileName("attachment; filename*=UTF-8''%D0%B4%D0%BE%D0%B2%D1%96%D0%B4%D0%BA%D0%B0.pdf", null, problems))
                .isEqualTo("довідка.pdf");
        assertThat(DocumentsApiUploads.fileName("attachment; filename=\"plain name.pdf\"", null, problems)).isEqualTo("plain name.pdf");
        assertThat(DocumentsApiUploads.fileName("attachment; filename=\"fallback.pdf\"; filename*=UTF-8''real.pdf", null, problems))
                .as("filename* wins (RFC 6266)").isEqualTo("real.pdf");
        assertThat(DocumentsApiUploads.fileName(null, "from-query.txt", problems)).isEqualTo("from-query.txt");
        assertThat(DocumentsApiUploads.fileName("attachment; filename=\"same.txt\"", "same.txt", problems)).isEqualTo("same.txt");
        assertThat(problems).isEmpty();
    }

    @Test
    void aMissingOrContradictoryNameIsAFieldProblem() {
        Map<String, String> problems = new LinkedHashMap<>();
        DocumentsApiUploads.fileName(null, null, problems);
        assertThat(problems).containsEntry("fileName", "documentapi.fileName.required");
        problems.clear();
        DocumentsApiUploads.fileName("attachment; filename=\"a.txt\"", "b.txt", problems);
        assertThat(problems).containsEntry("fileName", "documentapi.fileName.mismatch");
    }

    /** Attack: a request header smuggling a line break or overflowing the parser is refused, not parsed. */
    @Test
    void anUnreadableHeaderIsRefused() {
        for (String header : new String[] {"attachment; filename*=UTF-8''%ZZ", "attachment; filename=\"a\r\nX: y\"",
                "attachment; filename=\"" + "a".repeat(3000) + "\""}) {
            assertThatThrownBy(() -> DocumentsApiUploads.fileName(header, null, new LinkedHashMap<>()))
                    .isInstanceOf(DocumentsApiProblem.Refusal.class);
        }
    }

    @Test
    void queryStringIsDecodedAsUtf8WithRepeats() {
        assertThat(DocumentsApiUploads.query("folder=identity&tags=a+b&tags=%D1%96&title=&flag"))
                .isEqualTo(Map.of("folder", List.of("identity"), "tags", List.of("a b", "і"), "title", List.of(""), "flag", List.of("")));
        assertThatThrownBy(() -> DocumentsApiUploads.query("title=%E2%28")).isInstanceOf(DocumentsApiProblem.Refusal.class);
        assertThatThrownBy(() -> DocumentsApiUploads.query("title=%G1")).isInstanceOf(DocumentsApiProblem.Refusal.class);
    }

    @Test
    void metadataNeedsAFolderAndReadsDatesAndLevelsStrictly() {
        Map<String, String> problems = new LinkedHashMap<>();
        DocumentMetadata made = DocumentsApiUploads.metadata(new DocumentsApiUploads.UploadMetadata("identity", null, "Passport",
                "2026-03-01", List.of("scan"), "RESTRICTED", true), problems);
        assertThat(problems).isEmpty();
        assertThat(made).isEqualTo(new DocumentMetadata("identity", "other", "Passport", java.time.LocalDate.of(2026, 3, 1),
                Sensitivity.RESTRICTED, List.of("scan")));

        DocumentsApiUploads.metadata(new DocumentsApiUploads.UploadMetadata(null, null, null, null, null, null, null), problems);
        assertThat(problems).containsOnlyKeys("folder");
        problems.clear();
        DocumentsApiUploads.metadata(new DocumentsApiUploads.UploadMetadata("other", "letter", null, "01.03.2026", null, "secret", null),
                problems);
        assertThat(problems).containsOnlyKeys("date", "sensitivity");
    }
}
