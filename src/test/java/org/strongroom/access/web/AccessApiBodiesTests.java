package org.strongroom.access.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.web.server.ResponseStatusException;

/** The access API's strict reading of request bodies. */
class AccessApiBodiesTests {

    @Test
    void readsTheRequestRecord() {
        var body = AccessApiBodies.parse(bytes("{\"staffId\":\"a\",\"until\":\"2026-12-01T00:00:00Z\"}"),
                AccessApiController.NewGrantRequest.class);
        assertThat(body.staffId()).isEqualTo("a");
        assertThat(body.until()).isEqualTo("2026-12-01T00:00:00Z");
        assertThat(body.reason()).isNull();
    }

    /** Attack: mass assignment — a property the endpoint does not take (a role, an id from the path) is smuggled in. */
    @Test
    void unknownPropertiesRefuseTheWholeBody() {
        assertRefused("{\"teamRole\":\"LEAD\",\"role\":\"OWNER\"}", 400);
        assertRefused("{\"teamRole\":\"LEAD\",\"staffId\":\"0b6f1c9e-2f4a-4c55-9a10-3d2e1f000001\"}", 400);
        assertRefused("{\"teamRole\":\"LEAD\",\"clientId\":\"0b6f1c9e-2f4a-4c55-9a10-3d2e1f000001\"}", 400);
    }

    /** Attack: parser differentials — duplicate keys, trailing content, type coercion. */
    @Test
    void ambiguousOrCoercedBodiesAreRefused() {
        assertRefused("{\"teamRole\":\"MEMBER\",\"teamRole\":\"LEAD\"}", 400);
        assertRefused("{\"teamRole\":\"LEAD\"} {\"teamRole\":\"MEMBER\"}", 400);
        assertRefused("{\"teamRole\":5}", 400);
        assertRefused("{\"teamRole\":true}", 400);
        assertRefused("{\"teamRole\":[\"LEAD\"]}", 400);
        assertRefused("[]", 400);
        assertRefused("null", 400);
        assertRefused("", 400);
        assertRefused("{\"teamRole\":", 400);
    }

    @Test
    void bodiesOverTheLimitAreTooLarge() {
        String big = "{\"teamRole\":\"" + "A".repeat(AccessApiBodies.MAX_BYTES) + "\"}";
        assertRefused(big, 413);
    }

    @Test
    void refusalsDoNotEchoTheInput() {
        assertThatThrownBy(() -> AccessApiBodies.parse(bytes("{\"secret-marker\":1}"), AccessApiController.TeamRoleRequest.class))
                .isInstanceOf(ResponseStatusException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret-marker"));
    }

    static void assertRefused(String json, int status) {
        assertThatThrownBy(() -> AccessApiBodies.parse(bytes(json), AccessApiController.TeamRoleRequest.class))
                .as(json.length() > 80 ? json.substring(0, 80) : json)
                .isInstanceOf(ResponseStatusException.class)
                .satisfies(e -> assertThat(((ResponseStatusException) e).getStatusCode().value()).isEqualTo(status));
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
