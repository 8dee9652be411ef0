package org.strongroom.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguageControllerTests {

    @Test
    void returnsToLocalPaths() {
        assertThat(LanguageController.safeReturnPath("/")).isEqualTo("/");
        assertThat(LanguageController.safeReturnPath("/login?signedOut")).isEqualTo("/login?signedOut");
    }

    /** Attack: an open redirect through the language form's return field. */
    @Test
    void refusesEveryWayOffTheSite() {
        for (String hostile : new String[] {"https://evil.example", "//evil.example", "/\\evil.example", "\\\\evil.example",
                "javascript:alert(1)", "/ok\r\nSet-Cookie: x=y", "", "evil", "/" + "a".repeat(600)}) {
            assertThat(LanguageController.safeReturnPath(hostile)).as(hostile).isEqualTo("/");
        }
    }
}
