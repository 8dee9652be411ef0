package org.strongroom.documents.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMapping;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI fragment of the documents API ({@code openapi/documents.json}) describes every
 * endpoint of {@link DocumentsApiController} with its method, a summary, a description naming its
 * scope, and its problem answers; every reference in it resolves in the fragment or in the frame
 * {@code api.json} (never in another module's fragment, so each can change alone).
 */
class DocumentsApiDescriptionTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void everyEndpointIsDescribedWithItsProblems() throws Exception {
        JsonNode paths = fragment("documents.json").get("paths");
        List<String> missing = new ArrayList<>();
        int described = 0;
        for (Method method : DocumentsApiController.class.getDeclaredMethods()) {
            RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(method, RequestMapping.class);
            if (mapping == null) {
                continue;
            }
            for (String path : mapping.path()) {
                String verb = mapping.method()[0].name().toLowerCase(Locale.ROOT);
                JsonNode operation = paths.path(path).path(verb);
                if (operation.isMissingNode()) {
                    missing.add(verb + " " + path);
                    continue;
                }
                described++;
                String where = verb + " " + path;
                assertThat(operation.path("summary").asString()).as(where).isNotBlank();
                assertThat(operation.path("description").asString()).as(where).contains("Scope `documents.");
                assertThat(operation.path("responses").has("401")).as(where).isTrue();
                assertThat(operation.path("responses").has("403")).as(where).isTrue();
                if (path.contains("{id}")) {
                    assertThat(operation.path("responses").has("404")).as(where).isTrue();
                }
                if (!verb.equals("get")) {
                    assertThat(operation.path("responses").has("400")).as(where).isTrue();
                    assertThat(operation.path("responses").has("422")).as(where).isTrue();
                }
                if (path.endsWith("/content")) {
                    assertThat(operation.path("responses").has("206")).as(where).isTrue();
                    assertThat(operation.path("responses").has("416")).as(where).isTrue();
                }
            }
        }
        assertThat(missing).as("endpoints without a description in openapi/documents.json").isEmpty();
        assertThat(described).isEqualTo(11);
        assertThat(paths.size()).as("no path described that the controller does not map").isEqualTo(8);
    }

    @Test
    void everyReferenceResolves() throws Exception {
        String text = JSON.writeValueAsString(fragment("documents.json"));
        JsonNode frame = fragment("api.json");
        JsonNode own = fragment("documents.json");
        Matcher ref = Pattern.compile("\"\\$ref\":\"#/components/([A-Za-z]+)/([A-Za-z]+)\"").matcher(text);
        int seen = 0;
        while (ref.find()) {
            seen++;
            boolean found = own.path("components").path(ref.group(1)).has(ref.group(2))
                    || frame.path("components").path(ref.group(1)).has(ref.group(2));
            assertThat(found).as(ref.group()).isTrue();
        }
        assertThat(seen).isGreaterThan(50);
    }

    static JsonNode fragment(String name) throws Exception {
        try (var in = DocumentsApiDescriptionTests.class.getResourceAsStream("/openapi/" + name)) {
            return JSON.readTree(in);
        }
    }
}
