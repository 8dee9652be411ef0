package org.strongroom.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;

import org.junit.jupiter.api.Test;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffPrincipal;
import org.strongroom.identity.StaffRole;

class SessionConversionTests {

    final ConversionService conversion = SessionsConfiguration.tolerantConversion(getClass().getClassLoader());

    @Test
    void aPrincipalSurvivesTheRoundTripThroughTheSessionTable() {
        StaffPrincipal principal = new StaffPrincipal(StaffId.random(), StaffRole.valueOf("CUSTOM_0A1B2C3D4E"));
        byte[] stored = (byte[]) conversion.convert(principal, TypeDescriptor.valueOf(Object.class), TypeDescriptor.valueOf(byte[].class));
        assertThat(conversion.convert(stored, TypeDescriptor.valueOf(byte[].class), TypeDescriptor.valueOf(Object.class)))
                .isEqualTo(principal);
    }

    /** An attribute written by an older release (here: a class that does not exist now) reads as absent, not as an error. */
    @Test
    void anAttributeThatNoLongerDeserialisesReadsAsAbsent() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new Gone());
        }
        byte[] stored = bytes.toByteArray().clone();
        // Rename the class inside the stream to one that no longer exists.
        String text = new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1).replace("SessionConversionTests$Gone", "SessionConversionTests$Xyzw");
        byte[] renamed = text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(conversion.convert(renamed, TypeDescriptor.valueOf(byte[].class), TypeDescriptor.valueOf(Object.class))).isNull();
        assertThat(conversion.convert(new byte[] {1, 2, 3}, TypeDescriptor.valueOf(byte[].class), TypeDescriptor.valueOf(Object.class)))
                .isNull();
    }

    static final class Gone implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
    }
}
