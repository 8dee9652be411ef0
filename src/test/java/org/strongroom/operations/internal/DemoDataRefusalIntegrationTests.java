package org.strongroom.operations.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.strongroom.access.Actor;
import org.strongroom.clients.ClientResult;
import org.strongroom.clients.ClientStatus;
import org.strongroom.clients.Clients;
import org.strongroom.clients.NewClient;
import org.strongroom.identity.StaffAdministration;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffRole;
import org.strongroom.testing.TestFolders;

/** Demo data never mixes with real records: an installation with a client is refused whole. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "strongroom.data-dir=target/test-data/demo-refusal", "strongroom.audit.checkpoint-poll=1h", "strongroom.audit.verify-schedule=-"})
class DemoDataRefusalIntegrationTests {

    static {
        TestFolders.fresh("demo-refusal");
    }

    @Autowired
    DemoData demo;
    @Autowired
    Clients clients;
    @Autowired
    StaffAdministration staff;
    @Autowired
    JdbcClient jdbc;

    @Test
    void anInstallationWithClientsIsRefusedAndNothingIsAdded() {
        ClientResult<?> real = clients.create(new Actor.Staff(StaffId.random(), StaffRole.OWNER),
                new NewClient(ClientStatus.ACTIVE, Map.of("given_name", "Vira", "family_name", "Realna"), false));
        assertThat(real).isInstanceOf(ClientResult.Done.class);

        assertThatThrownBy(() -> demo.seed(10, 3L, n -> { })).isInstanceOf(DemoData.Refused.class)
                .hasMessage("this installation already has clients; demo data goes only into an installation without any");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM client").query(Long.class).single()).isEqualTo(1);
        // The staff invited at the start of the seed went with its transaction.
        assertThat(staff.list()).isEmpty();
        assertThat(demo.seeded()).isFalse();
    }
}
