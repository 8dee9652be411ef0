package org.strongroom.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.strongroom.identity.ApiController;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /api/v1/openapi.json}: the OpenAPI 3.1 description of the JSON API, assembled once at
 * start from the fragments each module ships under {@code classpath:openapi/} — {@code api.json}
 * (the document's frame: info, security scheme, shared problems) first, then every other file in
 * name order, whose {@code paths} and {@code components} are added. A path, schema or other
 * component described twice stops the server from starting, so two modules cannot silently
 * override each other. Reached with any valid token, like {@code /api/v1/me}.
 */
@ApiController
class ApiDescriptionController {

    static final String LOCATION = "classpath*:openapi/*.json";
    static final String FRAME = "api.json";

    private final byte[] document;

    ApiDescriptionController() {
        this.document = assemble(LOCATION);
    }

    @GetMapping(path = "/api/v1/openapi.json", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> description() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(document);
    }

    static byte[] assemble(String location) {
        JsonMapper json = JsonMapper.builder().build();
        Resource[] fragments;
        try {
            fragments = new PathMatchingResourcePatternResolver().getResources(location);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the API description fragments", e);
        }
        Arrays.sort(fragments, Comparator.comparing((Resource r) -> !FRAME.equals(r.getFilename()))
                .thenComparing(r -> String.valueOf(r.getFilename())));
        if (fragments.length == 0 || !FRAME.equals(fragments[0].getFilename())) {
            throw new IllegalStateException("the API description frame openapi/" + FRAME + " is missing");
        }
        ObjectNode whole = read(json, fragments[0]);
        for (int i = 1; i < fragments.length; i++) {
            ObjectNode part = read(json, fragments[i]);
            String name = fragments[i].getFilename();
            add(whole.withObject("/paths"), part.get("paths"), name + ": path ");
            JsonNode components = part.get("components");
            if (components != null) {
                for (Map.Entry<String, JsonNode> kind : components.properties()) {
                    add(whole.withObject("/components").withObject("/" + kind.getKey()), kind.getValue(),
                            name + ": components." + kind.getKey() + ".");
                }
            }
        }
        return json.writeValueAsBytes(whole);
    }

    private static void add(ObjectNode into, JsonNode entries, String where) {
        if (entries == null) {
            return;
        }
        for (Map.Entry<String, JsonNode> entry : entries.properties()) {
            if (into.has(entry.getKey())) {
                throw new IllegalStateException("the API description has " + where + entry.getKey() + " twice");
            }
            into.set(entry.getKey(), entry.getValue());
        }
    }

    private static ObjectNode read(JsonMapper json, Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return (ObjectNode) json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the API description fragment " + resource.getFilename(), e);
        }
    }
}
