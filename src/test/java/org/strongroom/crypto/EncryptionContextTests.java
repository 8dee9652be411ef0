package org.strongroom.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class EncryptionContextTests {

    static final UUID CLIENT = UUID.fromString("3f2b1c4d-0000-4000-8000-000000000001");

    /** Attack: shifting bytes between parts to make two contexts share associated data. */
    @Test
    void partBoundariesCannotBeShifted() {
        byte[] a = new EncryptionContext("ab", "c", "f").associatedData(CLIENT);
        byte[] b = new EncryptionContext("a", "bc", "f").associatedData(CLIENT);
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void clientIsPartOfTheAssociatedData() {
        EncryptionContext context = new EncryptionContext("client_profile", "r1", "email");
        assertThat(context.associatedData(CLIENT)).isNotEqualTo(context.associatedData(UUID.randomUUID()));
    }

    @Test
    void refusesBlankOrOversizedParts() {
        assertThatThrownBy(() -> new EncryptionContext(" ", "r", "f")).hasMessageContaining("recordType");
        assertThatThrownBy(() -> new EncryptionContext("t", null, "f")).hasMessageContaining("recordId");
        assertThatThrownBy(() -> new EncryptionContext("t", "r", "x".repeat(201))).hasMessageContaining("field");
        assertThatThrownBy(() -> new EncryptionContext("t", "r\0", "f")).hasMessageContaining("NUL");
    }
}
