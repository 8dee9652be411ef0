package org.strongroom.clients.web;

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
 * The OpenAPI fragment of the clients API ({@code openapi/clients.json}) describes every endpoint
 * of {@link ClientsApiController} with its method, a summary, a description and its problem
 * answers, and every reference in it resolves (in the fragment or in the frame {@code api.json}).
 */
class ClientsApiDescriptionTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void everyEndpointIsDescribedWithItsProblems() throws Exception {
        JsonNode paths = fragment("clients.json").get("paths");
        List<String> missing = new ArrayList<>();
        for (Method method : ClientsApiController.class.getDeclaredMethods()) {
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
                assertThat(operation.path("summary").asString()).as(verb + " " + path).isNotBlank();
                assertThat(operation.path("description").asString()).as(verb + " " + path).contains("Scope `clients.");
                assertThat(operation.path("responses").has("401")).as(verb + " " + path).isTrue();
                assertThat(operation.path("responses").has("403")).as(verb + " " + path).isTrue();
                if (path.contains("{id}")) {
                    assertThat(operation.path("responses").has("404")).as(verb + " " + path).isTrue();
                }
                if (!verb.equals("get")) {
                    assertThat(operation.path("responses").has("400")).as(verb + " " + path).isTrue();
                    assertThat(operation.path("responses").has("422")).as(verb + " " + path).isTrue();
                }
            }
        }
        assertThat(missing).as("endpoints without a description in openapi/clients.json").isEmpty();
    }

    @Test
    void everyReferenceResolves() throws Exception {
        String text = JSON.writeValueAsString(fragment("clients.json"));
        JsonNode frame = fragment("api.json");
        JsonNode own = fragment("clients.json");
        Matcher ref = Pattern.compile("\"\\$ref\":\"#/components/([A-Za-z]+)/([A-Za-z]+)\"").matcher(text);
        int seen = 0;
        while (ref.find()) {
            seen++;
            boolean found = own.path("components").path(ref.group(1)).has(ref.group(2))
                    || frame.path("components").path(ref.group(1)).has(ref.group(2));
            assertThat(found).as(ref.group()).isTrue();
        }
        assertThat(seen).isGreaterThan(20);
    }

    static JsonNode fragment(String name) throws Exception {
        try (var in = ClientsApiDescriptionTests.class.getResourceAsStream("/openapi/" + name)) {
            return JSON.readTree(in);
        }
    }
}
