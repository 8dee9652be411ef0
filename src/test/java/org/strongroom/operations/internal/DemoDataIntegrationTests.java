package org.strongroom.operations.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.strongroom.access.Actor;
import org.strongroom.clients.ClientProfile;
import org.strongroom.clients.Clients;
import org.strongroom.identity.StaffAdministration;
import org.strongroom.identity.StaffId;
import org.strongroom.identity.StaffMember;
import org.strongroom.identity.StaffRole;
import org.strongroom.identity.StaffStatus;
import org.strongroom.testing.TestFolders;

/**
 * The demo seed through the real services: clients encrypted, indexed and audited as their
 * makers, care teams led by practitioners, staff invited without passwords, and a second seed
 * refused with nothing changed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "strongroom.data-dir=target/test-data/demo-data", "strongroom.audit.checkpoint-poll=1h", "strongroom.audit.verify-schedule=-"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoDataIntegrationTests {

    static {
        TestFolders.fresh("demo-data");
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
    @Order(1)
    void seedsClientsStaffAndCareTeamsThroughTheServices() {
        List<Integer> progress = new ArrayList<>();
        DemoData.Seeded seeded = demo.seed(60, 1L, progress::add);
        assertThat(seeded.clients()).isEqualTo(60);
        assertThat(seeded.staff()).isEqualTo(7);
        assertThat(progress).hasSize(60).endsWith(60);
        assertThat(demo.seeded()).isTrue();

        assertThat(count("SELECT COUNT(*) FROM client")).isEqualTo(60);
        assertThat(count("SELECT COUNT(DISTINCT status) FROM client")).isGreaterThanOrEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM client WHERE status = 'CLOSED' AND closed_at IS NOT NULL")).isPositive();
        // Every client has a practitioner leading its care team; some have a second practitioner.
        assertThat(count("SELECT COUNT(DISTINCT client_id) FROM care_team_member WHERE team_role = 'LEAD'")).isEqualTo(60);
        assertThat(count("SELECT COUNT(*) FROM care_team_member WHERE team_role = 'MEMBER'")).isPositive();
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'clients.created'")).isEqualTo(60);
        assertThat(count("SELECT COUNT(*) FROM audit_entry WHERE action = 'clients.created' AND actor_id IS NULL")).isZero();

        List<StaffMember> members = staff.list();
        assertThat(members).hasSize(7).allMatch(m -> m.status() == StaffStatus.INVITED)
                .allMatch(m -> m.email().endsWith("@example.org") || m.email().endsWith("@example.com"));
        assertThat(members.stream().map(StaffMember::role).distinct())
                .containsExactlyInAnyOrder(StaffRole.ADMINISTRATOR, StaffRole.PRACTITIONER, StaffRole.STAFF);
        assertThat(count("SELECT COUNT(*) FROM staff_member WHERE password_hash IS NOT NULL")).isZero();

        // The values are real records: readable through the service, as an owner would.
        Actor owner = new Actor.Staff(StaffId.random(), StaffRole.OWNER);
        List<String> ids = jdbc.sql("SELECT id FROM client ORDER BY id").query(String.class).list();
        for (String id : ids.subList(0, 10)) {
            ClientProfile profile = clients.profile(owner, UUID.fromString(id));
            assertThat(profile.shown("given_name")).isNotBlank();
            String email = profile.shown("email");
            if (email != null) {
                assertThat(email).matches(".+@example\\.(org|com)");
            }
        }
    }

    @Test
    @Order(2)
    void aSecondSeedIsRefusedAndChangesNothing() {
        long before = count("SELECT COUNT(*) FROM client");
        assertThatThrownBy(() -> demo.seed(5, 2L, n -> { })).isInstanceOf(DemoData.Refused.class)
                .hasMessageContaining("already loaded");
        assertThat(count("SELECT COUNT(*) FROM client")).isEqualTo(before);
        assertThat(staff.list()).hasSize(7);
    }

    long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
