package org.strongroom.operations.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.strongroom.audit.AuditConfigurationProblem;
import org.strongroom.clients.ClientsConfigurationProblem;

/** A start-up failure becomes the one line of the setting that caused it, however deep it is wrapped. */
class StartupFailuresTests {

    @Test
    void aClientsSettingProblemIsShownAsItsOwnLine() {
        Throwable wrapped = new BeanCreationException("clients", new BeanCreationException("referenceNumbers",
                new ClientsConfigurationProblem("strongroom.clients.reference-format must contain {seq:N} once")));
        assertThat(StartupFailures.explain(wrapped)).isEqualTo("strongroom.clients.reference-format must contain {seq:N} once");
    }

    @Test
    void anAuditSettingProblemIsShownAsItsOwnLine() {
        Throwable wrapped = new IllegalStateException("context", new AuditConfigurationProblem("strongroom.audit.retention must be at least P6Y"));
        assertThat(StartupFailures.explain(wrapped)).isEqualTo("strongroom.audit.retention must be at least P6Y");
    }

    @Test
    void anUnknownFailureNamesItsRootCause() {
        assertThat(StartupFailures.explain(new IllegalStateException("outer", new ArithmeticException("/ by zero"))))
                .isEqualTo("unexpected error: ArithmeticException: / by zero");
    }
}
