package org.strongroom.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AuditEventTests {

    /**
     * Attack: log injection — a request id or resource id carrying a newline and a forged second
     * entry, or terminal escape sequences. Every control character ends up percent-encoded.
     */
    @Test
    void controlCharactersInValuesAreEncoded() {
        AuditEvent e = AuditEvent.of(ActorType.ANONYMOUS, null, "signin.failed", Outcome.DENIED)
                .withResource("document", "d-1\n2026-11-30 seq=7 action=export outcome=allowed")
                .withRequest("198.51.100.7\r\n", null, "req\u001b[31m-1\u0000");
        assertThat(e.resourceId()).isEqualTo("d-1%0A2026-11-30%20seq=7%20action=export%20outcome=allowed");
        assertThat(e.sourceAddress()).isEqualTo("198.51.100.7%0D%0A");
        assertThat(e.requestId()).isEqualTo("req%1B%5B31m-1%00");
        assertThat(e.toString()).doesNotContain("\n", "\r", "\u001b", "\u0000");
    }

    @Test
    void nonAsciiAndPercentAreEncodedUnambiguously() {
        AuditEvent e = AuditEvent.of(ActorType.STAFF, "\u0406%41", "client.profile.read", Outcome.ALLOWED);
        assertThat(e.actorId()).isEqualTo("%D0%86%2541");
        assertThat(AuditEvent.of(ActorType.STAFF, "plain-id_1.2:3@x/y+z=~", "a", Outcome.ALLOWED).actorId())
                .isEqualTo("plain-id_1.2:3@x/y+z=~");
    }

    /** Attack: free text (possibly personal data, possibly a forged line) passed where a code belongs. */
    @Test
    void codesThatAreNotMachineCodesAreRefused() {
        assertThatThrownBy(() -> AuditEvent.of(ActorType.STAFF, "s", "read\nforged", Outcome.ALLOWED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("action");
        assertThatThrownBy(() -> AuditEvent.of(ActorType.STAFF, "s", "read", Outcome.DENIED).withReason("Client asked Olena Kovalenko"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reason")
                .hasMessageNotContaining("Olena");
        assertThatThrownBy(() -> AuditEvent.of(ActorType.STAFF, "s", "x".repeat(65), Outcome.ALLOWED))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCanonicalConstructorRefusesRawValues() {
        assertThatThrownBy(() -> new AuditEvent(ActorType.STAFF, "a\nb", "read", null, null, null, Outcome.ALLOWED,
                null, null, null, null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("actorId");
    }

    @Test
    void overlongValuesAreRefused() {
        assertThatThrownBy(() -> AuditEvent.of(ActorType.STAFF, "a".repeat(257), "read", Outcome.ALLOWED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("actorId");
    }
}
