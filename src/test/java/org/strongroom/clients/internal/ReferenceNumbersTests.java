package org.strongroom.clients.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.strongroom.clients.ClientsConfigurationProblem;

/** The reference-number format is checked when the server starts, with one clear line. */
class ReferenceNumbersTests {

    @ParameterizedTest
    @ValueSource(strings = {"C-{yyyy}-{seq:5}", "{yy}/{seq:4}", "CL{seq:6}", "K.{yyyy}.{seq:3}"})
    void usableFormatsAreAccepted(String format) {
        assertThatCode(() -> ReferenceNumbers.validate(format)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"C-{yyyy}", "{seq:5}-{seq:5}", "C {seq:5}", "<b>{seq:5}", "C-{seq:0}", "C-{yyyy}-{month}-{seq:5}",
            "VERY-LONG-PREFIX-{yyyy}-{seq:5}"})
    void unusableFormatsStopTheServerWithOneLine(String format) {
        assertThatThrownBy(() -> ReferenceNumbers.validate(format)).isInstanceOf(ClientsConfigurationProblem.class)
                .hasMessageStartingWith("strongroom.clients.reference-format must");
    }
}
